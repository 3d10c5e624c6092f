-- wrk script for bench/sim_bench.sh. SIM_MODE selects the request:
--   get   GET one number            put   PUT (replace) one of 1000 numbers
--   list  GET a 50-item page of numbers
-- SIM_TOKEN is the bearer token. done() prints one machine-readable RESULT line.
local mode = os.getenv("SIM_MODE") or "get"
local token = os.getenv("SIM_TOKEN") or ""
local version = "api-version=2024-02-29-preview"
local counter = 0

wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Content-Type"] = "application/json"

request = function()
  if mode == "put" then
    counter = counter + 1
    local digits = string.format("1555%07d", counter % 1000)
    local body = '{"telephoneNumber":"+' .. digits .. '","accountName":"bench","serviceDetails":' ..
                 '{"teamsOperatorConnect":{"enabled":true,"configuration":{"usage":"CallingUserAssignment",' ..
                 '"choosableCapabilities":["InboundCalling"]}}},"configuration":{"customSipHeader":"bench"}}'
    return wrk.format("PUT", "/accounts/bench/numbers/%2B" .. digits .. "?" .. version, nil, body)
  elseif mode == "list" then
    return wrk.format("GET", "/accounts/bench/numbers?maxpagesize=50&" .. version)
  end
  return wrk.format("GET", "/accounts/bench/numbers/%2B15550000000?" .. version)
end

done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
                         summary.requests / (summary.duration / 1e6),
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000,
                         latency.max / 1000, summary.requests, errors))
end
