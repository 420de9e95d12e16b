#!/usr/bin/env python3
"""Sitemaps and search at scale (see bench/README.md), on the 1M-article set (built once by
run.py's generator).

Sitemaps: every edition's largest article file is requested cold (built from SQLite, gzipped and
kept) and then warm (from the sitemap cache), with its URL count, plain and gzip size; the index,
a tags file, the sections file and the Google News file are timed the same way. Targets: a full
article file built in under 1 s, files within the protocol's 50,000 URLs and 50 MB.

Search: in each edition, one-, two- and three-word queries drawn from the generator's own word
lists (so they match), each sent over HTTP one at a time (p50/p99 of the answer, rendered page
included) and then by wrk with 8 connections for the req/s; beside them in the same run, the
same words by a LIKE scan of the same rows (headline, lead and body of the edition's live
articles) — first 20, newest first, and the count the search page shows. Target: p99 ≤ 50 ms."""

import argparse
import gzip
import http.client
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

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


EDITIONS = ("en", "ru", "kz", "qz", "zh", "tote", "uz")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def queries(per_edition, seed):
    """(edition, text) pairs: one-, two- and three-word queries of each edition's words."""
    words = json.load(open(os.path.join(run.ROOT, "bench", "vocabulary.json")))["words"]
    rng = random.Random(seed)
    out = []
    for edition in EDITIONS:
        pool = [display for display, _ in words[edition]]
        for n in range(per_edition):
            out.append((edition, " ".join(rng.sample(pool, 1 + n % 3))))
    return out


def search_bench(port, db, per_edition, wrk_seconds):
    chosen = queries(per_edition, 7)
    latencies = {1: [], 2: [], 3: []}
    by_edition = {e: [] for e in EDITIONS}
    for edition, text in chosen:
        path = f"/{edition}/search?q=" + urllib.parse.quote(text)
        fetch(port, path)   # the first answer warms SQLite's cache for these words
        seconds, status, _, _ = fetch(port, path)
        if status != 200:
            raise SystemExit(f"discovery bench: {path} answered {status}")
        latencies[len(text.split())].append(seconds * 1000)
        by_edition[edition].append(seconds * 1000)
    # req/s: wrk rotating over the queries of all editions.
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False, dir=run.OUT)
    paths = ", ".join(json.dumps(f"/{e}/search?q=" + urllib.parse.quote(t)) for e, t in chosen)
    script.write("local paths = {" + paths + "}\nlocal i = 0\nrequest = function()\n i = i % #paths + 1\n"
                 " return wrk.format(\"GET\", paths[i])\nend\n")
    script.close()
    output = subprocess.run(["wrk", "-t2", "-c8", f"-d{wrk_seconds}s", "--latency", "-s", script.name,
                             f"http://127.0.0.1:{port}/"], capture_output=True, text=True, timeout=wrk_seconds + 60).stdout
    os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1))
    wrk_p99 = run.to_ms(dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))["99"])
    # The same words by LIKE over the same rows, in this run.
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    like_first, like_count = [], []
    for edition, text in chosen[::4]:
        terms = text.split()
        where = " AND ".join(["(title LIKE ? OR lead LIKE ? OR body_source LIKE ?)"] * len(terms))
        arguments = [edition] + [f"%{t}%" for t in terms for _ in range(3)]
        started = time.monotonic()
        connection.execute(f"SELECT id FROM articles WHERE edition_code = ? AND status = 'published' AND {where} "
                           "ORDER BY published_at DESC LIMIT 20", arguments).fetchall()
        like_first.append((time.monotonic() - started) * 1000)
        started = time.monotonic()
        connection.execute(f"SELECT COUNT(*) FROM articles WHERE edition_code = ? AND status = 'published' AND {where}",
                           arguments).fetchone()
        like_count.append((time.monotonic() - started) * 1000)
    connection.close()
    every = [v for values in latencies.values() for v in values]
    print("\n| search | queries | p50 ms | p99 ms |")
    print("|---|---:|---:|---:|")
    for n, values in latencies.items():
        print(f"| {n} word{'s' if n > 1 else ''} | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 99):.1f} |")
    for edition, values in by_edition.items():
        print(f"| {edition} | {len(values)} | {statistics.median(values):.1f} | {percentile(values, 99):.1f} |")
    print(f"| all | {len(every)} | {statistics.median(every):.1f} | {percentile(every, 99):.1f} |")
    print(f"\nsearch under wrk (-t2 -c8, {wrk_seconds} s, all {len(chosen)} queries in turn): {rps:,.0f} req/s, p99 {wrk_p99:.1f} ms")
    print(f"LIKE over the same rows ({len(like_first)} of the queries): first 20 p50 {statistics.median(like_first):.0f} ms / "
          f"p99 {percentile(like_first, 99):.0f} ms; count p50 {statistics.median(like_count):.0f} ms / p99 {percentile(like_count, 99):.0f} ms")
    return percentile(every, 99)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="1m", choices=sorted(run.SETS))
    parser.add_argument("--warm", type=int, default=20, help="warm requests per file")
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--queries", type=int, default=30, help="search queries per edition")
    parser.add_argument("--wrk", type=int, default=10, help="seconds of wrk over the search queries")
    args = parser.parse_args()
    os.makedirs(run.OUT, exist_ok=True)
    if not args.skip_build:
        run.build_release()
    db, _ = run.dataset(args.set, 1, run.today())
    # The file read once first: a cold file build measures the disk, not Herald (a serving
    # machine has its database in the page cache; this one may have just written it).
    with open(db, "rb") as f:
        while f.read(1 << 24):
            pass
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
        search_p99 = search_bench(server.port, db, args.queries, args.wrk)
        rss = server.peak_rss_mb()
    finally:
        server.stop()
    print("\n| file | URLs | plain MB | gzip MB | cold (built) s | warm ms |")
    print(f"|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['path']} | {row['urls']:,} | {row['plain_mb']:.1f} | {row['gzip_mb']:.2f} | {row['cold_s']:.3f} | {row['warm_ms']:.2f} |")
    full = [r for r in rows if "articles" in r["path"]]
    slowest = max(r["cold_s"] for r in full)
    largest = max(r["plain_mb"] for r in full)
    print(f"\nindex lists {len(paths)} files; article files: slowest build {slowest:.3f} s (target < 1 s), "
          f"largest {largest:.1f} MB (limit 52.4 MB); peak RSS {rss:.0f} MB")
    print(f"search p99 {search_p99:.1f} ms (target ≤ 50 ms)")
    return 0 if slowest < 1.0 and largest * 1e6 <= 50 * 1024 * 1024 and search_p99 <= 50 else 3


if __name__ == "__main__":
    sys.exit(main())
