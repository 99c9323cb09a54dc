#!/usr/bin/env bash
# The seeds' chain on three real servers on loopback (docs/exchange.md, "End to end"):
#   1. a seller's node (ACME) holds a suspicious order and sends a `report` to its authority, CN;
#   2. CN acknowledges it and sends a `lead` about the buyer to the US authority's node;
#   3. US acknowledges the lead, records action taken and an outcome;
#   4. CN's indicators then show US's response time and the outcome.
# Usage: examples/exchange/three-nodes.sh [BUILD_DIR]   (exits 0 and prints CN's indicators)
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD_DIR=${1:-build}
BIN="$(cd "$BUILD_DIR" && pwd)/chokepoint"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
START=$(date +%s.%N)

declare -A DB TOKEN KEY PORT
setup_node() {  # CODE "Organization name"
  local code=$1 org=$2
  DB[$code]="$WORK/$code.db"
  "$BIN" admin create-org "$org" --db "${DB[$code]}" >/dev/null
  TOKEN[$code]=$("$BIN" admin create-token --org "$org" --role analyst --format json --db "${DB[$code]}" | jq -r .token)
  KEY[$code]=$("$BIN" exchange init --authority "$code" --db "${DB[$code]}" | jq -r .public_key)
  "$BIN" serve --db "${DB[$code]}" --listen 127.0.0.1:0 --list data/examples/blocklist.jsonl \
    --lists-dir "$WORK/lists" 2>"$WORK/$code.log" &
  PIDS+=($!)
}
wait_port() {  # CODE: the port from the "listening on" line, then /healthz answers
  local code=$1 i
  for i in $(seq 1 3000); do
    PORT[$code]=$(sed -n 's#.*listening on http://127.0.0.1:\([0-9]*\)/.*#\1#p' "$WORK/$code.log" | head -1)
    [[ -n "${PORT[$code]}" ]] && curl -sf "http://127.0.0.1:${PORT[$code]}/healthz" >/dev/null && return 0
    sleep 0.02
  done
  echo "node $code did not start:" >&2; cat "$WORK/$code.log" >&2; exit 1
}
api() {  # CODE METHOD PATH [BODY]
  local code=$1 method=$2 path=$3 body=${4:-}
  if [[ $method == GET ]]; then
    curl -sS -H "Authorization: Bearer ${TOKEN[$code]}" "http://127.0.0.1:${PORT[$code]}$path"
  else
    curl -sS -H "Authorization: Bearer ${TOKEN[$code]}" -H 'Content-Type: application/json' -d "$body" \
      "http://127.0.0.1:${PORT[$code]}$path"
  fi
}
wait_for() {  # CODE PATH JQ-CONDITION: polls until the condition holds (deliveries are asynchronous)
  local code=$1 path=$2 cond=$3 i
  for i in $(seq 1 1500); do
    api "$code" GET "$path" | jq -e "$cond" >/dev/null 2>&1 && return 0
    sleep 0.02
  done
  echo "timed out waiting on $code for $path: $cond" >&2; api "$code" GET "$path" >&2; exit 1
}
peer() {  # AT CODE
  "$BIN" exchange peer add --db "${DB[$1]}" --authority "$2" --url "http://127.0.0.1:${PORT[$2]}" --key "${KEY[$2]}" 2>/dev/null
}

setup_node ACME "Acme Chemicals"
setup_node CN "China National Narcotics Control Commission"
setup_node US "US Drug Enforcement Administration"
for n in ACME CN US; do wait_port "$n"; done
peer ACME CN; peer CN ACME; peer CN US; peer US CN
echo "== three nodes: ACME :${PORT[ACME]}  CN :${PORT[CN]}  US :${PORT[US]}"

# 1. The seller screens an order (held) and reports it to CN.
ORDER=$(grep '"SO-2025-0008"' data/examples/orders.jsonl)
DECISION=$(api ACME POST /v1/orders/screen "$ORDER" | jq -r .decision)
echo "ACME screened SO-2025-0008: $DECISION"
REPORT_ID=$(api ACME POST /v1/exchange/records \
  '{"kind":"report","to":["CN"],"tlp":"amber","body":{"order_id":"SO-2025-0008"}}' | jq -r .id)
echo "ACME -> CN report $REPORT_ID"
wait_for CN "/v1/exchange/records/$REPORT_ID" '.state == "received"'
api CN POST "/v1/exchange/records/$REPORT_ID/events" '{"type":"acknowledge","note":"received, opening a file"}' >/dev/null

# 2. CN passes a lead about the buyer to US.
BUYER=$(echo "$ORDER" | jq -c '{name: .buyer.name, country: .buyer.country}')
LEAD=$(jq -nc --argjson buyer "$BUYER" --arg rid "$REPORT_ID" '{kind:"lead", to:["US"], tlp:"amber",
  body:{subjects:{parties:[$buyer]}, substances:["4-anilinopiperidine"],
        evidence_summary:("suspicious order reported by ACME, record " + $rid)}}')
LEAD_ID=$(api CN POST /v1/exchange/records "$LEAD" | jq -r .id)
echo "CN -> US lead $LEAD_ID"
wait_for US "/v1/exchange/records/$LEAD_ID" '.state == "delivered"'

# 3. US works the lead.
api US POST "/v1/exchange/records/$LEAD_ID/events" '{"type":"acknowledge"}' >/dev/null
api US POST "/v1/exchange/records/$LEAD_ID/events" '{"type":"action_taken","action":"investigation","note":"buyer premises searched"}' >/dev/null
api US POST "/v1/exchange/records/$LEAD_ID/events" \
  '{"type":"outcome","outcome":{"arrests":2,"prosecutions":1,"convictions":0,"seized_kg":12.5}}' >/dev/null
wait_for CN "/v1/exchange/records/$LEAD_ID" '.states.US == "outcome"'
wait_for ACME "/v1/exchange/records/$REPORT_ID" '.state == "acknowledged"'

# 4. CN's indicators for its partner US.
echo "== CN's indicators (partner US)"
IND=$(api CN GET "/v1/exchange/indicators?partner=US")
echo "$IND" | jq .
echo "$IND" | jq -e '.partners[0].sent.leads | .sent == 1 and .acknowledged == 1 and .acted_on == 1
                     and .arrests == 2 and .prosecutions == 1 and (.median_hours_to_acknowledge != null)' >/dev/null
END=$(date +%s.%N)
printf 'three-node exchange: %.2f s\n' "$(echo "$END - $START" | bc)"
