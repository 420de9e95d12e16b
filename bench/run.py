#!/usr/bin/env python3
"""Herald against nginx serving the same bytes, side by side (make bench; see bench/README.md).

For each dataset (100,000 and 1,000,000 articles by default) it builds the database once with
herald-bench-data, starts herald, saves the exact bytes of an article page, a tag page and an
edition home, serves those files with nginx on another loopback port, and runs wrk against herald
and nginx in turns (A B A B …) for each page: first with the page cache on, then with it off, then
with the page cache and the data cache off (every page's data read from SQLite; shown for
reference, not a target). It also measures cold start (process start to the first 200), peak
RSS, the database size, tag and section pages at page 1 and page 500 (both caches off, so the
page-500 figure is the database's index lookup), and the page weight. Loopback only, every step
bounded in time; herald and nginx are stopped however the script ends.
"""

import argparse
import datetime
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
HERALD = os.path.join(ROOT, ".build", "release", "herald")
GENERATOR = os.path.join(ROOT, ".build", "release", "herald-bench-data")
SETS = {
    # name: (articles, body bytes). The 1M set carries wire-length bodies so it stays ≈ 5 GB.
    "100k": (100_000, "3000-5000"),
    "1m": (1_000_000, "1500-2500"),
}
TARGETS = {
    "cached_ratio": 1.0, "cached_p99_ms": 5.0, "uncached_ratio": {"100k": 0.33, "1m": 0.25},
    "deep_page_factor": 1.5, "rss_mb": 150, "cold_start_s": 1.0, "generate_1m_s": 120,
    "article_kb": 30, "css_kb": 15, "log_cost": 0.10,
}


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(command, timeout, **kwargs):
    return subprocess.run(command, check=True, timeout=timeout, **kwargs)


def ensure_tools():
    missing = [pkg for tool, pkg in (("wrk", "wrk"), ("nginx", "nginx-light"), ("curl", "curl"))
               if shutil.which(tool) is None and not os.path.exists(f"/usr/sbin/{tool}")]
    if missing:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        log("installing " + " ".join(missing))
        run(sudo + ["apt-get", "update", "-qq"], 600)
        run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, 900, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=subprocess.DEVNULL)


def build_release():
    """The release herald and the data generator."""
    swift = shutil.which("swift") or "/opt/swift/usr/bin/swift"
    log("building release")
    run([swift, "build", "-c", "release", "--product", "herald"], 3600, cwd=ROOT)
    run([swift, "build", "-c", "release", "--product", "herald-bench-data"], 3600, cwd=ROOT)


