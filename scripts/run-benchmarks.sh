#!/usr/bin/env bash
# Runs every benchmark and evaluation and prints their figures (`make bench` calls this with the
# build directory). Append a line per new benchmark; keep each one self-describing.
set -uo pipefail
BUILD="${1:-build}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
status=0
run() {
  echo
  echo "################ $*"
  "$@" || { echo "(exit status $?)"; status=1; }
}

# Rulebooks: load time of the bundled legal data (read at every start), then coverage of the
# official lists.
run "$BUILD/bench/rulebooks/bench_rulebook_load"
run "$BUILD/chokepoint" rulebooks coverage

# Classify: evaluation on the Fentanyl Hunter library, then throughput on the NCI set
# with the naive python3-rdkit baseline (Debian python3-rdkit; /usr/bin/python3, not a pyenv one).
run "$BUILD/bench/classify/eval_fentanyl_hunter"
run "$BUILD/bench/classify/bench_worst_case"
run "$BUILD/bench/classify/bench_classify_throughput" --python /usr/bin/python3 ${CLASSIFY_BENCH_ARGS:-}

# Flags: similarity threshold sweep with precision/recall on the evaluation sets, and
# the flag stages' share of classify time on the NCI set.
run "$BUILD/bench/flags/eval_flags"
run "$BUILD/bench/flags/bench_flags_throughput"

# Parties: precision/recall/F1 per labelled pair file beside the reference tools, then
# index build time, memory and per-query latency with all shared lists loaded.
run "$BUILD/bench/parties/parties_pairs_eval"
run "$BUILD/bench/parties/parties_screen_bench"

# Orders: 100,000 generated orders, 1 and 2 threads, without and with SQLite.
run "$BUILD/bench/orders/orders_bench" ${ORDERS_BENCH_ARGS:-}

# Exchange: inbound envelopes per second on one node with SQLite (library, then real HTTP).
run env CHOKEPOINT_BIN="$BUILD/chokepoint" "$BUILD/bench/exchange/inbound_bench" ${EXCHANGE_BENCH_ARGS:-}

# Server: wrk on loopback against POST /v1/classify (the fentanyl-heavy mix, then distinct
# NCI molecules) and POST /v1/orders/screen, 60 s each (DURATION=10 for a quick run).
run bench/server/run-load.sh "$BUILD"

exit $status
