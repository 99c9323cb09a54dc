-- wrk script: POST /v1/orders/screen, cycling through the orders of $CP_ORDERS (JSONL; default
-- the 36 example orders, data/examples/orders.jsonl; run-load.sh passes gen_orders output)
-- with a unique id per request, so every request is a new order that is decided, stored and
-- audited (201), never a stored replay (200).
-- Environment: CP_TOKEN (bearer token), CP_ORDERS (JSONL file), CP_RUN (id prefix, unique per
-- run against one database).
local path = os.getenv("CP_ORDERS") or "data/examples/orders.jsonl"
local run = os.getenv("CP_RUN") or tostring(os.time())
local token = os.getenv("CP_TOKEN")

-- Each order split around its id value: prefix .. new id .. suffix.
local orders = {}
for line in io.lines(path) do
  local s, e = line:find('"id"%s*:%s*"[^"]*"')
  if s then
    local q = line:find('"', line:find(':', s + 4) + 1)  -- opening quote of the value
    orders[#orders + 1] = { line:sub(1, q), line:sub(e) }
  end
end
assert(#orders > 0, "no orders with an id in " .. path)

local next_thread = 0
setup = function(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local i = 0
local headers = nil
request = function()
  if not headers then
    headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  end
  i = i + 1
  local o = orders[(i % #orders) + 1]
  local body = o[1] .. "LOAD-" .. run .. "-" .. tostring(tid or 0) .. "-" .. i .. o[2]
  return wrk.format("POST", "/v1/orders/screen", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