def today():
    """Today's midnight UTC: the generator's --now (datasets are reused within a day)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0).isoformat()


def free_port(start):
    for port in range(start, start + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("bench: no free port")


def generator_stamp(articles, body, seed):
    digest = hashlib.sha256()
    for folder in ("Sources/HeraldBenchData", "Sources/NewsStore", "Sources/NewsCore", "migrations"):
        for directory, subfolders, names in sorted(os.walk(os.path.join(ROOT, folder))):
            subfolders.sort()
            for name in sorted(names):
                path = os.path.join(directory, name)
                with open(path, "rb") as f:
                    digest.update(os.path.relpath(path, ROOT).encode() + f.read())
    for name in ("bench/vocabulary.json", "demo/site.json"):
        with open(os.path.join(ROOT, name), "rb") as f:
            digest.update(f.read())
    return f"articles={articles} body={body} seed={seed} source={digest.hexdigest()[:16]}"


def working_copy(name):
    """A copy of the 100k set in a new directory under bench/out (the benchmark may write to it):
    (directory, database path)."""
    source, _ = dataset("100k", 1, today())
    work = tempfile.mkdtemp(prefix=f"herald-{name}-", dir=OUT)
    db = os.path.join(work, f"{name}.sqlite")
    shutil.copy(source, db)
    return work, db


def dataset(name, seed, now):
    """The database of a set, generated unless a matching one exists; seconds it took (or None)."""
    articles, body = SETS[name]
    os.makedirs(OUT, exist_ok=True)       # a fresh checkout has no bench/out yet
    db = os.path.join(OUT, f"bench-{name}.sqlite")
    stamp_file = db + ".stamp"
    stamp = generator_stamp(articles, body, seed)
    if os.path.exists(db) and os.path.exists(stamp_file) and open(stamp_file).read().strip() == stamp:
        log(f"reusing {db}")
        return db, None
    for suffix in ("", "-wal", "-shm", ".stamp"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    log(f"generating {articles} articles into {db}")
    started = time.monotonic()
    run([GENERATOR, "--articles", str(articles), "--db", db, "--seed", str(seed), "--body-bytes", body, "--now", now,
         "--site", os.path.join(ROOT, "demo/site.json"), "--vocabulary", os.path.join(ROOT, "bench/vocabulary.json"),
         "--migrations", os.path.join(ROOT, "migrations"), "--demo", os.path.join(ROOT, "demo")], 1800, cwd=ROOT)
    seconds = time.monotonic() - started
    with open(stamp_file, "w") as f:
        f.write(stamp + "\n")
    run(["sync"], 600)
    return db, seconds


class Server:
    """herald serve on a free loopback port; cold start measured to the first 200 of /en/."""

    def __init__(self, db, cache, data_cache=True, pinned=False, extra=(), access_log=None):
        self.port = free_port(18400)
        args = [HERALD, "serve", "--db", db, "--migrations", os.path.join(ROOT, "migrations"),
                "--public", os.path.join(ROOT, "Public"), "--port", str(self.port), "--no-demo", "--no-newsroom"]
        # The access log off, or to a file in combined format (the nginx pass logs the same way).
        args += ["--access-log", access_log, "--access-log-format", "combined"] if access_log else ["--no-access-log"]
        if not cache:
            args.append("--no-page-cache")
        if not data_cache:
            args += ["--data-cache-mb", "0"]
        args += list(extra)
        if pinned:   # one worker on CPU 0; wrk gets CPU 1 (see side_by_side)
            args = ["taskset", "-c", "0"] + args + ["--threads", "1"]
        self.log = open(os.path.join(OUT, "server.log"), "w")
        started = time.monotonic()
        self.process = subprocess.Popen(args, stdout=self.log, stderr=self.log, cwd=ROOT)
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"bench: herald exited during start (see {self.log.name})")
            if time.monotonic() - started > 60:
                self.stop()
                raise SystemExit("bench: herald did not answer within 60 s")
            try:
                if get(self.port, "/en/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.005)
        self.cold_start = time.monotonic() - started

    def peak_rss_mb(self):
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Nginx:
    """nginx serving saved page bytes from a temporary root on another loopback port."""

    def __init__(self, pages, pinned=False, access_log=None):
        self.root = tempfile.mkdtemp(prefix="herald-nginx-")
        os.chmod(self.root, 0o755)   # nginx's workers run as another user
        self.port = free_port(18600)
        os.makedirs(os.path.join(self.root, "html"), mode=0o755)
        for name, body in pages.items():
            with open(os.path.join(self.root, "html", name), "wb") as f:
                f.write(body)
            os.chmod(os.path.join(self.root, "html", name), 0o644)
        config = os.path.join(self.root, "nginx.conf")
        with open(config, "w") as f:
            f.write(f"""worker_processes {1 if pinned else 2};
