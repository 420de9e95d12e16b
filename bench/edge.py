#!/usr/bin/env python3
"""The edge benchmark: Herald behind one Varnish 7.1 node (the shipped VCL) over the 100k set.

1. Article, tag and home pages through the node against nginx serving the same bytes, in turns
   (wrk -t2 -c16, --rounds rounds of --duration s; the ratio is node / nginx, per round, median),
   and against the same bytes from nginx through a node with the same VCL: Varnish's own ceiling
   on this machine, whatever the origin.
2. A Zipf mix (s = 1) over 2,000 English article pages through the node for --mix-seconds while
   one article a second is corrected by `herald import` from another process: the node's hit
   ratio, the requests that reached Herald per second, and the delay from each import's return
   to the new headline served by the node (p50 / p99).

Run: python3 bench/edge.py [--skip-build] [--rounds 3] [--duration 5] [--mix-seconds 20]
(Debian varnish, varnish-modules, nginx and wrk; installs what is missing like bench/run.py)."""
import argparse, json, os, random, re, shutil, statistics, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench

SECRET = "edge-benchmark-secret-0123456789"


class Node:
    """varnishd as a daemon with the VCL `herald edge vcl` prints for an origin port."""

    def __init__(self, origin_port, port, esi=True):
        self.dir = tempfile.mkdtemp(prefix="herald-edge-", dir=bench.OUT)
        self.port = port
        vcl = subprocess.run([bench.HERALD, "edge", "vcl", "--origin", f"127.0.0.1:{origin_port}", "--purge-secret", SECRET]
                             + ([] if esi else ["--no-esi"]), capture_output=True, text=True, check=True).stdout
        path = os.path.join(self.dir, "herald.vcl")
        open(path, "w").write(vcl)
        subprocess.run(["varnishd", "-j", "none", "-a", f"127.0.0.1:{self.port}", "-f", path, "-s", "malloc,512m",
                        "-n", os.path.join(self.dir, "n"), "-P", os.path.join(self.dir, "pid")], check=True)
        for _ in range(200):
            try:
                if bench.get(self.port, "/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("bench: varnishd did not answer")

    def counters(self):
        output = subprocess.run(["varnishstat", "-n", os.path.join(self.dir, "n"), "-1", "-j"], capture_output=True, text=True).stdout
        data = json.loads(output)
        fields = data.get("counters", data)
        def value(name):
            return fields.get(name, {}).get("value", 0)
        return {"hit": value("MAIN.cache_hit"), "miss": value("MAIN.cache_miss"), "backend": value("MAIN.backend_req")}

    def stop(self):
        pid = int(open(os.path.join(self.dir, "pid")).read())
        subprocess.run(["pkill", "-KILL", "-P", str(pid)])
        os.kill(pid, 9)
        shutil.rmtree(self.dir, ignore_errors=True)


def zipf_paths(paths, count, seed=7):
    """`count` picks from `paths` with Zipf weights (s = 1): a few stories read by most readers."""
    weights = [1 / (rank + 1) for rank in range(len(paths))]
    return random.Random(seed).choices(paths, weights=weights, k=count)


def zipf_script(db, directory, count=20000):
    """A wrk script requesting the 2,000 newest English articles of `db` in a Zipf order (s = 1),
    written into `directory`; returns its path and the picks."""
    connection = bench.sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = connection.execute("""
        SELECT a.id, a.slug, s.path FROM articles a JOIN sections s ON s.id = a.section_id
        WHERE a.edition_code = 'en' AND a.status = 'published' ORDER BY a.published_at DESC LIMIT 2000""").fetchall()
    connection.close()
    picks = zipf_paths([f"/en/{section}/{id}-{slug}" for id, slug, section in rows], count)
    script = os.path.join(directory, "mix.lua")
    with open(script, "w") as f:
        f.write("paths = {" + ",".join(json.dumps(p) for p in picks) + "}\n")
        f.write("counter = 0\nrequest = function()\n  counter = counter % #paths + 1\n  return wrk.format('GET', paths[counter])\nend\n")
    return script, picks


def mix(node, origin_port, db, lines, args):
    """The Zipf mix with one correction a second; returns hit ratio, origin req/s, delays."""
    script, picks = zipf_script(db, node.dir)
    for path in set(picks[:3000]):
        bench.get(node.port, path)   # warm: the node holds what readers ask for most
    delays = []
    stop = threading.Event()

    def publisher():
        index = 0
        while not stop.is_set():
            line = dict(lines[index % len(lines)])
            target = line.pop("url_path")
            index += 1
            title = f"Edge benchmark correction {index} {random.random():.6f}"
            line["title"] = title
            path = os.path.join(node.dir, "one.jsonl")
            with open(path, "w") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
            subprocess.run([bench.HERALD, "import", path, "--db", db, "--migrations", os.path.join(bench.ROOT, "migrations")],
                           check=True, capture_output=True)
            imported = time.monotonic()
            while time.monotonic() - imported < 10:
                status, body = bench.get(node.port, target)
                if title.encode() in body:
                    delays.append(time.monotonic() - imported)
                    break
                time.sleep(0.005)
            time.sleep(max(0, 1 - (time.monotonic() - imported)))

    before = node.counters()
    thread = threading.Thread(target=publisher)
    thread.start()
    output = subprocess.run(["wrk", "-t2", "-c16", f"-d{args.mix_seconds}s", "-s", script, f"http://127.0.0.1:{node.port}"],
                            capture_output=True, text=True, timeout=args.mix_seconds + 60).stdout
    stop.set()
    thread.join()
    after = node.counters()
    hits, misses = after["hit"] - before["hit"], after["miss"] - before["miss"]
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1))
    return {"rps": rps, "hit_ratio": hits / max(1, hits + misses), "origin_rps": (after["backend"] - before["backend"]) / args.mix_seconds,
            "delays": delays}


