#!/usr/bin/env python3
"""Two or more Herald builds or option sets on the same cached page, in alternating rounds: the
way to measure what a change costs on the hot path (metrics, a header, the access log) when this
machine's rounds vary by ±15 %. Each round starts every variant in turn on a copy of the 100k set,
warms it, and runs wrk -t2 -c32 on the first article of /en/; medians of the rounds are printed.

  python3 bench/compare.py --rounds 6 \\
      'before=/tmp/herald-before --no-access-log' \\
      'after=.build/release/herald --no-access-log' \\
      'always=.build/release/herald --no-access-log --request-id-header always'

Each variant is NAME=BINARY [herald serve options]."""
import argparse, os, re, shlex, statistics, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402


def start(binary, options, db, port):
    process = subprocess.Popen([binary, "serve", "--db", db, "--migrations", os.path.join(bench.ROOT, "migrations"),
                                "--public", os.path.join(bench.ROOT, "Public"), "--port", str(port), "--no-demo", "--no-newsroom"]
                               + options, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=bench.ROOT)
    for _ in range(600):
        try:
            if bench.get(port, "/en/")[0] == 200:
                return process
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"compare: {binary} exited at start")
        time.sleep(0.05)
    raise SystemExit(f"compare: {binary} did not answer")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variants", nargs="+", help="NAME=BINARY [options]")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--duration", type=int, default=5)
    args = parser.parse_args()
    variants = []
    for text in args.variants:
        name, _, command = text.partition("=")
        words = shlex.split(command)
        if not name or not words:
            parser.error(f"{text!r}: expected NAME=BINARY [options]")
        variants.append((name, words[0], words[1:]))
    bench.ensure_tools()
    work, db = bench.working_copy("compare")
    results = {name: [] for name, _, _ in variants}
    path = None
    try:
        for round_number in range(args.rounds):
            for name, binary, options in variants:
                port = bench.free_port(19100)
                process = start(binary, options, db, port)
                try:
                    if path is None:
                        _, home = bench.get(port, "/en/")
                        path = re.search(rb'href="(/en/[a-z0-9/-]+/[0-9]+-[a-z0-9-]+)"', home).group(1).decode()
                    bench.get(port, path)
                    subprocess.run(["wrk", "-t2", "-c32", "-d2s", f"http://127.0.0.1:{port}{path}"], capture_output=True)
                    output = subprocess.run(["wrk", "-t2", "-c32", f"-d{args.duration}s", f"http://127.0.0.1:{port}{path}"],
                                            capture_output=True, text=True).stdout
                    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1))
                    results[name].append(rps)
                    bench.log(f"round {round_number + 1} {name}: {rps:.0f} req/s")
                finally:
                    process.terminate()
                    process.wait()
    finally:
        bench.shutil.rmtree(work, ignore_errors=True)
    base = statistics.median(results[variants[0][0]])
    print(f"Cached article {path}, {args.rounds} alternating rounds of wrk -t2 -c32 -d{args.duration}s (medians):")
    for name, values in results.items():
        median = statistics.median(values)
        print(f"  {name:12} {median:9.0f} req/s  {median / base:5.2f}× {variants[0][0]}   rounds: {', '.join(f'{v:.0f}' for v in values)}")


if __name__ == "__main__":
    main()
