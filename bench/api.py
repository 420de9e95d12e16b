#!/usr/bin/env python3
"""The content API beside the HTML pages of the same: an article by id against its article page,
a tag's listing against the tag page, on the 100k set with the page cache on and --base-url set
(so answers are kept, as in production). wrk -t2 -c32 in turns, --rounds rounds of --duration s;
req/s and p99 medians, and the bytes of each answer.

Run: python3 bench/api.py [--skip-build] [--rounds 3] [--duration 5]"""
import argparse, os, re, statistics, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    bench.ensure_tools()
    if not args.skip_build:
        bench.build_release()
    work, db = bench.working_copy("api")
    server = bench.Server(db, cache=True, extra=["--base-url", "https://news.example.kz"])
    try:
        pages, (tag, _), _ = bench.pick_pages(db, server.port)
        article_id = re.search(r"/([0-9]+)-", pages["article"]).group(1)
        pairs = {
            "article": (f"/api/v1/articles/{article_id}", pages["article"]),
            "tag": (f"/api/v1/editions/en/tags/{tag}/articles", pages["tag"]),
        }
        print(f"Content API beside the HTML pages, {args.rounds} rounds of wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
              "(medians; page cache on, --base-url set):")
        for name, (api, html) in pairs.items():
            sizes = {}
            for path in (api, html):
                status, body = bench.get(server.port, path)
                if status != 200:
                    raise SystemExit(f"bench: {path} answered {status}")
                sizes[path] = len(body)
            runs = {api: [], html: []}
            for _ in range(args.rounds):
                for path in (api, html):
                    runs[path].append(bench.wrk(server.port, path, args))
            line = []
            for label, path in (("API", api), ("page", html)):
                rps = statistics.median(r["rps"] for r in runs[path])
                p99 = statistics.median(r["p99"] for r in runs[path])
                line.append(f"{label} {rps:9.0f} req/s p99 {p99:5.2f} ms ({sizes[path]:,} B)")
            print(f"  {name:8} " + "   ".join(line) + f"   {api}")
    finally:
        server.stop()
        bench.shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
