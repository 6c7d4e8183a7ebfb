-- wrk script: each request takes the next path of a mixed list (reader views, paragraph pages,
-- search, API), so every connection exercises all of them. Paths come from bench/load.py.
local paths = {}
local counter = 0
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for path in io.lines(os.getenv("RR_PATHS")) do
    paths[#paths + 1] = path
  end
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

statuses = {}  -- global: done() reads each thread's copy

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  io.write("statuses:")
  for status, count in pairs(total) do
    io.write(string.format(" %d=%d", status, count))
  end
  io.write("\n")
end
