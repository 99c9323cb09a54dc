#!/usr/bin/env bash
# The README's main job on the bundled examples: classify the example substances.
set -euo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."
echo "== chokepoint classify data/examples/substances.txt (table view) =="
"$BUILD_DIR/chokepoint" classify --file data/examples/substances.txt --format table
echo
echo "JSON records (one per input) are the default output: $BUILD_DIR/chokepoint classify --file data/examples/substances.txt"
