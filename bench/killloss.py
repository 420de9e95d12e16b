#!/usr/bin/env python3
"""One round of the kill -9 loss check (bench/faults.sh part D).

Reads an article page sequentially over one keep-alive connection, noting when each 200 arrived,
kills the server with SIGKILL at a random moment, then compares the views stored for the article
with the pages served. Passes when no view was invented (lost >= 0) and every lost view was served
within the last flush interval before the kill (plus a little slack for the flush itself).
Prints one line: "served N stored M lost L window W"; exits 1 when the bound is broken.
"""
import argparse
import http.client
import os
import random
import signal
import sqlite3
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--path", required=True)
parser.add_argument("--pid", type=int, required=True)
parser.add_argument("--db", required=True)
parser.add_argument("--id", type=int, required=True)
parser.add_argument("--flush", type=float, default=5.0)
parser.add_argument("--before", type=int, required=True, help="views stored for the article before the load")
args = parser.parse_args()

kill_at = time.monotonic() + random.uniform(2.0, 2.0 + 2 * args.flush)
served = []
connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
while time.monotonic() < kill_at:
    connection.request("GET", args.path)
    response = connection.getresponse()
    response.read()
    if response.status == 200:
        served.append(time.monotonic())
killed = time.monotonic()
os.kill(args.pid, signal.SIGKILL)
connection.close()
time.sleep(0.5)

database = sqlite3.connect(args.db, timeout=10)
stored = database.execute("SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = ?",
                          (args.id,)).fetchone()[0] - args.before
lost = len(served) - stored
window = sum(1 for t in served if t >= killed - args.flush - 0.5)
print(f"served {len(served)} stored {stored} lost {lost} window {window}")
sys.exit(0 if 0 <= lost <= window else 1)
