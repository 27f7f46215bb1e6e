-- wrk script for the webhook benchmark: cycles through pre-signed Twilio requests (wrk's Lua cannot
-- compute HMAC-SHA1), each thread through its own share, so CallSids repeat only when a share runs out.
--
--   wrk -t THREADS -c CONNECTIONS -d DURATION -s signed-requests.lua http://127.0.0.1:PORT/voice/incoming \
--       -- REQUESTS_FILE THREADS LABEL
--
-- REQUESTS_FILE holds "signature<TAB>form body" lines (webhook_requests.py requests). done() prints one
-- line starting with "BENCH" that run-webhook-bench.sh reads: latencies in microseconds.

local threads = {}

function setup(thread)
    thread:set("id", #threads)
    table.insert(threads, thread)
end

function init(args)
    local file, count = args[1], tonumber(args[2])
    label = args[3] or "server"
    local path = wrk.path
    requests = {}
    local n = 0
    for line in io.lines(file) do
        if n % count == id then
            local tab = line:find("\t", 1, true)
            requests[#requests + 1] = wrk.format("POST", path, {
                ["Content-Type"] = "application/x-www-form-urlencoded",
                ["X-Twilio-Signature"] = line:sub(1, tab - 1),
            }, line:sub(tab + 1))
        end
        n = n + 1
    end
    if #requests == 0 then
        error("no requests for thread " .. id .. " in " .. file)
    end
    next_index = 0
    wraps = 0
end

function request()
    next_index = next_index + 1
    if next_index > #requests then
        next_index = 1
        wraps = wraps + 1
    end
    return requests[next_index]
end

function done(summary, latency, requests)
    local wrapped = 0
    for _, thread in ipairs(threads) do
        wrapped = wrapped + thread:get("wraps")
    end
    local errors = summary.errors
    io.write(string.format(
        "BENCH label=%s requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d "
            .. "connect_errors=%d read_errors=%d write_errors=%d timeouts=%d non2xx=%d wrapped=%d\n",
        threads[1]:get("label"), summary.requests, summary.duration,
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        errors.connect, errors.read, errors.write, errors.timeout, errors.status, wrapped))
end
