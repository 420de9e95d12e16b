#!/usr/bin/env python3
"""Readers of one edition while an editor publishes in another: wrk on cached Russian pages,
rounds without and with an English article saved and published through the newsroom every
second, in turns. Reports reader req/s both ways (target: within 10 %), the share of reader
answers still `X-Cache: HIT` while publishing (target: at least 99 %), and the newsroom's save and
publish latencies (p50/p99).

    python3 bench/publishing.py [--rounds 3] [--duration 10] [--skip-build]

It uses the 100k-article set of `bench/run.py` (generated when missing or stale), copied so the
published articles do not change it.
"""
import argparse, http.client, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (the datasets, the build, the helpers)
from newsroomclient import NewsroomClient  # noqa: E402

# Rotates over the pages and counts X-Cache per thread; `done` (the main thread) sums them.
LUA = """
threads = {}
setup = function(thread) table.insert(threads, thread) end
init = function(args)
  hits, misses, counter = 0, 0, 0
  paths = {}
  for path in string.gmatch(os.getenv("PATHS"), "%S+") do paths[#paths + 1] = path end
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
response = function(status, headers, body)
  if headers["X-Cache"] == "HIT" then hits = hits + 1 else misses = misses + 1 end
end
done = function(summary, latency, requests)
  local h, m = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); m = m + t:get("misses") end
  io.write(string.format("HITS %d MISSES %d\\n", h, m))
end
"""


def publisher(newsroom, stop, saves, publishes, errors):
    """Every second: a new English article saved as a draft, then published."""
    n = 0
    while not stop.is_set():
        tick = time.monotonic()
        n += 1
        fields = [("csrf", newsroom.csrf), ("edition", "en"), ("section", "news/politics"), ("title", f"Bench article {n} {int(tick)}"),
                  ("slug", ""), ("story", ""), ("dateline", "ASTANA"), ("lead", "A lead for the benchmark."),
                  ("body", "A paragraph of the benchmark's article. " * 80), ("tags", "parliament"), ("bylines", "Bench Editor"),
                  ("photo", ""), ("caption", ""), ("credit", ""), ("published", ""), ("revision", ""), ("action", "save")]
        status, location, _, elapsed = newsroom.request("POST", "/articles", fields)
        if status != 303:
            errors.append(f"save {status}")
            continue
        saves.append(elapsed)
        article = re.search(r"/articles/(\d+)", location).group(1)
        _, _, page, _ = newsroom.request("GET", f"/articles/{article}")
        revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
        fields = [(k, v) for k, v in fields if k not in ("revision", "action", "csrf")]
        fields += [("csrf", newsroom.csrf), ("revision", revision), ("action", "publish")]
        status, _, _, elapsed = newsroom.request("POST", f"/articles/{article}", fields)
        if status != 303:
            errors.append(f"publish {status}")
        else:
            publishes.append(elapsed)
        stop.wait(max(0.0, 1.0 - (time.monotonic() - tick)))


