#!/usr/bin/env bash
# Server load benchmark (issue 6): wrk against POST /v1/classify (one molecule per request) and
# POST /v1/orders/screen (a new order per request) on loopback, then PASS/FAIL against the
# targets. Builds nothing: give it the build directory.
#
# Endpoints (ENDPOINTS, in this order by default):
#   classify         bench/server/classify.lua: 8 inputs in turn (fentanyl as SMILES, name and
#                    citrate salt, 4-AP, 4-piperidone, ethanol, aspirin) — the issue's workload;
#                    after the first round every answer comes from the server's result cache.
#   classify-unique  bench/server/classify_unique.lua: the 4,999 distinct NCI molecules in turn,
#                    every request a cache miss (the engine's own cost); no target, reported.
#   orders           bench/server/orders.lua: ORDERS_N orders from the build's gen_orders
#                    (bench/orders: ~40 orders per customer per year, in date order; the 36
#                    example orders when gen_orders is not built), a new id per request, each
#                    decided, stored and audited (201).
#
#   bench/server/run-load.sh [BUILD_DIR]          # default build; 60 s per endpoint
#   DURATION=10 bench/server/run-load.sh build    # quick run
#
# Environment (defaults in brackets):
#   DURATION [60]        seconds of wrk per endpoint (after a 2 s warm-up run)
#   CONNECTIONS [8]      wrk connections (keep-alive; one server worker each, see docs/benchmarks.md)
#   WRK_THREADS [1]      wrk threads (wrk shares the 2 cores with the server)
#   SERVER_THREADS []    chokepoint serve --threads (empty: the server's default)
#   ENDPOINTS [classify classify-unique orders]
#   SERVE_ARGS []        extra arguments for chokepoint serve (e.g. --classify-cache 0)
#   ORDERS_N [30000]     generated orders the orders run cycles through
#   KEEP=1               keep the temporary directory (database, server log)
#
# The token is created with `admin create-token --rate-limit 1000000`, so the per-token limit
# (server default 50 requests/s) is in the request path but never rejects. Screening lists:
# data/examples/blocklist.jsonl only (not the imported lists), so runs are reproducible.
#
# Prints one line per endpoint:
#   RESULT endpoint=classify requests=… rps=… p50_ms=… p99_ms=… errors=… non2xx=… load1=…
#          server_cores=… wrk_cores=… other_cores=…
# and a verdict per target. server_cores, wrk_cores and other_cores say where the machine's CPU
# went during the run: other_cores > 0.2 means other jobs competed and the figures are noisy.
# Exit status: 0 every target met, 3 a target missed, 1 setup failed.
set -uo pipefail
BUILD="${1:-build}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
BUILD="$(cd "$BUILD" 2>/dev/null && pwd)" || { echo "run-load: no build directory '${1:-build}'" >&2; exit 1; }
BIN="$BUILD/chokepoint"
DURATION="${DURATION:-60}"
CONNECTIONS="${CONNECTIONS:-8}"
WRK_THREADS="${WRK_THREADS:-1}"
SERVER_THREADS="${SERVER_THREADS:-}"
ENDPOINTS="${ENDPOINTS:-classify classify-unique orders}"

# Targets (issue 6).
CLASSIFY_MIN_RPS=1000
CLASSIFY_MAX_P99_MS=20

[ -x "$BIN" ] || { echo "run-load: $BIN is not built (cmake --build $BUILD --target chokepoint)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "run-load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "run-load: curl is not installed" >&2; exit 1; }

TMP="$(mktemp -d /tmp/cp-load.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  if [ "${KEEP:-}" = 1 ]; then echo "run-load: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export CHOKEPOINT_HOME="$TMP/home"
DB="$TMP/cp.db"
"$BIN" admin create-org --db "$DB" bench >/dev/null || { echo "run-load: admin create-org failed" >&2; exit 1; }
TOKEN="$("$BIN" admin create-token --db "$DB" --org bench --role screener --label load-bench \
           --rate-limit 1000000 2>/dev/null)" || { echo "run-load: admin create-token failed" >&2; exit 1; }
export CP_TOKEN="$TOKEN"

args=(serve --db "$DB" --listen 127.0.0.1:0 --list data/examples/blocklist.jsonl --lists-dir "$TMP/lists")
[ -n "$SERVER_THREADS" ] && args+=(--threads "$SERVER_THREADS")
# shellcheck disable=SC2206
[ -n "${SERVE_ARGS:-}" ] && args+=(${SERVE_ARGS})
"$BIN" "${args[@]}" 2>"$TMP/serve.log" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 300); do
  URL="$(sed -n 's|.*listening on \(http://[^/]*\)/.*|\1|p' "$TMP/serve.log")"
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "run-load: the server did not start:" >&2
  cat "$TMP/serve.log" >&2
  exit 1
fi

