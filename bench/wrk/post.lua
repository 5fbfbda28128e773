-- wrk script of bench/compare.sh: POSTs the JSON bodies of WRK_BODIES (one per line) to WRK_PATH in turn, with an
-- optional bearer token (WRK_BEARER), and writes the summary as one JSON object to WRK_OUT when the run ends.
-- Everything comes from the environment because wrk's done() runs in a Lua state that never sees script arguments.
local path = os.getenv("WRK_PATH")
local headers = { ["Content-Type"] = "application/json" }
local bearer = os.getenv("WRK_BEARER")
if bearer and bearer ~= "" then
  headers["Authorization"] = "Bearer " .. bearer
end

-- Requests are formatted once per thread in init(); request() only picks the next one. Host is set explicitly:
-- a pre-formatted request does not get wrk's own, and Kestrel, Node and uvicorn refuse HTTP/1.1 without it.
local prepared = {}
local next_index = 0
function init(args)
  headers["Host"] = wrk.host .. ":" .. wrk.port
  for line in io.lines(os.getenv("WRK_BODIES")) do
    if line ~= "" then
      prepared[#prepared + 1] = wrk.format("POST", path, headers, line)
    end
  end
  next_index = math.random(#prepared) - 1
end

function request()
  next_index = next_index % #prepared + 1
  return prepared[next_index]
end

function done(summary, latency, requests)
  local e = summary.errors
  local out = io.open(os.getenv("WRK_OUT"), "w")
  out:write(string.format(
    '{"requests":%d,"duration_us":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,' ..
    '"errors_timeout":%d,"p50_us":%d,"p90_us":%d,"p95_us":%d,"p99_us":%d,"mean_us":%.1f,"max_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
  out:close()
end
