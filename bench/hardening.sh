#!/usr/bin/env bash
# Hostile-client and endurance checks on loopback, bounded in time (see bench/README.md):
#   1. 200 slowloris connections while a normal reader measures p99 (target < 100 ms);
#   2. 5,000 idle keep-alive connections: memory within the configured budget, a new request
#      still answered in < 50 ms;
#   3. LONG seconds (default 60) of wrk with zero errors;
#   4. SOAK_MINUTES (default 0) of moderate load printing RSS, open descriptors and WAL size every 10 s;
#   5. CHURN_MINUTES (default 2) twice: every demo page in turn with a 1 MB page cache, then with none,
#      printing RSS every 10 s (prepared responses are built and freed all the time).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
SWIFT="${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}"
LONG="${LONG:-60}"
SOAK_MINUTES="${SOAK_MINUTES:-0}"
CHURN_MINUTES="${CHURN_MINUTES:-2}"
IDLE="${IDLE:-5000}"
OUT="$ROOT/bench/out"
DB="$OUT/hardening.sqlite"
HERALD="$ROOT/.build/release/herald"
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
[[ "${SKIP_BUILD:-0}" == 1 ]] || "$SWIFT" build -c release --product herald
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

rm -f "$DB" "$DB-wal" "$DB-shm"
PORT="${PORT:-18180}"
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; true; }
trap cleanup EXIT
"$HERALD" serve --db "$DB" --port "$PORT" --no-access-log --no-newsroom --connection-limit $(( IDLE + 500 )) \
    --per-client-limit 200 --idle-timeout 120 --header-deadline 10 >"$OUT/hardening-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
rss() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
fds() { ls "/proc/$SERVER_PID/fd" | wc -l; }
echo "server pid $SERVER_PID on $BASE, RSS $(rss) MB"

echo "== 1. 200 slowloris connections + a normal reader"
timeout 60 python3 bench/slowclients.py --port "$PORT" --connections 200 --mode headers --interval 2 --seconds 25 &
SLOW=$!
sleep 2
timeout 60 wrk -t1 -c4 -d15s --latency "$BASE/en/" >"$OUT/hardening-reader.txt"
awk '/Requests\/sec/ || / 99%/ || /Non-2xx/ || /Socket errors/' "$OUT/hardening-reader.txt"
wait "$SLOW" || true

echo "== 2. $IDLE idle keep-alive connections"
timeout 90 python3 bench/slowclients.py --port "$PORT" --connections "$IDLE" --per-address 150 --mode idle --seconds 40 &
IDLERS=$!
sleep 25
echo "RSS with the idle connections: $(rss) MB (budget: 32 KB x $(( IDLE + 500 )) connections = $(( (IDLE + 500) * 32 / 1024 )) MB + base), open fds $(fds)"
curl -s -o /dev/null -w "a new request while they idle: %{http_code} in %{time_total} s\n" "$BASE/en/"
wait "$IDLERS" || true

echo "== 3. ${LONG} s of wrk"
timeout $(( LONG + 60 )) wrk -t2 -c32 -d"${LONG}s" --latency "$BASE/en/" >"$OUT/hardening-long.txt"
awk '/Requests\/sec/ || / 99%/ || /Non-2xx/ || /Socket errors/' "$OUT/hardening-long.txt"
grep -q "Socket errors\|Non-2xx" "$OUT/hardening-long.txt" && echo "ERRORS during the long run" || echo "no errors"

if (( SOAK_MINUTES > 0 )); then
    echo "== 4. soak for $SOAK_MINUTES min: RSS, fds, WAL every 10 s"
    # An article page, so views are counted and flushed (WAL writes) throughout.
    article=$(curl -fsS "$BASE/en/" | grep -oE 'href="/en/[^"]+/[0-9]+-[^"]*"' | head -1 | sed -e 's/^href="//' -e 's/"$//')
    timeout $(( SOAK_MINUTES * 60 + 60 )) wrk -t1 -c8 -d"$(( SOAK_MINUTES * 60 ))s" "$BASE$article" >/dev/null &
    LOAD=$!
    for _ in $(seq 1 $(( SOAK_MINUTES * 6 ))); do
        sleep 10
        wal=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
        echo "$(date +%T) RSS $(rss) MB, fds $(fds), WAL $(( wal / 1024 )) KB"
    done
    wait "$LOAD" || true
fi
if (( CHURN_MINUTES > 0 )); then
    echo "== 5. page-cache churn for $CHURN_MINUTES min: every page of the demo in turn, RSS every 10 s"
    # A second server with a 1 MB page cache (pages are evicted and prepared again all the time),
    # then with none (every response prepared and freed per request): memory must level off.
    paths="$OUT/hardening-paths.txt"
    for edition in en ru kz qz zh tote uz; do
        curl -fsS "$BASE/$edition/" | grep -oE 'href="/[a-z]+/[^"#?]*"' | sed -e 's/^href="//' -e 's/"$//'
    done | sort -u >"$paths"
    cat >"$OUT/hardening-churn.lua" <<LUA
local paths, i = {}, 0
for line in io.lines("$paths") do paths[#paths + 1] = line end
request = function() i = i + 1; return wrk.format("GET", paths[i % #paths + 1]) end
LUA
    for mode in "--page-cache-mb 1" "--no-page-cache"; do
        CHURN_PORT=$(( PORT + 1 ))
        # shellcheck disable=SC2086
        "$HERALD" serve --db "$DB" --port "$CHURN_PORT" --no-demo --no-access-log --no-newsroom $mode >"$OUT/hardening-churn.log" 2>&1 &
        CHURN_PID=$!
        for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$CHURN_PORT/healthz" 2>/dev/null && break; sleep 0.1; done
        echo "$mode: $(wc -l <"$paths") distinct pages"
        timeout $(( CHURN_MINUTES * 60 + 60 )) wrk -t2 -c16 -d"$(( CHURN_MINUTES * 60 ))s" -s "$OUT/hardening-churn.lua" \
            "http://127.0.0.1:$CHURN_PORT" >"$OUT/hardening-churn-wrk.txt" &
        LOAD=$!
        for _ in $(seq 1 $(( CHURN_MINUTES * 6 ))); do
            sleep 10
            echo "$(date +%T) RSS $(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$CHURN_PID/status") MB, fds $(ls "/proc/$CHURN_PID/fd" | wc -l)"
        done
        wait "$LOAD" || true
        awk '/Requests\/sec/ || /Non-2xx/ || /Socket errors/' "$OUT/hardening-churn-wrk.txt"
        kill "$CHURN_PID"; wait "$CHURN_PID" 2>/dev/null || true
    done
fi
echo "views stored: $(sqlite3 "$DB" 'SELECT COALESCE(SUM(views), 0) FROM article_views;' 2>/dev/null || echo '?')"
echo "server log warnings:"; grep -c "did not deliver" "$OUT/hardening-server.log" | sed 's/^/  connections cut off at a deadline: /'