pid {self.root}/nginx.pid;
error_log {self.root}/error.log;
events {{ worker_connections 4096; }}
http {{
  access_log {access_log or "off"};
  sendfile on; tcp_nopush on; tcp_nodelay on;
  keepalive_requests 1000000;
  default_type text/html;
  client_body_temp_path {self.root}/tmp; proxy_temp_path {self.root}/tmp; fastcgi_temp_path {self.root}/tmp;
  uwsgi_temp_path {self.root}/tmp; scgi_temp_path {self.root}/tmp;
  server {{ listen 127.0.0.1:{self.port}; root {self.root}/html; }}
}}
""")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        run((["taskset", "-c", "0"] if pinned else []) + [nginx, "-c", config, "-p", self.root, "-e", os.path.join(self.root, "error.log")], 30,
            stderr=subprocess.DEVNULL)
        self.nginx = nginx
        self.config = config
        for _ in range(200):
            try:
                if get(self.port, "/" + next(iter(pages)))[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.02)
        self.stop()
        raise SystemExit("bench: nginx did not serve the saved pages (see its error.log)")

    def stop(self):
        subprocess.run([self.nginx, "-c", self.config, "-p", self.root, "-s", "stop"], timeout=30,
                       stderr=subprocess.DEVNULL)
        time.sleep(0.3)
        shutil.rmtree(self.root, ignore_errors=True)


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def to_ms(text):
    match = re.match(r"([0-9.]+)(us|ms|s|m)?$", text)
    value = float(match.group(1))
    return value * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000, None: 1}[match.group(2)]


def wrk(port, path, args, pinned=False):
    """req/s, p50 ms, p99 ms, errors (non-2xx/3xx + socket errors) of one wrk run; pinned: one wrk
    thread on CPU 1 (the server is on CPU 0)."""
    command = (["taskset", "-c", "1", "wrk", "-t1"] if pinned else ["wrk", f"-t{args.threads}"]) + [
        f"-c{args.connections}", f"-d{args.duration}s", "--latency", f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rps, "p50": to_ms(latency["50"]), "p99": to_ms(latency["99"]),
            "errors": errors + (int(non2xx.group(1)) if non2xx else 0)}


def side_by_side(herald_port, nginx_port, pages, args, pinned=False):
    """Per page: herald and nginx in turns, args.rounds rounds; medians and every run."""
    results = {}
    for name, (herald_path, nginx_path) in pages.items():
        for port, path in ((herald_port, herald_path), (nginx_port, nginx_path)):
            subprocess.run(["wrk", "-t2", "-c16", "-d3s", f"http://127.0.0.1:{port}{path}"],
                           capture_output=True, timeout=60)
        runs = {"herald": [], "nginx": []}
        for round_number in range(args.rounds):
            runs["herald"].append(wrk(herald_port, herald_path, args, pinned))
            runs["nginx"].append(wrk(nginx_port, nginx_path, args, pinned))
            log(f"  {name} round {round_number + 1}: herald {runs['herald'][-1]['rps']:.0f} req/s, "
                f"nginx {runs['nginx'][-1]['rps']:.0f} req/s")
        results[name] = runs
    return results


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def summarize(runs):
    herald = {k: median([r[k] for r in runs["herald"]]) for k in ("rps", "p50", "p99")}
    nginx = {k: median([r[k] for r in runs["nginx"]]) for k in ("rps", "p50", "p99")}
    errors = sum(r["errors"] for r in runs["herald"])
    # The ratio of each round's pair, then the median: pairs ran back to back on the same machine state.
    ratio = median([h["rps"] / n["rps"] for h, n in zip(runs["herald"], runs["nginx"])])
    return herald, nginx, ratio, errors


def pick_pages(db, port):
    """The English pages to measure: the first article on /en/, the largest tag, the home; the
    largest English section for the deep-page check."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    tag, tag_count = connection.execute(
        "SELECT slug, article_count FROM tags WHERE edition_code = 'en' ORDER BY article_count DESC LIMIT 1").fetchone()
    section, section_count = connection.execute(
        "SELECT s.path, c.article_count FROM section_counts c JOIN sections s ON s.id = c.section_id "
        "WHERE c.edition_code = 'en' ORDER BY c.article_count DESC LIMIT 1").fetchone()
    connection.close()
    status, home = get(port, "/en/")
    article = re.search(rb'href="(/en/[a-z0-9/-]+/[0-9]+-[a-z0-9-]+)"', home).group(1).decode()
    return {"article": article, "tag": f"/en/tag/{tag}", "home": "/en/"}, (tag, tag_count), (section, section_count)


def page_weight(port, article_path):
    _, html = get(port, article_path)
    stylesheets = re.findall(rb'<link rel="stylesheet" href="([^"]+)"', html)
    css = sum(len(get(port, href.decode())[1]) for href in stylesheets)
    scripts = [s for s in re.findall(rb"<script[^>]*>", html) if b'type="application/ld+json"' not in s]
    return {"article_bytes": len(html), "css_bytes": css, "blocking_scripts": len(scripts)}


def drop_page_cache():
    """Writes dirty pages out and drops the page cache (root only); False when not permitted."""
    run(["sync"], 600)
    try:
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("1\n")
        return True
    except OSError:
        return False


