-- wrk script: POST /v1/classify with one molecule per request, walking the 4,999 distinct
-- molecules of Debian rdkit-data's NCI sample (or $CP_SMILES: one SMILES per line, first
-- column) in order. The server's result cache holds 4,096 records, so in this cyclic walk every
-- request is a cache miss: this measures the engine itself on ordinary catalogue chemicals.
dofile("bench/server/common.lua")
local path = os.getenv("CP_SMILES") or "/usr/share/RDKit/Data/NCI/first_5K.smi"
local subs = {}
for line in io.lines(path) do
  local smi = line:match("^(%S+)")
  if smi then subs[#subs + 1] = '"' .. smi:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"' end
end
assert(#subs > 0, "no SMILES in " .. path)

local i = nil
request = function()
  if not i then i = ((tid or 1) - 1) * 1237 end  -- threads start apart
  i = i + 1
  return post_json("/v1/classify", '{"substance":' .. subs[(i % #subs) + 1] .. '}')
end

