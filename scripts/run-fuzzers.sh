#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 60) on a scratch copy of its seed corpus,
# with a per-input time limit, so slowness is found as well as crashes: an input that takes
# longer than -timeout seconds is reported and saved like a crash (timeout-<hash>).
#   scripts/run-fuzzers.sh [SECONDS] [TIMEOUT_S]      (builds the targets with `make fuzz` first)
# Exit status 1 when any target found a crash, a leak or a timeout; findings land in
# build-fuzz/findings/<target>/.
set -uo pipefail
SECONDS_EACH=${1:-60}
TIMEOUT_S=${2:-1}
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
make fuzz >/dev/null || exit 1
status=0
run() {  # binary corpus-dir [extra args]
  local bin=$1 corpus=$2
  shift 2
  local t
  t=$(basename "$bin")
  local work="build-fuzz/corpus-run/$t" findings="build-fuzz/findings/$t"
  rm -rf "$work" && mkdir -p "$work" "$findings"
  find "$corpus" -type f -exec cp {} "$work"/ \;
  echo "== $t (${SECONDS_EACH}s, -timeout=${TIMEOUT_S})"
  if ! "$bin" "$work" -max_total_time="$SECONDS_EACH" -timeout="$TIMEOUT_S" -rss_limit_mb=2048 \
       -artifact_prefix="$findings/" -print_final_stats=1 "$@" 2>"$findings/log.txt"; then
    echo "   FOUND: see $findings/ ($(ls "$findings" | grep -v log.txt | tr '\n' ' '))"
    status=1
  else
    grep -E 'stat::number_of_executed_units|cov:' "$findings/log.txt" | tail -1 | sed 's/^/   /'
  fi
}
for t in smiles molfile inchi cas classify; do run "build-fuzz/fuzz/fuzz_$t" "fuzz/corpus/$t"; done
run build-fuzz/fuzz/parties/fuzz_parties_lists fuzz/parties/corpus/lists
run build-fuzz/fuzz/parties/fuzz_parties_name fuzz/parties/corpus/name
run build-fuzz/fuzz/server/fuzz_server_requests fuzz/server/corpus -dict=fuzz/server/requests.dict
run build-fuzz/fuzz/exchange/fuzz_exchange_envelope fuzz/exchange/corpus
exit $status