def measure_set(name, args, now, report):
    db, generated = dataset(name, args.seed, now)
    size_mb = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s)) / 1048576
    result = {"set": name, "articles": SETS[name][0], "generated_s": generated, "db_mb": size_mb}
    # First start on a file never served: no stored Popular ranking (a reused dataset's is cleared),
    # so it sums the week of views before it answers. Reported; the target is the restart below.
    connection = sqlite3.connect(db)
    with connection:
        connection.execute("DELETE FROM popular_ranking")
    connection.close()
    result["cold_cache"] = drop_page_cache()
    first = Server(db, cache=True)
    result["first_start_s"] = first.cold_start
    first.stop()
    # Cold start: a restart, with the file's pages evicted from the page cache when permitted
    # (root), else warm.
    drop_page_cache()
    server = Server(db, cache=True)
    try:
        result["cold_start_s"] = server.cold_start
        paths, tag, section = pick_pages(db, server.port)
        result["tag"], result["section"] = tag, section
        pages = {}
        for page, path in paths.items():
            status, body = get(server.port, path)
            if status != 200:
                raise SystemExit(f"bench: {path} answered {status}")
            pages[page + ".html"] = body
        result["paths"] = paths
        result["page_bytes"] = {page: len(pages[page + ".html"]) for page in paths}
        result["weight"] = page_weight(server.port, paths["article"])
        # Past the cold start: a few seconds on every page, so the first measured round is not the
        # one that pays for faulting the database and the binaries back into memory.
        for path in paths.values():
            subprocess.run(["wrk", "-t2", "-c16", "-d4s", f"http://127.0.0.1:{server.port}{path}"], capture_output=True, timeout=60)
        nginx = Nginx(pages)
        try:
            targets = {page: (path, f"/{page}.html") for page, path in paths.items()}
            log(f"{name}: page cache on")
            result["cached"] = side_by_side(server.port, nginx.port, targets, args)
            rss_cached = server.peak_rss_mb()
            server.stop()
            # For reference: the same with the workers' cooperative yield off (see WorkerYield).
            server = Server(db, cache=True, extra=["--worker-yield-us", "0"])
            log(f"{name}: page cache on, worker yield off")
            result["noyield"] = side_by_side(server.port, nginx.port, targets, args)
            server.stop()
            # Both servers writing an access log to a file (combined format, nginx buffered as
            # configured by default: one write per request).
            herald_log, nginx_log = os.path.join(OUT, "herald-access.log"), os.path.join(OUT, "nginx-access.log")
            server = Server(db, cache=True, access_log=herald_log)
            logged_nginx = Nginx(pages, access_log=nginx_log)
            try:
                log(f"{name}: page cache on, both servers logging to files")
                result["logged"] = side_by_side(server.port, logged_nginx.port, targets, args)
            finally:
                logged_nginx.stop()
                server.stop()
                for path in (herald_log, nginx_log):
                    if os.path.exists(path):
                        os.unlink(path)
            server = Server(db, cache=False)
            log(f"{name}: page cache off")
            result["uncached"] = side_by_side(server.port, nginx.port, targets, args)
            rss_uncached = server.peak_rss_mb()
            server.stop()
            server = Server(db, cache=False, data_cache=False)
            log(f"{name}: page and data caches off")
            result["reads"] = side_by_side(server.port, nginx.port, targets, args)
        finally:
            nginx.stop()
        deep = {}
        for kind, path in (("tag", paths["tag"]), ("section", f"/en/{section[0]}/")):
            first = wrk(server.port, path, args)
            page500 = wrk(server.port, f"{path}?page=500", args)
            deep[kind] = {"path": path, "page1": first, "page500": page500}
        result["deep"] = deep
        result["rss_mb"] = max(rss_cached, rss_uncached, server.peak_rss_mb())
        if (os.cpu_count() or 1) >= 2 and shutil.which("taskset"):
            # For reference: the page cache on, each server on CPU 0 with one worker, wrk on CPU 1,
            # so the load generator never competes with the server for a core.
            server.stop()
            server = Server(db, cache=True, pinned=True)
            nginx = Nginx(pages, pinned=True)
            try:
                log(f"{name}: page cache on, server and wrk on a core each")
                result["pinned"] = side_by_side(server.port, nginx.port, targets, args, pinned=True)
            finally:
                nginx.stop()
    finally:
        server.stop()
    report.append(result)
    return result