def correction_lines(db, count=20):
    """Import lines for recent English articles (their current fields), to correct one a second."""
    connection = bench.sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = connection.execute("""
        SELECT a.id, a.slug, s.path, st.key, a.title, a.lead, a.body_source, a.published_at,
          (SELECT group_concat(t.slug) FROM article_tags l JOIN tags t ON t.id = l.tag_id WHERE l.article_id = a.id)
        FROM articles a JOIN sections s ON s.id = a.section_id JOIN stories st ON st.id = a.story_id
        WHERE a.edition_code = 'en' AND a.status = 'published' ORDER BY a.published_at DESC LIMIT ?""", (count,)).fetchall()
    connection.close()
    lines = []
    for id, slug, section, story, title, lead, body, published, tags in rows:
        lines.append({"edition": "en", "story": story, "section": section, "slug": slug, "title": title, "lead": lead, "body": body,
                      "tags": (tags or "").split(",") if tags else [], "status": "published",
                      "published": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(published)),
                      "url_path": f"/en/{section}/{id}-{slug}"})
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5)
    parser.add_argument("--mix-seconds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    os.makedirs(bench.OUT, exist_ok=True)
    bench.ensure_tools()
    for tool in ("varnishd", "varnishstat"):
        if not shutil.which(tool):
            subprocess.run(["apt-get", "install", "-y", "-qq", "varnish", "varnish-modules"], check=True)
    if not args.skip_build:
        bench.build_release()
    work, db = bench.working_copy("edge")
    node_port = bench.free_port(18900)
    server = bench.Server(db, cache=True, extra=["--purge-node", f"http://127.0.0.1:{node_port}", "--purge-secret", SECRET])
    node = Node(server.port, node_port)
    time.sleep(3)   # the node's first purge (of everything) lands before anything is measured
    try:
        pages, _, _ = bench.pick_pages(db, server.port)
        plain = Node(server.port, bench.free_port(18950), esi=False)
        try:
            for label, measured in (("with Popular as an ESI fragment (the default VCL)", node), ("with --no-esi", plain)):
                saved = {}
                for name, path in pages.items():
                    bench.get(measured.port, path)
                    status, body = bench.get(measured.port, path)
                    saved[name + ".html"] = body
                saved["healthz"] = b"ok\n"   # the VCL's health probe, for the node in front of nginx
                nginx = bench.Nginx(saved)
                # The ceiling: the same bytes from nginx through a node of the same VCL (no ESI in them):
                # what Varnish itself serves on this machine, whatever the origin.
                ceiling = Node(nginx.port, bench.free_port(18980), esi=False)
                try:
                    named = {name: f"/{name}.html" for name in pages}
                    for path in named.values():
                        bench.get(ceiling.port, path)
                    results = bench.side_by_side(measured.port, nginx.port, {name: (path, named[name]) for name, path in pages.items()}, args)
                    through = bench.side_by_side(measured.port, ceiling.port, {name: (path, named[name]) for name, path in pages.items()}, args)
                finally:
                    ceiling.stop()
                    nginx.stop()
                print(f"\nThrough one Varnish node {label}, against nginx serving the same bytes, and against the same bytes "
                      f"from nginx through a node (median of rounds):")
                for name, runs in results.items():
                    herald, nginx_result, ratio, errors = bench.summarize(runs)
                    _, ceiling_result, ceiling_ratio, _ = bench.summarize(through[name])
                    print(f"  {name:8} node {herald['rps']:9.0f} req/s  p99 {herald['p99']:6.2f} ms   nginx {nginx_result['rps']:9.0f} req/s "
                          f"ratio {ratio:.2f}x   nginx through a node {ceiling_result['rps']:9.0f} req/s ratio {ceiling_ratio:.2f}x  errors {errors}")
        finally:
            plain.stop()
        outcome = mix(node, server.port, db, correction_lines(db), args)
        delays = sorted(outcome["delays"])
        p50 = statistics.median(delays) * 1000 if delays else float("nan")
        p99 = delays[min(len(delays) - 1, int(round(0.99 * (len(delays) - 1))))] * 1000 if delays else float("nan")
        print(f"\nZipf mix over 2,000 articles for {args.mix_seconds} s with one correction a second: {outcome['rps']:.0f} req/s at the node, "
              f"hit ratio {outcome['hit_ratio'] * 100:.2f} %, {outcome['origin_rps']:.1f} requests/s reached Herald; "
              f"{len(delays)} corrections visible at the node {p50:.0f} ms after the import returned (p50), {p99:.0f} ms (p99)")
    finally:
        node.stop()
        server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
