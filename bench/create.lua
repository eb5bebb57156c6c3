-- wrk script for audited creates: POST /api/v1/partners, each body a valid partner with a
-- name no other request uses (run id, thread number, counter), so every create must pass
-- validation (uniqueness included), write the record, its search entry and its audit entry.
--   BENCH_TOKEN  bearer token of a user who may write
--   BENCH_RUN    a word that makes the names of this run unique
-- Prints the summary line of get.lua plus created=N (answers 201) and other_status=N.
local token = os.getenv("BENCH_TOKEN")
local run = os.getenv("BENCH_RUN") or tostring(os.time())
wrk.method = "POST"
wrk.path = "/api/v1/partners"
wrk.headers["Authorization"] = "Bearer " .. (token or "")
wrk.headers["Content-Type"] = "application/json"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

-- a few valid shapes, with diacritics, taken in turn
local shapes = {
  '{"kind":"company","name_vi":"Công ty TNHH Thương mại Đo tải %s","name_en":"Load Test Trading %s Co., Ltd.","country":"JP","phone":"+81 3 1234 5678","notes":"Tạo bởi phép đo tải; xoá được."}',
  '{"kind":"locality","name_vi":"Huyện Đo tải %s, tỉnh Attapeu","name_en":"Load Test %s District, Attapeu","country":"LA","subdivision":"LA-AT","notes":"Địa phương thử nghiệm."}',
  '{"kind":"ngo","name_vi":"Tổ chức Nước sạch Đo tải %s","name_en":"Load Test %s Clean Water Foundation","country":"FR","website":"https://example.org/","email":"info@example.org"}',
}

local n = 0
created = 0
others = 0
function request()
  n = n + 1
  local id = string.format("%s-%d-%d", run, tid, n)
  local shape = shapes[(n % #shapes) + 1]
  return wrk.format(nil, nil, nil, string.format(shape, id, id))
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else others = others + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + (t:get("created") or 0)
    o = o + (t:get("others") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d seconds=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d errors=%d created=%d other_status=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout, c, o))
end