def wrk(port, paths, duration, script):
    env = dict(os.environ, PATHS=" ".join(paths))
    result = subprocess.run(["wrk", "-t2", "-c32", f"-d{duration}s", "--latency", "-s", script, f"http://127.0.0.1:{port}/"],
                            capture_output=True, text=True, env=env, timeout=duration + 60)
    text = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    hits, misses = map(int, re.search(r"HITS (\d+) MISSES (\d+)", text).groups())
    return rate, hits / max(1, hits + misses)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000 if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    os.makedirs(bench.OUT, exist_ok=True)
    bench.ensure_tools()
    if not args.skip_build:
        bench.build_release()
    work, db = bench.working_copy("publishing")
    password = "benchmark editor password"
    subprocess.run([bench.HERALD, "user", "add", "bencheditor", "--role", "editor", "--editions", "en", "--password-stdin",
                    "--db", db, "--migrations", os.path.join(bench.ROOT, "migrations")], input=password + "\n", text=True, check=True,
                   capture_output=True)
    port, newsroom_port = bench.free_port(18500), bench.free_port(18600)
    server = subprocess.Popen([bench.HERALD, "serve", "--db", db, "--migrations", os.path.join(bench.ROOT, "migrations"),
                               "--public", os.path.join(bench.ROOT, "Public"), "--no-demo", "--no-access-log", "--port", str(port),
                               "--newsroom-port", str(newsroom_port)],
                              stdout=open(os.path.join(work, "server.log"), "w"), stderr=subprocess.STDOUT)
    script = os.path.join(work, "pages.lua")
    with open(script, "w") as f:
        f.write(LUA)
    try:
        for _ in range(200):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/ru/")
                home = connection.getresponse().read().decode()
                break
            except OSError:
                time.sleep(0.1)
        articles = list(dict.fromkeys(re.findall(r'href="(/ru/[a-z/]+/\d+-[a-z0-9-]+)"', home)))[:12]
        tags = list(dict.fromkeys(re.findall(r'href="(/ru/tag/[a-z0-9-]+)"', home)))[:4]
        paths = ["/ru/", "/ru/news/"] + articles + tags
        newsroom = NewsroomClient(newsroom_port)
        newsroom.sign_in("bencheditor", password)
        wrk(port, paths, 3, script)   # warm: every page rendered once and cached
        quiet, busy, saves, publishes, errors, hit_share = [], [], [], [], [], []
        for index in range(args.rounds):
            rate, _ = wrk(port, paths, args.duration, script)
            quiet.append(rate)
            stop = threading.Event()
            thread = threading.Thread(target=publisher, args=(newsroom, stop, saves, publishes, errors))
            thread.start()
            time.sleep(0.5)
            rate, share = wrk(port, paths, args.duration, script)
            busy.append(rate)
            hit_share.append(share)
            stop.set()
            thread.join()
            bench.log(f"round {index + 1}: quiet {quiet[-1]:,.0f} req/s, publishing {busy[-1]:,.0f} req/s, HIT {hit_share[-1] * 100:.2f} %")
        ratios = [b / q for q, b in zip(quiet, busy)]
        report = {
            "pages": paths, "quiet_rps": quiet, "publishing_rps": busy, "ratio_median": statistics.median(ratios),
            "hit_share_min": min(hit_share), "saves": len(saves), "publishes": len(publishes), "errors": errors,
            "save_p50_ms": percentile(saves, 50), "save_p99_ms": percentile(saves, 99),
            "publish_p50_ms": percentile(publishes, 50), "publish_p99_ms": percentile(publishes, 99),
            "save_ms": [round(x * 1000, 1) for x in saves], "publish_ms": [round(x * 1000, 1) for x in publishes],
        }
        with open(os.path.join(bench.OUT, "publishing.json"), "w") as f:
            json.dump(report, f, indent=2)
        met = report["ratio_median"] >= 0.9 and report["hit_share_min"] >= 0.99 and not errors
        print(f"""
**Publishing while reading** — {len(paths)} cached Russian pages under wrk -t2 -c32 -d{args.duration}s, {args.rounds} rounds,
an English article saved and published every second in the busy passes

| | req/s (median) | ratio | readers' answers HIT | save p50 / p99 | publish p50 / p99 |
|---|---|---|---|---|---|
| quiet | {statistics.median(quiet):,.0f} | | | | |
| publishing | {statistics.median(busy):,.0f} | {report['ratio_median']:.3f} | {report['hit_share_min'] * 100:.2f} % (lowest round) | {report['save_p50_ms']:.1f} / {report['save_p99_ms']:.1f} ms | {report['publish_p50_ms']:.1f} / {report['publish_p99_ms']:.1f} ms |

{len(saves)} saves, {len(publishes)} publishes, {len(errors)} errors. Targets: ratio ≥ 0.90, HIT ≥ 99 % — {"met" if met else "MISSED"}.
""")
        return 0 if met else 3
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
