#!/usr/bin/env python3
"""Sitemaps at scale (see bench/README.md): on the 1M-article set (built once by run.py's
generator), every edition's largest article file is requested cold (built from SQLite, gzipped
and kept) and then warm (from the sitemap cache), with its URL count, plain and gzip size. The
index, a tags file, the sections file and the Google News file are timed the same way. Targets:
a full article file built in under 1 s, files within the protocol's 50,000 URLs and 50 MB, warm
answers in a few milliseconds."""

import argparse
import gzip
import http.client
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402  (the shared dataset and server helpers)

BASE = "https://news.example.kz"


def fetch(port, path):
    """(seconds, status, X-Cache, gzip bytes) of a GET that takes gzip."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.monotonic()
    connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
    response = connection.getresponse()
    body = response.read()
    seconds = time.monotonic() - started
    connection.close()
    return seconds, response.status, response.getheader("X-Cache"), body


def measure(port, path, warm_rounds):
    cold, status, cache, body = fetch(port, path)
    if status != 200:
        raise SystemExit(f"discovery bench: {path} answered {status}")
    plain = gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body
    warm = []
    for _ in range(warm_rounds):
        seconds, _, hit, _ = fetch(port, path)
        if hit != "HIT":
            raise SystemExit(f"discovery bench: {path} was not kept ({hit})")
        warm.append(seconds)
    return {"path": path, "cold_s": cold, "first": cache, "warm_ms": statistics.median(warm) * 1000,
            "urls": plain.count(b"<url>") + plain.count(b"<sitemap>"), "plain_mb": len(plain) / 1e6, "gzip_mb": len(body) / 1e6}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="1m", choices=sorted(run.SETS))
    parser.add_argument("--warm", type=int, default=20, help="warm requests per file")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    os.makedirs(run.OUT, exist_ok=True)
    if not args.skip_build:
        run.build_release()
    db, _ = run.dataset(args.set, 1, run.today())
    server = run.Server(db, cache=True, extra=["--base-url", BASE, "--sitemap-cache-mb", "512"])
    rows = []
    try:
        index_row = measure(server.port, "/sitemap.xml", args.warm)
        rows.append(index_row)
        _, _, _, body = fetch(server.port, "/sitemap.xml")
        locs = re.findall(rb"<loc>([^<]+)</loc>", gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)
        paths = [loc.decode()[len(BASE):] for loc in locs]
        for edition in ("en", "ru", "kz", "qz", "zh", "tote", "uz"):
            mine = [p for p in paths if p.startswith(f"/{edition}/")]
            articles = [p for p in mine if "sitemap-articles-" in p]
            if articles:
                rows.append(measure(server.port, articles[0], args.warm))   # a full slice
            if edition == "en":
                rows += [measure(server.port, p, args.warm) for p in mine if "articles" not in p]
        rss = server.peak_rss_mb()
    finally:
        server.stop()
    print(f"| file | URLs | plain MB | gzip MB | cold (built) s | warm ms |")
    print(f"|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['path']} | {row['urls']:,} | {row['plain_mb']:.1f} | {row['gzip_mb']:.2f} | {row['cold_s']:.3f} | {row['warm_ms']:.2f} |")
    full = [r for r in rows if "articles" in r["path"]]
    slowest = max(r["cold_s"] for r in full)
    largest = max(r["plain_mb"] for r in full)
    print(f"\nindex lists {len(paths)} files; article files: slowest build {slowest:.3f} s (target < 1 s), "
          f"largest {largest:.1f} MB (limit 52.4 MB); peak RSS {rss:.0f} MB")
    return 0 if slowest < 1.0 and largest * 1e6 <= 50 * 1024 * 1024 else 3


if __name__ == "__main__":
    sys.exit(main())
