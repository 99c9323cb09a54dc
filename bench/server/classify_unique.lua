-- wrk script: POST /v1/classify with one molecule per request, walking the 4,999 distinct
-- molecules of Debian rdkit-data's NCI sample (or $CP_SMILES: one SMILES per line, first
-- column) in order. The server's result cache holds 4,096 records, so in this cyclic walk every
-- request is a cache miss: this measures the engine itself on ordinary catalogue chemicals.
local path = os.getenv("CP_SMILES") or "/usr/share/RDKit/Data/NCI/first_5K.smi"
local token = os.getenv("CP_TOKEN")
local subs = {}
for line in io.lines(path) do
  local smi = line:match("^(%S+)")
  if smi then subs[#subs + 1] = '"' .. smi:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"' end
end
assert(#subs > 0, "no SMILES in " .. path)

local next_thread = 0
setup = function(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local i = nil
local headers = nil
request = function()
  if not i then
    i = ((tid or 1) - 1) * 1237  -- threads start apart
    headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  end
  i = i + 1
  local body = '{"substance":' .. subs[(i % #subs) + 1] .. '}'
  return wrk.format("POST", "/v1/classify", headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
