-- wrk script for bench/load.py: a weighted mix of requests, answers counted per status class.
--
-- wrk -s mix.lua URL -- REQUESTS_FILE
-- Each line of REQUESTS_FILE: weight, method, path, headers ("Name: value" joined by " | ") and a
-- url-encoded body, separated by tabs. Every request also carries X-Forwarded-Proto: https, as
-- from the TLS proxy in production.
--
-- Each wrk thread has its own Lua state, so the counts are per thread; done() adds them up and
-- prints one line, "WRK_RESULT {json}", for bench/load.py to read.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

local function split(text, separator)
  local parts, start = {}, 1
  while true do
    local from, to = string.find(text, separator, start, true)
    if not from then
      table.insert(parts, string.sub(text, start))
      return parts
    end
    table.insert(parts, string.sub(text, start, from - 1))
    start = to + 1
  end
end

local requests = {}
counts = {}   -- global: done() reads it from every thread
caching = {}

function init(args)
  local file = assert(io.open(args[1]), "cannot read the requests file")
  for line in file:lines() do
    if line ~= "" then
      local fields = split(line, "\t")
      local headers = {["X-Forwarded-Proto"] = "https"}
      if fields[4] and fields[4] ~= "" then
        for _, header in ipairs(split(fields[4], " | ")) do
          local name, value = string.match(header, "^([^:]+):%s*(.*)$")
          headers[name] = value
        end
      end
      local body = fields[5] ~= "" and fields[5] or nil
      local prepared = wrk.format(fields[2], fields[3], headers, body)
      for _ = 1, tonumber(fields[1]) do
        table.insert(requests, prepared)
      end
    end
  end
  file:close()
  math.randomseed(os.time() + #threads + math.floor(os.clock() * 1000000))
end

function request()
  return requests[math.random(#requests)]
end

function response(status, headers, body)
  local class = tostring(math.floor(status / 100)) .. "xx"
  counts[class] = (counts[class] or 0) + 1
  local cache = headers["X-Cache-Status"] or headers["x-cache-status"]
  if cache then
    caching[cache] = (caching[cache] or 0) + 1
  end
end

local function add(into, from)
  for key, value in pairs(from or {}) do
    into[key] = (into[key] or 0) + value
  end
end

local function json_object(values)
  local parts = {}
  for key, value in pairs(values) do
    table.insert(parts, string.format("%q: %d", key, value))
  end
  return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests_seen)
  local statuses, cache_statuses = {}, {}
  for _, thread in ipairs(threads) do
    add(statuses, thread:get("counts"))
    add(cache_statuses, thread:get("caching"))
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"statuses": %s, "cache": %s}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.timeout,
    json_object(statuses), json_object(cache_statuses)))
end
