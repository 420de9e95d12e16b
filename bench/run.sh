#!/usr/bin/env bash
# Herald benchmark: release build, synthetic newsroom, wrk load on loopback, summary.
# See bench/README.md. Usage: bash bench/run.sh   (or: make bench)
#
# Environment:
#   ARTICLES=100000   articles to generate and import
#   DURATION=10s      wrk duration per page (wrk syntax: 10s, 1m)
#   CONNECTIONS=32    wrk connections;  WRK_THREADS=2  wrk threads
#   PORT=18080        first loopback port tried (the next free one is used)
#   SEED=1            generator seed
#   SKIP_BUILD=1      use the existing .build/release/herald
#   STRICT=1          exit 3 when a target is missed
#   BUILD_TIMEOUT=3600, IMPORT_TIMEOUT=1800 (seconds, per step)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ARTICLES="${ARTICLES:-100000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-32}"
WRK_THREADS="${WRK_THREADS:-2}"
PORT="${PORT:-18080}"
SEED="${SEED:-1}"
SKIP_BUILD="${SKIP_BUILD:-0}"
STRICT="${STRICT:-0}"
BUILD_TIMEOUT="${BUILD_TIMEOUT:-3600}"
IMPORT_TIMEOUT="${IMPORT_TIMEOUT:-1800}"
SWIFT="${SWIFT:-$(command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)}"

# Targets (article page, 2 cores, no page cache).
TARGET_RPS=10000
TARGET_P99_MS=20
TARGET_RSS_MB=100

OUT="$ROOT/bench/out"
DATA="$OUT/data"
DB="$OUT/bench.sqlite"
HERALD="${HERALD:-$ROOT/.build/release/herald}"
MIGRATIONS="$ROOT/migrations"
REPORT="$OUT/last-run.txt"
SERVER_LOG="$OUT/server.log"
HOST=127.0.0.1

die() { echo "bench: $*" >&2; exit 1; }
log() { echo "bench: $*" >&2; }
# say: a result line, on stdout and into the report.
say() { printf '%s\n' "$*" | tee -a "$REPORT"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

[[ "$ARTICLES" =~ ^[1-9][0-9]*$ ]] || die "ARTICLES must be a positive integer (got \"$ARTICLES\")"
[[ "$CONNECTIONS" =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer"
[[ "$WRK_THREADS" =~ ^[1-9][0-9]*$ ]] || die "WRK_THREADS must be a positive integer"
if ! [[ "$PORT" =~ ^[1-9][0-9]*$ ]] || (( PORT >= 65000 )); then die "PORT must be a port number below 65000"; fi
if [[ "$DURATION" =~ ^([1-9][0-9]*)([smh]?)$ ]]; then
    case "${BASH_REMATCH[2]}" in
        m) DURATION_S=$(( BASH_REMATCH[1] * 60 )) ;;
        h) DURATION_S=$(( BASH_REMATCH[1] * 3600 )) ;;
        *) DURATION_S=${BASH_REMATCH[1]} ;;
    esac
else
    die "DURATION must look like 10s, 30 or 1m (got \"$DURATION\")"
fi

mkdir -p "$OUT"
: >"$REPORT"