# One request of each kind by hand: the answer must be a success before load means anything.
check() {
  local code
  code="$(curl -s -o "$TMP/check.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/json' --data "$2" "$URL$1")"
  case "$code" in
    2??) ;;
    *) echo "run-load: POST $1 answered $code: $(head -c 300 "$TMP/check.json")" >&2; exit 1 ;;
  esac
}
check /v1/classify '{"substance":"fentanyl"}'
check /v1/orders/screen "$(head -n 1 data/examples/orders.jsonl | sed 's/"id": *"[^"]*"/"id": "LOAD-check"/')"

ORDERS_N="${ORDERS_N:-30000}"
if [ -x "$BUILD/bench/orders/gen_orders" ]; then
  "$BUILD/bench/orders/gen_orders" "$ORDERS_N" >"$TMP/orders.jsonl" || { echo "run-load: gen_orders failed" >&2; exit 1; }
  export CP_ORDERS="$TMP/orders.jsonl"
  orders_src="$ORDERS_N orders from gen_orders (seed 1)"
else
  export CP_ORDERS="$ROOT/data/examples/orders.jsonl"
  orders_src="the 36 example orders ($BUILD/bench/orders/gen_orders is not built)"
fi

echo "run-load: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "run-load: orders: $orders_src"
echo "run-load: server $URL (threads ${SERVER_THREADS:-default}), wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
proc_jiffies() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

fail=0
verdict() {  # name ok(0/1) text
  if [ "$2" = 1 ]; then echo "TARGET $1: PASS ($3)"; else echo "TARGET $1: FAIL ($3)"; fail=1; fi
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

for ep in $ENDPOINTS; do
  case "$ep" in
    classify) script=bench/server/classify.lua ;;
    classify-unique) script=bench/server/classify_unique.lua ;;
    orders) script=bench/server/orders.lua ;;
    *) echo "run-load: unknown endpoint '$ep' (classify, classify-unique, orders)" >&2; exit 1 ;;
  esac
  run_no=$((${run_no:-0} + 1))
  export CP_RUN="$ep-$$-$run_no"
  # Warm-up (first connections, first answers, the organization's ledger); not counted. Not for
  # classify-unique: its warm-up molecules would be cache hits in the measured walk.
  [ "$ep" != classify-unique ] && CP_RUN="warm-$ep-$$-$run_no" wrk -t1 -c"$CONNECTIONS" -d2s -s "$script" "$URL" >/dev/null 2>&1
  # CPU accounting over the run: the server, wrk, and everything else on the machine (other
  # jobs make the figures noisy; the load average counts the server's own busy workers).
  busy0="$(busy_jiffies)"; srv0="$(proc_jiffies "$SERVER_PID")"
  out="$(/usr/bin/time -f 'WRKCPU %U %S' wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s --latency \
           -s "$script" "$URL" 2>&1)"
  busy1="$(busy_jiffies)"; srv1="$(proc_jiffies "$SERVER_PID")"
  load="$(cut -d' ' -f1 /proc/loadavg)"
  cpu="$(awk -v b="$((busy1 - busy0))" -v s="$((srv1 - srv0))" -v w="$(sed -n 's/^WRKCPU //p' <<<"$out")" \
           -v d="$DURATION" -v hz="$(getconf CLK_TCK)" 'BEGIN {
           split(w, x, " "); wc = (x[1] + x[2]) / d; sc = s / hz / d; bc = b / hz / d;
           o = bc - sc - wc; if (o < 0) o = 0;
           printf "server_cores=%.2f wrk_cores=%.2f other_cores=%.2f", sc, wc, o }')"
  out="$(grep -v '^WRKCPU ' <<<"$out")"
  echo
  echo "---- $ep: wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s -s $script"
  echo "$out"
  line="$(grep '^RESULT ' <<<"$out" | tail -n 1)"
  if [ -z "$line" ]; then
    echo "RESULT endpoint=$ep failed=1"
    fail=1
    continue
  fi
  echo "RESULT endpoint=$ep ${line#RESULT } connections=$CONNECTIONS load1=$load $cpu"
  echo "server: $(curl -s "$URL/metrics" | grep -E '^chokepoint_classify_cache_(hits|misses)_total' | tr '\n' ' ')"
  rps="$(field rps "$line")"; p99="$(field p99_ms "$line")"
  errors="$(field errors "$line")"; non2xx="$(field non2xx "$line")"
  if [ "$ep" = classify ]; then
    verdict "classify rps >= $CLASSIFY_MIN_RPS" "$(awk -v v="$rps" -v t="$CLASSIFY_MIN_RPS" 'BEGIN{print (v>=t)?1:0}')" "$rps"
    verdict "classify p99 <= ${CLASSIFY_MAX_P99_MS} ms" "$(awk -v v="$p99" -v t="$CLASSIFY_MAX_P99_MS" 'BEGIN{print (v<=t)?1:0}')" "$p99 ms"
  fi
  verdict "$ep zero errors" "$([ "$errors" = 0 ] && [ "$non2xx" = 0 ] && echo 1 || echo 0)" "socket errors $errors, non-2xx $non2xx"
done

# What the server counted (status per route; orders: decisions, all new).
echo
echo "---- server metrics"
curl -s "$URL/metrics" | grep -E '^chokepoint_(http_requests_total|decisions_total)' | grep -v ' 0$'
grep -v 'listening on' "$TMP/serve.log" | head -n 20
[ "$fail" = 0 ] && exit 0 || exit 3
