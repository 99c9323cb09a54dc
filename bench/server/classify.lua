-- wrk script: POST /v1/classify with one molecule per request, cycling through a small set of
-- real inputs (controlled, precursor, clear, salt) so the run is not one cached answer.
local subs = {
  '"CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1"', '"fentanyl"', '"4-anilinopiperidine"',
  '"CCO"', '"O=C1CCNCC1"', '"CC(=O)Oc1ccccc1C(=O)O"', '"c1ccc(NC2CCNCC2)cc1"',
  '"CCC(=O)N(c1ccccc1)C1CCN(CCc2ccccc2)CC1.OC(=O)CC(O)(CC(O)=O)C(O)=O"',
}
local token = os.getenv("CP_TOKEN")
local i = 0
request = function()
  i = i + 1
  local body = '{"substance":' .. subs[(i % #subs) + 1] .. '}'
  return wrk.format("POST", "/v1/classify",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
