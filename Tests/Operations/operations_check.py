#!/usr/bin/env python3
"""What an operator's tools read from a running `herald serve` (part of `make test`):

1. `/metrics` on the newsroom port through the Prometheus Python client's own text parser
   (prometheus_client.parser): every family parses, types and names follow the conventions,
   the requests made are counted by route and status, the histogram is consistent; the reader
   port has no /metrics.
2. The access log in each format (`--access-log FILE --access-log-format herald|combined|json`):
   every request made is one line that parses (combined by the pattern GoAccess and AWStats use,
   JSON by json.loads), with the X-Request-Id the response carried; a SIGHUP after the file was
   moved (logrotate's way) sends later lines to a new file of the same name; SIGTERM under a
   stream of requests loses no line.
   Every metric the Grafana dashboard (deploy/grafana) queries is exposed.
3. Schemathesis runs every check against the content API from Public/api/openapi.json: zero failures.
4. `herald import` draws a progress line on a terminal (under script(1)) and none into a pipe.
5. `systemd-analyze verify` accepts deploy/systemd/herald.service (when systemd-analyze exists)."""
import http.client, json, os, re, shutil, signal, subprocess, sys, tempfile, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "Browser"))
from harness import ROOT, Server  # noqa: E402
from prometheus_client.parser import text_string_to_metric_families  # noqa: E402

FAILURES = []


def check(condition, message):
    if not condition:
        FAILURES.append(message)
        print("FAIL:", message)


