#!/usr/bin/env python3
"""The photo upload benchmark: a 12-megapixel JPEG (4000 × 3000, made by herald-bench-data) posted
to the newsroom's media library, timed from the first byte sent to the answer (reading, checking,
hashing and the six libvips renditions), with the server's peak memory before and after.

Run: python3 bench/upload.py [--rounds 5] [--skip-build]. Each round uploads a different photo
(the same bytes would be answered from the library without processing). The release build, a
fresh database with the demo, no other load."""
import argparse, os, re, shutil, statistics, subprocess, sys, tempfile, time, uuid
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench
from newsroomclient import NewsroomClient

BENCH_DATA = os.path.join(bench.ROOT, ".build", "release", "herald-bench-data")


def rss(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    return 0


def upload(client, path):
    boundary = "----herald-bench-" + uuid.uuid4().hex
    photo = open(path, "rb").read()
    parts = []
    for name, value in [("csrf", client.csrf), ("alt", "A benchmark photo"), ("caption", ""), ("credit", "")]:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode())
    body = b"".join(parts) + photo + f"\r\n--{boundary}--\r\n".encode()
    connection = http.client.HTTPConnection("127.0.0.1", client.port, timeout=120)
    headers = {"Origin": f"http://127.0.0.1:{client.port}", "Content-Type": f"multipart/form-data; boundary={boundary}",
               "Cookie": "; ".join(f"{k}={v}" for k, v in client.cookies.items())}
    started = time.perf_counter()
    connection.request("POST", "/media", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status, time.perf_counter() - started, len(photo)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    os.makedirs(bench.OUT, exist_ok=True)
    if not args.skip_build:
        bench.build_release()
    work = tempfile.mkdtemp(prefix="herald-upload-", dir=bench.OUT)
    try:
        photos = []
        for index in range(args.rounds):
            path = os.path.join(work, f"photo-{index}.jpg")
            subprocess.run([BENCH_DATA, "--photo", path, "--photo-size", "4000x3000"], check=True, stdout=subprocess.DEVNULL)
            photos.append(path)
        port, newsroom = bench.free_port(18700), bench.free_port(18800)
        log = open(os.path.join(work, "server.log"), "w")
        server = subprocess.Popen([bench.HERALD, "serve", "--db", os.path.join(work, "upload.sqlite"),
                                   "--migrations", os.path.join(bench.ROOT, "migrations"), "--public", os.path.join(bench.ROOT, "Public"),
                                   "--demo", os.path.join(bench.ROOT, "demo"), "--no-access-log", "--port", str(port),
                                   "--newsroom-port", str(newsroom)], stdout=log, stderr=subprocess.STDOUT)
        password = None
        for _ in range(300):
            text = open(os.path.join(work, "server.log")).read()
            match = re.search(r'created user "admin" with password (\S+)', text)
            if match and "newsroom on http://" in text:
                password = match.group(1)
                break
            time.sleep(0.1)
        if password is None:
            raise SystemExit("bench: herald did not start:\n" + open(os.path.join(work, "server.log")).read())
        client = NewsroomClient(newsroom)
        client.sign_in("admin", password)
        client.request("GET", "/media")
        before = rss(server.pid, "VmHWM")
        times = []
        for path in photos:
            status, seconds, size = upload(client, path)
            if status != 303:
                raise SystemExit(f"bench: the upload was answered {status}")
            times.append(seconds)
            client.request("GET", "/media")
        after = rss(server.pid, "VmHWM")
        server.terminate()
        server.wait(timeout=20)
        print(f"upload of a 4000 × 3000 JPEG ({size / 1e6:.1f} MB), {args.rounds} rounds: "
              f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")
        print(f"server peak RSS: {before} MB before the uploads, {after} MB after (+{after - before} MB)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
