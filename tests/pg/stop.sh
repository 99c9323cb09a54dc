#!/usr/bin/env bash
# CTest fixture: stops the server tests/pg/start.sh started and removes its data.
#   tests/pg/stop.sh STATE_DIR
set -uo pipefail
STATE="${1:?usage: stop.sh STATE_DIR}"
[ -f "$STATE/datadir" ] || exit 0  # nothing was started (or PostgreSQL is unavailable)
DIR="$(cat "$STATE/datadir")"
read -r -a RUN <"$STATE/run" || RUN=()
BIN=""
for v in 15 16 17 14 13; do
  if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then BIN="/usr/lib/postgresql/$v/bin"; break; fi
done
if [ -n "$BIN" ] && [ -d "$DIR/data" ]; then
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
fi
case "$DIR" in /tmp/cp-pgtest.*) rm -rf "$DIR" ;; esac
rm -f "$STATE/datadir" "$STATE/url" "$STATE/run"