def get(port, path, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict((k.lower(), v) for k, v in response.getheaders()), body


def metrics_check():
    # A cache node that never answers: its backlog is exposed (and grows).
    with Server("--no-access-log", "--purge-node", "http://127.0.0.1:9", "--purge-secret", "check-secret") as server:
        status, _, home = get(server.reader, "/en/")
        article = re.search(rb'href="(/en/[a-z0-9/-]+/[0-9]+-[a-z0-9-]+)"', home).group(1).decode()
        for _ in range(3):
            get(server.reader, article)
        get(server.reader, "/xx/")
        check(get(server.reader, "/metrics")[0] == 404, "/metrics answered on the reader port")
        # Requests are recorded in their completion notice, which may come just after the client
        # read the answer: scrape until the last one is in (at most 5 s).
        deadline = time.time() + 5
        while True:
            status, headers, body = get(server.newsroom, "/metrics")
            if b'route="/:edition/",status="404"' in body or time.time() > deadline:
                break
            time.sleep(0.05)
        check(status == 200, f"/metrics status {status}")
        check(headers.get("content-type", "").startswith("text/plain; version=0.0.4"), f"content type {headers.get('content-type')}")
        families = {family.name: family for family in text_string_to_metric_families(body.decode())}
        samples = {}
        for family in families.values():
            check(re.fullmatch(r"(herald|process)_[a-z0-9_]+", family.name) is not None, f"family name {family.name}")
            for sample in family.samples:
                samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
        # The parser strips _total from a counter family's name and keeps it on the samples.
        for name in ("herald_http_requests", "herald_http_response_bytes", "herald_cache_hits", "herald_views_counted",
                     "process_cpu_seconds"):
            check(families.get(name) is not None and families[name].type == "counter", f"{name} is not a counter")
        for name in ("herald_cache_bytes", "herald_database_size_bytes", "process_resident_memory_bytes", "herald_newsroom_sessions"):
            check(families.get(name) is not None and families[name].type == "gauge", f"{name} is not a gauge")
        check(families.get("herald_http_request_duration_seconds") is not None
              and families["herald_http_request_duration_seconds"].type == "histogram", "no duration histogram")
        route = "/:edition/*section/:article"
        article_requests = samples.get(("herald_http_requests_total", (("route", route), ("server", "reader"), ("status", "200"))))
        check(article_requests == 3, f"article requests counted {article_requests}")
        check(samples.get(("herald_http_requests_total", (("route", "/:edition/"), ("server", "reader"), ("status", "404")))) == 1,
              "the 404 for /xx/ is not counted under its route")
        buckets = []
        for (name, labels), value in samples.items():
            found = dict(labels)
            if name == "herald_http_request_duration_seconds_bucket" and found.get("route") == route and found.get("server") == "reader":
                buckets.append((float(found["le"]), value))
        buckets.sort()
        counts = [value for _, value in buckets]
        check(counts == sorted(counts) and counts and counts[-1] == 3, f"histogram buckets not cumulative to 3: {buckets}")
        check(samples.get(("herald_views_counted_total", ())) == 3, "views not counted")
        check(samples.get(("process_open_fds", ()), 0) > 3, "no descriptors")
        check(samples.get(("herald_purge_backlog_changes", (("node", "http://127.0.0.1:9"),)), 0) > 0, "no purge backlog for the dead node")
        # Every series the Grafana dashboard queries is one Herald exposes.
        exposed = {name for name, _ in samples}
        dashboard = json.load(open(os.path.join(ROOT, "deploy/grafana/herald-dashboard.json")))
        queried = {name for panel in dashboard["panels"] for target in panel["targets"]
                   for name in re.findall(r"\b((?:herald|process)_[a-z0-9_]+)", target["expr"])}
        check(len(queried) >= 15, f"the dashboard queries only {sorted(queried)}")
        for name in sorted(queried):
            check(name in exposed, f"the dashboard queries {name}, which /metrics does not expose")
        print(f"metrics: {len(families)} families, {len(samples)} samples; article requests {article_requests}, buckets {len(buckets)}")


COMBINED = re.compile(r'^(\S+) - - \[(\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "(\S+) (\S+) (HTTP/1\.[01])" (\d{3}) (\d+) '
                      r'"((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)" "([0-9a-zA-Z._:-]+)"$')
HERALD = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (reader|newsroom) (\S+) (\S+) (\d{3}) (\d+)B ([0-9.]+)ms id=(\S+)( incomplete)?$")


def parse(format, line):
    """(target, status, request id) of a line, or None when it does not parse."""
    if format == "json":
        try:
            entry = json.loads(line)
        except ValueError:
            return None
        return entry["target"], int(entry["status"]), entry["request_id"]
    match = (COMBINED if format == "combined" else HERALD).match(line)
    if not match:
        return None
    return (match.group(4), int(match.group(6)), match.group(10)) if format == "combined" else (match.group(3), int(match.group(4)), match.group(7))


def read_lines(path):
    return open(path).read().splitlines() if os.path.exists(path) else []


def access_log_check(format):
    directory = tempfile.mkdtemp(prefix="herald-log-")
    path = os.path.join(directory, "access.log")
    try:
        with Server("--access-log", path, "--access-log-format", format) as server:
            sent = {}
            for index in range(5):
                target = f"/en/search?q=log{index}"
                _, headers, _ = get(server.reader, target, {"User-Agent": 'check "quoted" agent', "Referer": "https://example.kz/a"})
                sent[headers["x-request-id"]] = target
            _, headers, _ = get(server.reader, "/en/", {"X-Request-Id": "edge-1234"})
            sent["edge-1234"] = "/en/"
            time.sleep(0.3)
            os.rename(path, path + ".1")               # logrotate moves the file
            server.process.send_signal(signal.SIGHUP)  # and tells herald
            time.sleep(0.5)
            for index in range(3):
                _, headers, _ = get(server.reader, f"/en/search?q=after{index}")
                sent[headers["x-request-id"]] = f"/en/search?q=after{index}"
            time.sleep(0.3)
            before = read_lines(path + ".1")
            after = read_lines(path)
            parsed_before = [parse(format, line) for line in before]
            parsed_after = [parse(format, line) for line in after]
            check(all(parsed_before) and all(parsed_after), f"{format}: unparsable lines {[l for l, p in zip(before + after, parsed_before + parsed_after) if not p]}")
            found = {p[2]: p[0] for p in parsed_before + parsed_after if p}
            for request_id, target in sent.items():
                check(found.get(request_id) == target, f"{format}: request {request_id} {target} not logged as such")
            check(any(p and "after" in p[0] for p in parsed_after) and not any(p and "after" in p[0] for p in parsed_before),
                  f"{format}: lines after SIGHUP did not go to the new file")
            if format == "combined":
                check(any('check \\"quoted\\" agent' in line for line in before), "combined: the user agent's quotes not escaped")
            # SIGTERM under a stream of requests: every answered request has its line.
            answered = []
            stop = threading.Event()

            def reader():
                while not stop.is_set():
                    try:
                        status, headers, _ = get(server.reader, "/en/")
                        if status == 200:
                            answered.append(headers.get("x-request-id"))
                    except OSError:
                        return

            threads = [threading.Thread(target=reader) for _ in range(4)]
            for thread in threads:
                thread.start()
            time.sleep(1.0)
            server.process.send_signal(signal.SIGTERM)
            server.process.wait(timeout=30)
            stop.set()
            for thread in threads:
                thread.join()
            logged = {parse(format, line)[2] for line in read_lines(path) if parse(format, line)}
            # Cached pages carry no X-Request-Id (the shared prepared answer): count lines instead.
            home_lines = [line for line in read_lines(path) if parse(format, line) and parse(format, line)[0] == "/en/"]
            check(len(home_lines) >= len(answered), f"{format}: {len(answered)} answered after the rotation, {len(home_lines)} logged")
            check(all(request_id in logged for request_id in answered if request_id), f"{format}: an answered id is missing")
            print(f"access log {format}: {len(sent)} requests found by id in {len(before)} + {len(after)} lines around the SIGHUP; "
                  f"{len(answered)} pages answered up to SIGTERM, {len(home_lines)} logged")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def systemd_check():
    unit = os.path.join(ROOT, "deploy/systemd/herald.service")
    if not shutil.which("systemd-analyze"):
        print("systemd-analyze not installed: unit not verified")
        FAILURES.append("systemd-analyze missing (the Makefile installs systemd)")
        return
    # The unit names /usr/local/bin/herald, and verify checks that ExecStart's binary exists: the
    # copy verified names the binary just built instead. Unknown keys, bad values and missing
    # commands are reported naming the file (and fail the check).
    directory = tempfile.mkdtemp(prefix="herald-unit-")
    try:
        text = open(unit).read().replace("/usr/local/bin/herald", os.path.join(ROOT, ".build/debug/herald"))
        copy = os.path.join(directory, "herald.service")
        open(copy, "w").write(text)
        result = subprocess.run(["systemd-analyze", "verify", copy], capture_output=True, text=True)
        output = (result.stdout + result.stderr).strip()
        check(result.returncode == 0 and "herald.service" not in output, f"systemd-analyze verify: {result.returncode} {output}")
        for key in ("Type=notify", "WatchdogSec=", "DynamicUser=yes", "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes",
                    "ProtectHome=yes", "MemoryMax=", "Restart=on-failure", "ReadWritePaths=/var/lib/herald", "ExecReload=/bin/kill -HUP"):
            check(key in text, f"the unit lacks {key}")
        print("unit: systemd-analyze verify accepts deploy/systemd/herald.service")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def api_check():
    """Schemathesis against the running server with the committed OpenAPI document: every check,
    deterministic generation (the same cases every run), zero failures allowed."""
    with Server("--no-access-log") as server:
        url = f"http://127.0.0.1:{server.reader}/api/v1/openapi.json"
        # Run from a temporary directory: Schemathesis keeps a cache in its working directory.
        scratch = tempfile.mkdtemp(prefix="herald-schemathesis-")
        try:
            result = subprocess.run([sys.executable, "-m", "schemathesis.cli", "run", url, "--checks", "all", "--max-examples", "50",
                                     "--generation-deterministic"], capture_output=True, text=True, timeout=600, cwd=scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        summary = [line for line in result.stdout.splitlines() if "generated" in line or "issues found" in line or "failures" in line]
        check(result.returncode == 0, f"schemathesis: exit {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-1000:]}")
        print("api: schemathesis " + "; ".join(s.strip(" =") for s in summary))


def progress_check():
    """`herald import` draws its progress line on a terminal (run under script(1)) and prints
    only its result into a pipe."""
    directory = tempfile.mkdtemp(prefix="herald-progress-")
    try:
        db, lines = os.path.join(directory, "p.sqlite"), os.path.join(directory, "a.jsonl")
        common = ["--db", db, "--migrations", os.path.join(ROOT, "migrations")]
        herald = os.path.join(ROOT, ".build/debug/herald")
        subprocess.run([herald, "setup", os.path.join(ROOT, "demo/site.json")] + common, check=True, capture_output=True)
        subprocess.run([os.path.join(ROOT, ".build/debug/herald-bench-data"), "--articles", "1200", "--jsonl", lines,
                        "--site", os.path.join(ROOT, "demo/site.json")], check=True, capture_output=True, cwd=ROOT)
        command = " ".join([herald, "import", lines] + common)
        shown = subprocess.run(["script", "-qfec", command, "/dev/null"], capture_output=True, text=True).stdout
        check("\x1b[Kimport: 1,200 / 1,200 articles (100 %)" in shown and "\x1b[Kimport: 500 / 1,200 articles" in shown,
              f"no progress line on a terminal: {shown[-300:]!r}")
        piped = subprocess.run([herald, "import", lines] + common, capture_output=True, text=True)
        check(piped.returncode == 0 and "\x1b" not in piped.stdout + piped.stderr and "0 created, 1200 updated" in piped.stdout,
              f"progress or no result in a pipe: {(piped.stdout + piped.stderr)[-300:]!r}")
        print("progress: drawn on a terminal, absent from a pipe")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    api_check()
    progress_check()
    metrics_check()
    for format in ("herald", "combined", "json"):
        access_log_check(format)
    if os.path.exists(os.path.join(ROOT, "deploy/systemd/herald.service")):
        systemd_check()
    if FAILURES:
        print(f"operations check: {len(FAILURES)} failures")
        sys.exit(1)
    print("operations check: metrics parse, access log formats, rotation and shutdown, unit file — all good")
