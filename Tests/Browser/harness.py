"""Shared by the checks in Tests/Browser: a `herald serve` of the demo newsroom over a fresh
database on free ports, started and stopped around a check."""
import os, re, shutil, signal, socket, subprocess, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`herald serve` with `extra` options ("{reader}" in one becomes the reader's port);
    `reader`/`newsroom` are its ports, `password` the admin password its first start logs. Use as
    a context manager."""

    def __init__(self, *extra):
        self.extra = list(extra)

    def __enter__(self):
        self.workdir = tempfile.mkdtemp(prefix="herald-check-")
        self.reader, self.newsroom = free_port(), free_port()
        logpath = os.path.join(self.workdir, "server.log")
        self.log = open(logpath, "w")
        self.process = subprocess.Popen(
            [os.path.join(ROOT, ".build/debug/herald"), "serve", "--db", os.path.join(self.workdir, "herald.sqlite"),
             "--migrations", os.path.join(ROOT, "migrations"), "--public", os.path.join(ROOT, "Public"),
             "--demo", os.path.join(ROOT, "demo"), "--port", str(self.reader), "--newsroom-port", str(self.newsroom)]
            + [option.replace("{reader}", str(self.reader)) for option in self.extra], stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.time() + 60
        while time.time() < deadline:
            text = open(logpath).read()
            match = re.search(r'created user "admin" with password (\S+)', text)
            if match and "newsroom on http://" in text:
                self.password = match.group(1)
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise SystemExit("check: herald did not start:\n" + open(logpath).read())

    def __exit__(self, *_):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=20)
        self.log.close()
        shutil.rmtree(self.workdir, ignore_errors=True)
