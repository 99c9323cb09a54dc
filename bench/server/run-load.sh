#!/usr/bin/env bash
# Server load benchmark: wrk against POST /v1/classify (one molecule per request) and
# POST /v1/orders/screen (a new order per request) on loopback, then PASS/FAIL against the
# targets. Builds nothing: give it the build directory.
#
# Endpoints (ENDPOINTS, in this order by default):
#   classify         bench/server/classify.lua: 8 inputs in turn (fentanyl as SMILES, name and
#                    citrate salt, 4-AP, 4-piperidone, ethanol, aspirin) — the fentanyl-heavy workload;
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
#   DB=postgres NODES=2 bench/server/run-load.sh  # two serve nodes on one PostgreSQL database
#
# Environment (defaults in brackets):
#   DURATION [60]        seconds of wrk per endpoint (after a 2 s warm-up run)
#   CONNECTIONS [8]      wrk connections (keep-alive; one server worker each, see docs/benchmarks.md)
#   WRK_THREADS [1]      wrk threads (wrk shares the 2 cores with the server)
#   SERVER_THREADS []    chokepoint serve --threads (empty: the server's default)
#   ENDPOINTS [classify classify-unique orders]
#   SERVE_ARGS []        extra arguments for chokepoint serve (e.g. --classify-cache 0)
#   ORDERS_N [30000]     generated orders the orders run cycles through
#   DB [sqlite]          sqlite: a new SQLite file; postgres: a new throwaway PostgreSQL server
#                        with its durable defaults (tests/pg/start.sh, PG_DURABLE=1); or any
#                        --db value (a file, a postgresql:// URL of an empty database)
#   NODES [1]            serve processes on the database; with 2, wrk runs twice at once, one
#                        per node with half the connections each, and the RESULT line sums
#                        their requests/s and reports the larger p50/p99
#   KEEP=1               keep the temporary directory (database, server log)
#
# The token is created with `admin create-token --rate-limit 1000000`, so the per-token limit
# (server default 50 requests/s) is in the request path but never rejects. Screening lists:
# data/examples/blocklist.jsonl only (not the imported lists), so runs are reproducible.
#
# Prints one line per endpoint:
#   RESULT endpoint=classify requests=… rps=… p50_ms=… p99_ms=… errors=… non2xx=… load1=…
#          server_cores=… wrk_cores=… other_cores=…
# and a verdict per target. server_cores (the serve processes), db_cores (the throwaway
# PostgreSQL server of DB=postgres), wrk_cores and other_cores say where the machine's CPU went
# during the run: other_cores > 0.2 means other jobs competed and the figures are noisy.
# Then `chokepoint audit verify` on the database: every node audited into one chain.
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
DB="${DB:-sqlite}"
NODES="${NODES:-1}"
case "$NODES" in 1|2) ;; *) echo "run-load: NODES must be 1 or 2" >&2; exit 1 ;; esac

# Targets: what a 2-core node must sustain with the result cache off.
CLASSIFY_MIN_RPS=1000
CLASSIFY_MAX_P99_MS=20

[ -x "$BIN" ] || { echo "run-load: $BIN is not built (cmake --build $BUILD --target chokepoint)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "run-load: wrk is not installed (apt-get install wrk)" >&2; exit 1; }
command -v curl >/dev/null || { echo "run-load: curl is not installed" >&2; exit 1; }

TMP="$(mktemp -d /tmp/cp-load.XXXXXX)"
SERVER_PIDS=()
PG_STATE=""
cleanup() {
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  [ -n "$PG_STATE" ] && bash "$ROOT/tests/pg/stop.sh" "$PG_STATE"
  if [ "${KEEP:-}" = 1 ]; then echo "run-load: kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export CHOKEPOINT_HOME="$TMP/home"
case "$DB" in
  sqlite) DB="$TMP/cp.db" ;;
  postgres)
    PG_STATE="$TMP/pg"
    PG_DURABLE=1 bash "$ROOT/tests/pg/start.sh" "$PG_STATE" >"$TMP/pg.log" 2>&1 ||
      { cat "$TMP/pg.log" >&2; echo "run-load: cannot start PostgreSQL" >&2; exit 1; }
    [ -f "$PG_STATE/url" ] || { cat "$TMP/pg.log" >&2; exit 1; }
    DB="$(cat "$PG_STATE/url")"
    ;;
esac
"$BIN" admin create-org --db "$DB" bench >/dev/null || { echo "run-load: admin create-org failed" >&2; exit 1; }
TOKEN="$("$BIN" admin create-token --db "$DB" --org bench --role screener --label load-bench \
           --rate-limit 1000000 2>/dev/null)" || { echo "run-load: admin create-token failed" >&2; exit 1; }
export CP_TOKEN="$TOKEN"

args=(serve --db "$DB" --listen 127.0.0.1:0 --list data/examples/blocklist.jsonl --lists-dir "$TMP/lists")
[ -n "$SERVER_THREADS" ] && args+=(--threads "$SERVER_THREADS")
# shellcheck disable=SC2206
[ -n "${SERVE_ARGS:-}" ] && args+=(${SERVE_ARGS})
URLS=()
for n in $(seq 1 "$NODES"); do
  "$BIN" "${args[@]}" 2>"$TMP/serve$n.log" &
  SERVER_PIDS+=($!)
  url=""
  for _ in $(seq 1 300); do
    url="$(sed -n 's|.*listening on \(http://[^/]*\)/.*|\1|p' "$TMP/serve$n.log")"
    [ -n "$url" ] && break
    kill -0 "${SERVER_PIDS[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "run-load: server $n did not start:" >&2
    cat "$TMP/serve$n.log" >&2
    exit 1
  fi
  URLS+=("$url")
