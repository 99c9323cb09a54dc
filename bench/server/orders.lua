-- wrk script: POST /v1/orders/screen, cycling through the orders of $CP_ORDERS (JSONL; default
-- the 36 example orders, data/examples/orders.jsonl; run-load.sh passes gen_orders output)
-- with a unique id per request, so every request is a new order that is decided, stored and
-- audited (201), never a stored replay (200).
-- Environment: CP_TOKEN (bearer token), CP_ORDERS (JSONL file), CP_RUN (id prefix, unique per
-- run against one database).
dofile("bench/server/common.lua")
local path = os.getenv("CP_ORDERS") or "data/examples/orders.jsonl"
local run = os.getenv("CP_RUN") or tostring(os.time())

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

local i = 0
request = function()
  i = i + 1
  local o = orders[(i % #orders) + 1]
  return post_json("/v1/orders/screen", o[1] .. "LOAD-" .. run .. "-" .. tostring(tid or 0) .. "-" .. i .. o[2])
end

