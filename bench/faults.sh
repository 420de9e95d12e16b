#!/usr/bin/env bash
# kill -9 at random moments, ROUNDS times each (default 50), loopback only:
#   A. during `herald import` of a 2,000-article file: afterwards PRAGMA integrity_check is ok,
#      foreign_key_check is empty, and the file's articles are either all there or none (all of
#      them whenever the import had already reported success);
#   B. while the server serves under load and flushes view counts: the same checks, and the
#      server starts again;
# then C. SIGTERM under load (views stored == pages served), D. kill -9 while one reader reads
# an article LOSS_ROUNDS times (default 10): the views lost are at most those served in the last
# flush interval before the kill (bench/killloss.py), and E. kill -9 while an editor saves and
# publishes in the newsroom SAVE_ROUNDS times (default 20): no half-written article, every confirmed
# save kept (bench/killsaves.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS="${ROUNDS:-50}"
OUT="$ROOT/bench/out/faults"
DB="$OUT/faults.sqlite"
HERALD="$ROOT/.build/release/herald"
SWIFT="${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}"
GENERATOR="$ROOT/.build/release/herald-bench-data"
[[ "${SKIP_BUILD:-0}" == 1 ]] || { "$SWIFT" build -c release --product herald && "$SWIFT" build -c release --product herald-bench-data; }
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3; }
rm -rf "$OUT"; mkdir -p "$OUT"
BASE_FILE="$OUT/base.jsonl"
"$GENERATOR" --articles 2000 --jsonl "$BASE_FILE" >/dev/null
"$HERALD" setup demo/site.json --db "$DB" >/dev/null

check() {
    local integrity fk
    integrity=$(sqlite3 "$DB" "PRAGMA integrity_check;")
    fk=$(sqlite3 "$DB" "PRAGMA foreign_key_check;")
    [[ "$integrity" == "ok" ]] || { echo "FAIL: integrity_check: $integrity"; exit 1; }
    [[ -z "$fk" ]] || { echo "FAIL: foreign_key_check: $fk"; exit 1; }
}
pause() { python3 -c "import random, time; time.sleep(random.uniform($1, $2))"; }

echo "== A. kill -9 during imports, $ROUNDS rounds"
completed=0; killed=0
for round in $(seq 1 "$ROUNDS"); do
    file="$OUT/round-$round.jsonl"
    sed -e "s/\"slug\": *\"/\"slug\":\"r$round-/" -e "s/\"story\": *\"/\"story\":\"r$round-/" "$BASE_FILE" >"$file"
    lines=$(grep -c . "$file")
    before=$(sqlite3 "$DB" "SELECT count(*) FROM articles;")
    "$HERALD" import "$file" --db "$DB" >/dev/null 2>&1 &
    pid=$!
    pause 0.05 1.5
    kill -9 "$pid" 2>/dev/null || true
    status=0; wait "$pid" || status=$?
    after=$(sqlite3 "$DB" "SELECT count(*) FROM articles;")
    check
    if (( status == 0 )); then
        completed=$(( completed + 1 ))
        (( after == before + lines )) || { echo "FAIL: round $round reported success but has $(( after - before )) of $lines"; exit 1; }
    else
        killed=$(( killed + 1 ))
        (( after == before || after == before + lines )) || { echo "FAIL: round $round left a partial import ($(( after - before )) of $lines)"; exit 1; }
    fi
done
echo "imports: $completed finished before the kill, $killed killed mid-way; every one all-or-nothing; integrity and foreign keys clean"

echo "== B. kill -9 of the server under load, $ROUNDS rounds"
PORT="${PORT:-18280}"
for round in $(seq 1 "$ROUNDS"); do
    "$HERALD" serve --db "$DB" --port "$PORT" --no-demo --no-access-log --no-newsroom >"$OUT/server.log" 2>&1 &
    pid=$!
    ok=0
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && { ok=1; break; }; sleep 0.1; done
    (( ok == 1 )) || { echo "FAIL: the server did not start in round $round"; tail -5 "$OUT/server.log"; exit 1; }
    article=$(curl -fsS "http://127.0.0.1:$PORT/en/" | grep -oE 'href="/en/[^"]+/[0-9]+-[^"]*"' | head -1 | sed -e 's/^href="//' -e 's/"$//')
    timeout 20 wrk -t1 -c8 -d8s "http://127.0.0.1:$PORT$article" >/dev/null 2>&1 &
    load=$!
    pause 0.5 7
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    kill "$load" 2>/dev/null || true; wait "$load" 2>/dev/null || true
    check
done
views=$(sqlite3 "$DB" "SELECT COALESCE(SUM(views), 0) FROM article_views;")
echo "server: $ROUNDS kills under load; restarted every time; integrity and foreign keys clean; $views views stored"

echo "== C. SIGTERM under load: views stored == article pages served with 200"
"$HERALD" serve --db "$DB" --port "$PORT" --no-demo --no-access-log --no-newsroom >"$OUT/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.1; done
article=$(curl -fsS "http://127.0.0.1:$PORT/en/" | grep -oE 'href="/en/[^"]+/[0-9]+-[^"]*"' | head -1 | sed -e 's/^href="//' -e 's/"$//')
id=$(echo "$article" | sed -E 's|.*/([0-9]+)-.*|\1|')
sleep 6   # let the startup flush of earlier rounds' leftovers pass
before=$(sqlite3 "$DB" "SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = $id;")
timeout 30 wrk -t2 -c16 -d8s "http://127.0.0.1:$PORT$article" >"$OUT/sigterm-wrk.txt" 2>&1 &
load=$!
sleep 3
kill -TERM "$pid"; wait "$pid" || true
wait "$load" || true
served=$(awk '/requests in/ { print $1 }' "$OUT/sigterm-wrk.txt")
non2xx=$(awk '/Non-2xx/ { print $NF }' "$OUT/sigterm-wrk.txt"); non2xx=${non2xx:-0}
after=$(sqlite3 "$DB" "SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = $id;")
check
stored=$(( after - before ))
echo "SIGTERM under load: wrk received $served responses ($non2xx non-2xx); $stored views stored"
(( stored == served - non2xx )) || { echo "FAIL: stored views differ from pages served"; exit 1; }

echo "== D. kill -9 while reading: views lost are bounded by the flush interval, ${LOSS_ROUNDS:-10} rounds"
FLUSH="${FLUSH:-5}"
worst=0
for round in $(seq 1 "${LOSS_ROUNDS:-10}"); do
    "$HERALD" serve --db "$DB" --port "$PORT" --no-demo --no-access-log --no-newsroom --flush-interval "$FLUSH" >"$OUT/server.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.1; done
    before=$(sqlite3 "$DB" "SELECT COALESCE(SUM(views), 0) FROM article_views WHERE article_id = $id;")
    line=$(python3 bench/killloss.py --port "$PORT" --path "$article" --pid "$pid" --db "$DB" --id "$id" \
        --flush "$FLUSH" --before "$before") || { echo "FAIL: round $round: $line"; exit 1; }
    wait "$pid" 2>/dev/null || true
    check
    lost=$(echo "$line" | awk '{ print $6 }'); (( lost > worst )) && worst=$lost
    echo "round $round: $line"
done
echo "kill -9 while reading: every loss within the last ${FLUSH} s of reads (worst round lost $worst views)"

echo "== E. kill -9 while an editor saves and publishes in the newsroom, ${SAVE_ROUNDS:-20} rounds"
python3 bench/killsaves.py --herald "$HERALD" --db "$DB" --migrations "$ROOT/migrations" --rounds "${SAVE_ROUNDS:-20}"