done
URL="${URLS[0]}"

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
echo "run-load: database $(sed 's|://[^@/]*@|://***@|' <<<"$DB" | sed "s|$TMP|TMP|"), $NODES node(s): ${URLS[*]} (threads ${SERVER_THREADS:-default})"
echo "run-load: wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s in all, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
proc_jiffies() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# The throwaway PostgreSQL server's processes (postmaster and its backends), when DB=postgres.
db_jiffies() {
  local pm total=0
  [ -n "$PG_STATE" ] || { echo 0; return; }
  pm="$(head -n 1 "$(cat "$PG_STATE/datadir")/data/postmaster.pid" 2>/dev/null)"
  [ -n "$pm" ] || { echo 0; return; }
  for pid in "$pm" $(pgrep -P "$pm"); do total=$((total + $(proc_jiffies "$pid"))); done
  echo "$total"
}

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
  if [ "$ep" != classify-unique ]; then
    for u in "${URLS[@]}"; do
      CP_RUN="warm-$ep-$$-$run_no" wrk -t1 -c"$CONNECTIONS" -d2s -s "$script" "$u" >/dev/null 2>&1
    done
  fi
  # CPU accounting over the run: the servers, wrk, and everything else on the machine (other
  # jobs make the figures noisy; the load average counts the servers' own busy workers).
  per=$((CONNECTIONS / NODES)); [ "$per" -ge 1 ] || per=1
  busy0="$(busy_jiffies)"; db0="$(db_jiffies)"
  srv0=0; for pid in "${SERVER_PIDS[@]}"; do srv0=$((srv0 + $(proc_jiffies "$pid"))); done
  n=0
  wrk_pids=()
  for u in "${URLS[@]}"; do
    n=$((n + 1))
    CP_RUN="$CP_RUN-n$n" /usr/bin/time -f 'WRKCPU %U %S' wrk -t"$WRK_THREADS" -c"$per" -d"${DURATION}s" --timeout 5s \
      --latency -s "$script" "$u" >"$TMP/wrk$n.out" 2>&1 &
    wrk_pids+=($!)
  done
  wait "${wrk_pids[@]}"
  busy1="$(busy_jiffies)"; db1="$(db_jiffies)"
  srv1=0; for pid in "${SERVER_PIDS[@]}"; do srv1=$((srv1 + $(proc_jiffies "$pid"))); done
  load="$(cut -d' ' -f1 /proc/loadavg)"
  wrkcpu="$(cat "$TMP"/wrk*.out | awk '/^WRKCPU / { u += $2; s += $3 } END { print u, s }')"
  cpu="$(awk -v b="$((busy1 - busy0))" -v s="$((srv1 - srv0))" -v db="$((db1 - db0))" -v w="$wrkcpu" \
           -v d="$DURATION" -v hz="$(getconf CLK_TCK)" 'BEGIN {
           split(w, x, " "); wc = (x[1] + x[2]) / d; sc = s / hz / d; dc = db / hz / d; bc = b / hz / d;
           o = bc - sc - dc - wc; if (o < 0) o = 0;
           printf "server_cores=%.2f db_cores=%.2f wrk_cores=%.2f other_cores=%.2f", sc, dc, wc, o }')"
  out="$(cat "$TMP"/wrk*.out | grep -v '^WRKCPU ')"
  rm -f "$TMP"/wrk*.out
  echo
  echo "---- $ep: $NODES x wrk -t$WRK_THREADS -c$per -d${DURATION}s -s $script"
  echo "$out"
  # One RESULT per wrk: requests and rates add up, latencies take the worse node.
  line="$(grep '^RESULT ' <<<"$out" | awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      req += v["requests"]; rps += v["rps"]; err += v["errors"]; non += v["non2xx"]; dur = v["duration_s"]
      if (v["p50_ms"] > p50) p50 = v["p50_ms"]; if (v["p99_ms"] > p99) p99 = v["p99_ms"]; n++ }
    END { if (n) printf "RESULT requests=%d duration_s=%s rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
                        req, dur, rps, p50, p99, err, non }')"
  if [ -z "$line" ]; then
    echo "RESULT endpoint=$ep failed=1"
    fail=1
    continue
  fi
  echo "RESULT endpoint=$ep nodes=$NODES ${line#RESULT } connections=$CONNECTIONS load1=$load $cpu"
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
for u in "${URLS[@]}"; do
  echo "$u:"
  curl -s "$u/metrics" | grep -E '^chokepoint_(http_requests_total|decisions_total)' | grep -v ' 0$'
done
for n in $(seq 1 "$NODES"); do grep -v 'listening on' "$TMP/serve$n.log" | head -n 20; done
# Every decision of the run was audited by whichever node made it: one chain, intact.
echo
echo "---- audit verify"
verify="$("$BIN" audit verify --db "$DB" 2>&1)"
echo "$verify"
verdict "audit chain intact after the run" "$(grep -q 'chain intact' <<<"$verify" && echo 1 || echo 0)" \
  "$(head -n 1 <<<"$verify")"
[ "$fail" = 0 ] && exit 0 || exit 3