def markdown(results, args, machine):
    lines = [f"### {datetime.date.today().isoformat()} — {machine}", "",
             f"`python3 bench/run.py --sets {','.join(r['set'] for r in results)} --duration {args.duration} "
             f"--rounds {args.rounds}` (wrk -t{args.threads} -c{args.connections} -d{args.duration}s, "
             f"herald and nginx in turns; medians of {args.rounds} rounds; ratio = median of the per-round ratios)", ""]
    checks = []
    for r in results:
        lines.append(f"**{r['articles']:,} articles** — database {r['db_mb']:,.0f} MB"
                     + (f", generated in {r['generated_s']:.0f} s" if r["generated_s"] else "")
                     + f"; cold start {r['cold_start_s'] * 1000:.0f} ms"
                     + (" (page cache dropped)" if r["cold_cache"] else "")
                     + (f", first start on the never-served file {r['first_start_s'] * 1000:.0f} ms" if "first_start_s" in r else "")
                     + f"; peak RSS {r['rss_mb']:.0f} MB; "
                     f"largest English tag {r['tag'][1]:,} articles, section {r['section'][1]:,}")
        lines.append("")
        lines.append("| page | bytes | cache | herald req/s | nginx req/s | ratio | herald p50 / p99 ms | nginx p99 ms | errors |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        labels = {"cached": "on", "logged": "on, both logging to files", "noyield": "on, worker yield off", "uncached": "off", "reads": "off, data cache off",
                  "pinned": "on, 1 core each (server CPU 0, wrk CPU 1)"}
        for mode in ("cached", "logged", "noyield", "uncached", "reads", "pinned"):
            for page, runs in r.get(mode, {}).items():
                herald, nginx, ratio, errors = summarize(runs)
                lines.append(f"| {page} | {r['page_bytes'][page]:,} | {labels[mode]} | "
                             f"{herald['rps']:,.0f} | {nginx['rps']:,.0f} | {ratio:.2f}× | {herald['p50']:.2f} / {herald['p99']:.2f} | "
                             f"{nginx['p99']:.2f} | {errors} |")
                if mode == "cached":
                    checks.append((f"{r['set']} {page} cached ≥ {TARGETS['cached_ratio']}× nginx", ratio >= TARGETS["cached_ratio"], f"{ratio:.2f}×"))
                    checks.append((f"{r['set']} {page} cached p99 ≤ {TARGETS['cached_p99_ms']} ms", herald["p99"] <= TARGETS["cached_p99_ms"], f"{herald['p99']:.2f} ms"))
                elif mode == "logged" and page in r.get("cached", {}):
                    # The log's cost: Herald logging against Herald not logging (medians of their rounds).
                    cost = 1 - herald["rps"] / summarize(r["cached"][page])[0]["rps"]
                    checks.append((f"{r['set']} {page} access log costs ≤ {TARGETS['log_cost'] * 100:.0f} %", cost <= TARGETS["log_cost"],
                                   f"{cost * 100:.0f} % ({ratio:.2f}× nginx logging)"))
                elif mode == "uncached":
                    target = TARGETS["uncached_ratio"][r["set"]]
                    checks.append((f"{r['set']} {page} uncached ≥ {target}× nginx", ratio >= target, f"{ratio:.2f}×"))
        lines.append("")
        lines.append("| list (page and data caches off) | page 1 req/s | page 500 req/s | page 1 / page 500 |")
        lines.append("|---|---|---|---|")
        for kind, d in r["deep"].items():
            factor = d["page1"]["rps"] / d["page500"]["rps"]
            lines.append(f"| {kind} `{d['path']}` | {d['page1']['rps']:,.0f} | {d['page500']['rps']:,.0f} | {factor:.2f} |")
            if r["set"] == "1m":
                checks.append((f"1m {kind} page 500 within {TARGETS['deep_page_factor']}× of page 1", factor <= TARGETS["deep_page_factor"], f"{factor:.2f}×"))
        w = r["weight"]
        lines.append("")
        lines.append(f"Page weight: article HTML {w['article_bytes']:,} bytes, CSS {w['css_bytes']:,} bytes, "
                     f"render-blocking scripts {w['blocking_scripts']}.")
        lines.append("")
        checks.append((f"{r['set']} article HTML ≤ {TARGETS['article_kb']} KB", w["article_bytes"] <= TARGETS["article_kb"] * 1024, f"{w['article_bytes']:,} B"))
        checks.append((f"{r['set']} CSS ≤ {TARGETS['css_kb']} KB", w["css_bytes"] <= TARGETS["css_kb"] * 1024, f"{w['css_bytes']:,} B"))
        checks.append((f"{r['set']} no render-blocking script", w["blocking_scripts"] == 0, str(w["blocking_scripts"])))
        if r["set"] == "1m":
            checks.append((f"1m peak RSS ≤ {TARGETS['rss_mb']} MB", r["rss_mb"] <= TARGETS["rss_mb"], f"{r['rss_mb']:.0f} MB"))
            checks.append((f"1m cold start ≤ {TARGETS['cold_start_s']} s", r["cold_start_s"] <= TARGETS["cold_start_s"], f"{r['cold_start_s']:.2f} s"))
            if r["generated_s"]:
                checks.append((f"1m set generated in < {TARGETS['generate_1m_s']} s", r["generated_s"] < TARGETS["generate_1m_s"], f"{r['generated_s']:.0f} s"))
    lines.append("| target | result | |")
    lines.append("|---|---|---|")
    for text, ok, value in checks:
        lines.append(f"| {text} | {value} | {'met' if ok else '**missed**'} |")
    return "\n".join(lines) + "\n", all(ok for _, ok, _ in checks)


