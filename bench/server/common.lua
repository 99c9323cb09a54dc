-- Shared by the wrk scripts of bench/server/run-load.sh (which runs wrk from the repository
-- root): thread numbering, the request headers and the RESULT line run-load.sh parses.
-- Environment: CP_TOKEN (bearer token).

-- Each wrk thread gets `tid` (1, 2, …) so scripts can keep threads apart.
local next_thread = 0
setup = function(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local headers = nil
-- POST `body` to `path` with the bearer token and a JSON content type.
function post_json(path, body)
  if not headers then
    headers = { ["Authorization"] = "Bearer " .. os.getenv("CP_TOKEN"), ["Content-Type"] = "application/json" }
  end
  return wrk.format("POST", path, headers, body)
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
