#!/usr/bin/env bash
# The README's main job on the bundled examples: classify the example substances.
set -euo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."
echo "== chokepoint classify data/examples/substances.txt (table view) =="
"$BUILD_DIR/chokepoint" classify --file data/examples/substances.txt --format table
echo
echo "JSON records (one per input) are the default output: $BUILD_DIR/chokepoint classify --file data/examples/substances.txt"

echo
echo "== chokepoint screen data/examples/orders.jsonl (table view, temporary database) =="
# Screening lists: the example internal blocklist, plus the shared OFAC SDN snapshot when present.
LISTS=(--list data/examples/blocklist.jsonl)
[[ -d ../shared/data/sanctions/ofac-sdn-2021 ]] && LISTS+=(--list ../shared/data/sanctions/ofac-sdn-2021)
ORDERS_DB=$(mktemp -d)/chokepoint.db
"$BUILD_DIR/chokepoint" screen data/examples/orders.jsonl --db "$ORDERS_DB" --format table "${LISTS[@]}"
echo
echo "Suspicious-order report of one blocked order (Markdown; JSON with --format json):"
# Written to a file first: piping into `head` would end the writer with SIGPIPE (exit 141).
REPORT="$(dirname "$ORDERS_DB")/report.md"
"$BUILD_DIR/chokepoint" report SO-2025-0008 --db "$ORDERS_DB" --format md --aware 2025-03-19 > "$REPORT"
sed -n 1,20p "$REPORT"
echo "... ($(wc -l < "$REPORT") lines in all)"
rm -rf "$(dirname "$ORDERS_DB")"