def chart_svg(results, title):
    import chart
    return chart.svg(results, summarize, title)


def record(name, text, chart):
    """The report as RESULTS.md's newest entry (after its introduction), with its chart beside it."""
    directory = os.path.join(ROOT, "bench", "results")
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, f"{name}.svg"), "w") as f:
        f.write(chart)
    path = os.path.join(ROOT, "bench", "RESULTS.md")
    current = open(path).read()
    head, marker, rest = current.partition("\n## ")
    entry = f"\n## {datetime.date.today().isoformat()} — {name}\n\n![Herald beside nginx, {name}](results/{name}.svg)\n\n{text}\n"
    with open(path, "w") as f:
        f.write(head + entry + (marker + rest if marker else ""))


def main():
    # Ctrl-C and SIGTERM unwind through the finally blocks that stop herald and nginx.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="100k,1m", help="comma-separated: 100k, 1m")
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--record", metavar="NAME", help="add the report and its chart to bench/RESULTS.md as the newest entry, "
                        "the chart as bench/results/NAME.svg (NAME: letters, digits, dashes)")
    args = parser.parse_args()
    if args.record and not re.fullmatch(r"[a-z0-9-]+", args.record):
        parser.error("--record takes letters, digits and dashes (it names the chart's file)")
    sets = [s for s in args.sets.split(",") if s]
    for s in sets:
        if s not in SETS:
            parser.error(f"unknown set {s} (known: {', '.join(SETS)})")
    os.makedirs(OUT, exist_ok=True)
    ensure_tools()
    if not args.skip_build:
        build_release()
    now = today()
    machine = f"{os.cpu_count()} cores, " + next((l.split(": ", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "CPU")
    results = []
    for s in sets:
        measure_set(s, args, now, results)
    text, all_met = markdown(results, args, machine)
    chart = chart_svg(results, f"Herald beside nginx, {datetime.date.today().isoformat()} — {machine}")
    with open(os.path.join(OUT, "report.svg"), "w") as f:
        f.write(chart)
    with open(os.path.join(OUT, "report.md"), "w") as f:
        f.write(text)
    if args.record:
        record(args.record, text, chart)
    with open(os.path.join(OUT, "report.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    print(text)
    log(f"report in {os.path.join(OUT, 'report.md')}, chart in report.svg (raw figures in report.json)"
        + ("; recorded in bench/RESULTS.md" if args.record else "; --record NAME adds both to bench/RESULTS.md"))
    return 0 if all_met else 3


if __name__ == "__main__":
    sys.exit(main())
