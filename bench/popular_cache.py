#!/usr/bin/env python3
"""Does Popular as a fragment pay in Herald's own page cache? Every page shows its edition's
Popular list, so each new ranking (the maintenance loop ranks every 60 s and records a change
only when the list moved) retires every cached page of the edition. This measures what that costs
on the 100k set: a Zipf mix (s = 1) over 2,000 English articles straight at Herald (page cache on)
for --seconds (default 150: at least two rankings), the reads themselves moving the ranking.
From /metrics (the newsroom port): the page cache's hits, misses and pages retired, and how many
of the misses came right after a ranking; and the throughput in the first and in later minutes.

Run: python3 bench/popular_cache.py [--skip-build] [--seconds 150]"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, threading, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402
import edge  # noqa: E402


def scrape(port):
    status, body = bench.get(port, "/metrics")
    values = {}
    for line in body.decode().splitlines():
        if line.startswith("#") or " " not in line:
            continue
        name, value = line.rsplit(" ", 1)
        values[name] = float(value)
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=150)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    bench.ensure_tools()
    if not args.skip_build:
        bench.build_release()
    work, db = bench.working_copy("popular")
    port, newsroom = bench.free_port(19400), bench.free_port(19500)
    # With its newsroom port, for /metrics.
    args_list = [bench.HERALD, "serve", "--db", db, "--migrations", os.path.join(bench.ROOT, "migrations"),
                 "--public", os.path.join(bench.ROOT, "Public"), "--port", str(port), "--no-demo", "--no-access-log",
                 "--newsroom-port", str(newsroom)]
    process = subprocess.Popen(args_list, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=bench.ROOT)
    try:
        for _ in range(400):
            try:
                if bench.get(port, "/en/")[0] == 200 and bench.get(newsroom, "/metrics")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        script, picks = edge.zipf_script(db, work)
        for path in set(picks[:3000]):
            bench.get(port, path)
        samples = []
        stop = threading.Event()

        def sampler():
            while not stop.is_set():
                m = scrape(newsroom)
                samples.append((time.monotonic(), m.get('herald_cache_hits_total{cache="pages"}', 0),
                                m.get('herald_cache_misses_total{cache="pages"}', 0), m.get('herald_cache_retired_total{cache="pages"}', 0),
                                m.get('herald_http_requests_total{server="reader",route="/:edition/*section/:article",status="200"}', 0)))
                time.sleep(1)

        thread = threading.Thread(target=sampler)
        thread.start()
        output = subprocess.run(["wrk", "-t2", "-c16", f"-d{args.seconds}s", "-s", script, f"http://127.0.0.1:{port}"],
                                capture_output=True, text=True, timeout=args.seconds + 60).stdout
        stop.set()
        thread.join()
        rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1))
        first, last = samples[0], samples[-1]
        hits, misses, retired = last[1] - first[1], last[2] - first[2], last[3] - first[3]
        # The rankings: the seconds where pages were retired; misses within 5 s after each.
        rankings, after = [], 0
        for previous, current in zip(samples, samples[1:]):
            if current[3] > previous[3]:
                rankings.append((current[0] - first[0], current[3] - previous[3]))
                window = [s for s in samples if current[0] - 1 <= s[0] <= current[0] + 5]
                after += window[-1][2] - window[0][2]
        per_second = [(b[4] - a[4]) / (b[0] - a[0]) for a, b in zip(samples, samples[1:]) if b[0] > a[0]]
        quiet = [r for (a, b), r in zip(zip(samples, samples[1:]), per_second)
                 if not any(abs((b[0] - first[0]) - t) <= 3 for t, _ in rankings)]
        around = [r for (a, b), r in zip(zip(samples, samples[1:]), per_second)
                  if any(abs((b[0] - first[0]) - t) <= 3 for t, _ in rankings)]
        print(f"Zipf mix over 2,000 articles, {args.seconds} s straight at Herald (page cache on): {rps:.0f} req/s")
        print(f"  page cache: {hits:.0f} hits, {misses:.0f} misses (hit ratio {hits / max(1, hits + misses) * 100:.3f} %), {retired:.0f} pages retired")
        print(f"  Popular rankings that retired pages: {len(rankings)} " + ", ".join(f"at {t:.0f} s ({n:.0f} pages)" for t, n in rankings))
        print(f"  misses within 5 s after a ranking: {after:.0f} ({after / max(1, misses) * 100:.0f} % of all misses, "
              f"{after / max(1, hits + misses) * 100:.3f} % of requests)")
        if quiet and around:
            print(f"  article pages answered per second: {sum(quiet) / len(quiet):.0f} away from a ranking, "
                  f"{sum(around) / len(around):.0f} within 3 s of one")
    finally:
        process.terminate()
        process.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
