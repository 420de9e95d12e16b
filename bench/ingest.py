#!/usr/bin/env python3
"""Ingest from an agency system: POST /api/v1/ingest of ninjs items on the 100k set (release
build, pictures linked), from --clients concurrent clients: --items new items, then a newer
version of each (an update: publish changes), then every one again (unchanged). Items a second
and p50/p99 of each pass.

Run: python3 bench/ingest.py [--skip-build] [--items 400] [--clients 4]"""
import argparse, copy, http.client, json, os, statistics, subprocess, sys, time
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402

FIXTURE = os.path.join(bench.ROOT, "Tests", "Fixtures", "ninjs", "text-2.0.json")


def post(port, token, item):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    body = json.dumps(item).encode()
    started = time.perf_counter()
    connection.request("POST", "/api/v1/ingest", body=body,
                       headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    response = connection.getresponse()
    answer = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status not in (200, 201):
        raise SystemExit(f"bench: ingest answered {response.status}: {answer[:300]!r}")
    return json.loads(answer)["result"], elapsed


def run_pass(name, port, token, items, clients):
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(lambda item: post(port, token, item), items))
    wall = time.perf_counter() - started
    times = sorted(r[1] * 1000 for r in results)
    kinds = {k: sum(1 for r in results if r[0] == k) for k in {r[0] for r in results}}
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"  {name:9} {len(items) / wall:7.1f} items/s   p50 {statistics.median(times):6.1f} ms   p99 {p99:6.1f} ms   {kinds}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=400)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    bench.ensure_tools()
    if not args.skip_build:
        bench.build_release()
    work, db = bench.working_copy("ingest")
    migrations = ["--db", db, "--migrations", os.path.join(bench.ROOT, "migrations")]
    added = subprocess.run([bench.HERALD, "token", "add", "bench", "--editions", "en,ru", "--scope", "ingest"] + migrations,
                           capture_output=True, text=True, check=True)
    token = added.stdout.split("shown only now: ")[1].strip()
    reader, newsroom = bench.free_port(18600), bench.free_port(18700)
    server = subprocess.Popen([bench.HERALD, "serve", "--port", str(reader), "--newsroom-port", str(newsroom), "--no-demo",
                               "--public", os.path.join(bench.ROOT, "Public"), "--no-access-log", "--ingest-photos", "link"] + migrations,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if bench.get(reader, "/en/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        template = json.load(open(FIXTURE))
        items = []
        for n in range(args.items):
            item = copy.deepcopy(template)
            item["uri"] = f"urn:bench:{n}"
            item.pop("slugline", None)
            item["headlines"] = [{"role": "main", "value": f"Bench item {n}: the Mazhilis passes the budget"}]
            items.append(item)
        print(f"Ingest, {args.items} items from {args.clients} clients (100k set, release build, pictures linked):")
        run_pass("create", newsroom, token, items, args.clients)
        for item in items:
            item["version"] = "2"
            item["headlines"][0]["value"] += " (updated)"
        run_pass("update", newsroom, token, items, args.clients)
        run_pass("unchanged", newsroom, token, items, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=30)
        bench.shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
