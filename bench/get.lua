-- wrk script for the read measures: adds the credentials and prints one summary line.
--   BENCH_TOKEN   bearer token (the API), or
--   BENCH_COOKIE  cookie header (the pages: "sid=...")
--   BENCH_VARY    optional "FMT BASE SPAN": each request asks FMT (a path with one %d)
--                 with a number drawn from BASE .. BASE+SPAN-1, so that answers are
--                 mostly computed rather than taken from the response cache
--   BENCH_VARY_FILE optional file of paths, one a line: each request asks one of them,
--                 drawn at random (for variations one number cannot express)
-- The summary line (read by run.sh):
--   BENCH requests=N seconds=S rps=R p50_us=.. p90_us=.. p99_us=.. max_us=.. non2xx=N errors=N
local token, cookie = os.getenv("BENCH_TOKEN"), os.getenv("BENCH_COOKIE")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end

local vary, vary_file = os.getenv("BENCH_VARY"), os.getenv("BENCH_VARY_FILE")
if vary_file and vary_file ~= "" then
  local paths = {}
  for line in io.lines(vary_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  assert(#paths > 0, "BENCH_VARY_FILE " .. vary_file .. " holds no path")
  function init(args)
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  end
  function request()
    return wrk.format(nil, paths[math.random(1, #paths)])
  end
elseif vary and vary ~= "" then
  local fmt, base, span = vary:match("^(%S+)%s+(%d+)%s+(%d+)$")
  base, span = tonumber(base), tonumber(span)
  function init(args)
    math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  end
  function request()
    return wrk.format(nil, string.format(fmt, base + math.random(0, span - 1)))
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