# --- Cleanup: the server always gets SIGTERM (then SIGKILL after 10 s) ------------------------
SERVER_PID=""
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            log "server $SERVER_PID ignored SIGTERM for 10 s, sending SIGKILL"
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
on_exit() {
    local status=$?
    trap - EXIT
    stop_server
    if (( status != 0 )); then
        printf 'run FAILED (exit %s); see %s\n' "$status" "$SERVER_LOG" >>"$REPORT"
    fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Tools ------------------------------------------------------------------------------------
apt_install() {
    local sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo=sudo
    log "installing $*"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
missing=()
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
command -v curl >/dev/null 2>&1 || missing+=(curl)
if (( ${#missing[@]} > 0 )); then apt_install "${missing[@]}"; fi
command -v python3 >/dev/null 2>&1 || die "python3 is required for the data generator"

# --- Build ------------------------------------------------------------------------------------
if [[ "$SKIP_BUILD" == 1 ]]; then
    log "SKIP_BUILD=1: using $HERALD"
else
    log "building release (timeout ${BUILD_TIMEOUT}s)"
    start=$(now)
    timeout "$BUILD_TIMEOUT" "$SWIFT" build -c release
    log "build took $(since "$start") s"
fi
[[ -x "$HERALD" ]] || die "$HERALD not found; build with: $SWIFT build -c release"

# --- Data -------------------------------------------------------------------------------------
GEN_HASH="$(sha256sum "$ROOT/bench/generate.py" | cut -c1-16)"
STAMP="articles=$ARTICLES seed=$SEED generator=$GEN_HASH"
if [[ -f "$DATA/.stamp" && "$(cat "$DATA/.stamp")" == "$STAMP" ]]; then
    log "reusing generated data in $DATA ($STAMP)"
else
    log "generating $ARTICLES articles into $DATA"
    rm -rf "$DATA" "$DATA.tmp"
    start=$(now)
    timeout 1200 python3 "$ROOT/bench/generate.py" --articles "$ARTICLES" --seed "$SEED" --out "$DATA.tmp"
    printf '%s\n' "$STAMP" >"$DATA.tmp/.stamp"
    mv "$DATA.tmp" "$DATA"
    log "generation took $(since "$start") s"
fi
shopt -s nullglob
ARTICLE_FILES=("$DATA"/articles-*.jsonl)
shopt -u nullglob
(( ${#ARTICLE_FILES[@]} > 0 )) || die "no articles-*.jsonl in $DATA"

# --- Database ---------------------------------------------------------------------------------
herald() { "$HERALD" "$@" --db "$DB" --migrations "$MIGRATIONS"; }

rm -f "$DB" "$DB-wal" "$DB-shm"
log "creating $DB"
herald setup "$DATA/site.json" >/dev/null
IMPORT_LINES=()
import_start=$(now)
for file in "${ARTICLE_FILES[@]}"; do
    file_start=$(now)
    timeout "$IMPORT_TIMEOUT" "$HERALD" import "$file" --db "$DB" --migrations "$MIGRATIONS" >/dev/null
    lines=$(wc -l <"$file")
    secs=$(since "$file_start")
    IMPORT_LINES+=("  $(basename "$file"): $lines articles in $secs s ($(awk -v n="$lines" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') articles/s)")
    log "imported${IMPORT_LINES[-1]#" "}"
done
IMPORT_SECS=$(since "$import_start")
herald rates import "$ROOT/demo/rates.json" >/dev/null
herald weather import "$ROOT/demo/weather.json" >/dev/null
sqlite3 "$DB" <"$DATA/views.sql"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
# Let the kernel write back the ~1 GB just imported, so disk writeback does not overlap the runs.
sync

db_bytes=0
for f in "$DB" "$DB-wal"; do
    if [[ -f "$f" ]]; then db_bytes=$(( db_bytes + $(stat -c %s "$f") )); fi
done
DB_MB=$(awk -v b="$db_bytes" 'BEGIN { printf "%.1f", b / 1048576 }')
ARTICLE_COUNT=$(sqlite3 "$DB" 'SELECT count(*) FROM articles;')
VIEW_ROWS=$(sqlite3 "$DB" 'SELECT count(*) FROM article_views;')
TAG_ROW=$(sqlite3 -separator ' ' "$DB" "SELECT t.slug, count(*) FROM article_tags at JOIN tags t ON t.id = at.tag_id
    WHERE t.edition_code = 'en' AND at.published_at IS NOT NULL GROUP BY t.id ORDER BY count(*) DESC LIMIT 1;")
TAG_SLUG="${TAG_ROW%% *}"
TAG_COUNT="${TAG_ROW##* }"
[[ -n "$TAG_SLUG" ]] || die "no tag with English articles in $DB"

# --- Server -----------------------------------------------------------------------------------
port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
port="$PORT"
while port_in_use "$port"; do
    port=$(( port + 1 ))
    (( port < PORT + 100 )) || die "no free port in $PORT..$(( PORT + 99 ))"
done
BASE="http://$HOST:$port"

log "starting herald serve on $BASE"
serve_start=$(now)
"$HERALD" serve --db "$DB" --migrations "$MIGRATIONS" --public "$ROOT/Public" \
    --host "$HOST" --port "$port" --no-demo --no-access-log >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

ready=0
for _ in $(seq 1 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$SERVER_LOG" >&2; die "the server exited during startup"; }
    if curl -fsS --max-time 2 -o /dev/null "$BASE/healthz" 2>/dev/null; then ready=1; break; fi
    sleep 0.2
done
(( ready == 1 )) || { tail -n 20 "$SERVER_LOG" >&2; die "/healthz did not answer 200 within 60 s"; }
STARTUP_SECS=$(since "$serve_start")
grep -q "listening" "$SERVER_LOG" || log "warning: no \"listening\" line in $SERVER_LOG"
RSS_IDLE_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")

# --- Pages ------------------------------------------------------------------------------------
home_html="$OUT/home-en.html"
curl -fsS --max-time 10 -o "$home_html" "$BASE/en/" || die "GET /en/ failed"
ARTICLE_PATH=$({ grep -oE 'href="/en/[^"]+/[0-9]+-[^"]*"' "$home_html" || true; } | sed -e 's/^href="//' -e 's/"$//' | awk 'NR == 1')
[[ -n "$ARTICLE_PATH" ]] || die "no article link (/en/.../ID-slug) on /en/"
TAG_PATH="/en/tag/$TAG_SLUG"
HOME_PATH="/en/"

PAGES=(article tag home)
declare -A PATHS=([article]="$ARTICLE_PATH" [tag]="$TAG_PATH" [home]="$HOME_PATH")
for page in "${PAGES[@]}"; do
    code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' "$BASE${PATHS[$page]}" || true)
    [[ "$code" == 200 ]] || die "GET ${PATHS[$page]} answered $code, expected 200"
done

# Latency in wrk's units (us, ms, s) to milliseconds.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

declare -A RPS P50 P99 BAD
for page in "${PAGES[@]}"; do
    url="$BASE${PATHS[$page]}"
    raw="$OUT/wrk-$page.txt"
    # A short unrecorded warm-up: first requests open per-thread connections and fill caches.
    timeout 30 wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d3s "$url" >/dev/null
    log "wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency $url"
    timeout "$(( DURATION_S + 60 ))" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url" >"$raw"
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 20 "$SERVER_LOG" >&2; die "the server died during the $page run"; }
    RPS[$page]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$raw")
    P50[$page]=$(to_ms "$(awk '/Latency Distribution/ { d = 1 } d && $1 == "50%" { print $2; exit }' "$raw")")
    P99[$page]=$(to_ms "$(awk '/Latency Distribution/ { d = 1 } d && $1 == "99%" { print $2; exit }' "$raw")")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$raw")
    sock=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$raw")
    BAD[$page]="${non2xx:-0}/${sock:-0}"
done

RSS_HWM_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
RSS_NOW_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
stop_server
kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# --- Report -----------------------------------------------------------------------------------
rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
git -C "$ROOT" diff --quiet HEAD 2>/dev/null || rev="$rev+dirty"
say "Herald benchmark — $(date -u '+%Y-%m-%d %H:%M:%SZ'), commit $rev"
say "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown CPU); wrk runs on the same cores"
say "data: $ARTICLE_COUNT articles in ${#ARTICLE_FILES[@]} files, $VIEW_ROWS view rows, seed $SEED"
say "import: $IMPORT_SECS s ($(awk -v n="$ARTICLE_COUNT" -v s="$IMPORT_SECS" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }') articles/s); database $DB_MB MB"
for line in "${IMPORT_LINES[@]}"; do say "$line"; done
say "server: ready in $STARTUP_SECS s; RSS idle $(kb_to_mb "$RSS_IDLE_KB") MB"
say "load: wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION --latency, $BASE"
say ""
say "$(printf '%-8s %-58s %10s %9s %9s %14s' page path 'req/s' 'p50 ms' 'p99 ms' 'non-2xx/err')"
for page in "${PAGES[@]}"; do
    path="${PATHS[$page]}"
    (( ${#path} <= 58 )) || path="${path:0:55}..."
    say "$(printf '%-8s %-58s %10s %9s %9s %14s' "$page" "$path" "${RPS[$page]}" "${P50[$page]}" "${P99[$page]}" "${BAD[$page]}")"
done
say ""
say "tag page: /en/tag/$TAG_SLUG lists $TAG_COUNT articles"
say "server RSS after the runs: peak (VmHWM) $(kb_to_mb "$RSS_HWM_KB") MB, current $(kb_to_mb "$RSS_NOW_KB") MB"

missed=0
check() {  # check NAME OK-EXPRESSION-RESULT TEXT
    if [[ "$2" == 1 ]]; then say "target met:    $1 ($3)"; else say "target MISSED: $1 ($3)"; missed=1; fi
}
check "article ≥ $TARGET_RPS req/s" "$(awk -v r="${RPS[article]}" -v t="$TARGET_RPS" 'BEGIN { print (r >= t) ? 1 : 0 }')" "${RPS[article]} req/s"
check "article p99 ≤ $TARGET_P99_MS ms" "$(awk -v p="${P99[article]}" -v t="$TARGET_P99_MS" 'BEGIN { print (p <= t) ? 1 : 0 }')" "${P99[article]} ms"
check "article errors = 0" "$([[ "${BAD[article]}" == 0/0 ]] && echo 1 || echo 0)" "${BAD[article]}"
check "peak RSS ≤ $TARGET_RSS_MB MB" "$(awk -v k="$RSS_HWM_KB" -v t="$TARGET_RSS_MB" 'BEGIN { print (k / 1024 <= t) ? 1 : 0 }')" "$(kb_to_mb "$RSS_HWM_KB") MB"
log "report written to $REPORT (raw wrk output in $OUT/wrk-*.txt)"
if [[ "$STRICT" == 1 && "$missed" == 1 ]]; then exit 3; fi
