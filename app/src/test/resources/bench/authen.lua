-- wrk script for AuthenThroughputBenchmark: POST /api/v1/authen, a different person each time.
-- Arguments (after "--"): API key, first person index, persons loaded, persons per thread.
-- Person i (1..persons) has the PID "3" .. (50000000000 + i) as 11 digits .. check digit, the
-- same set the benchmark loads with COPY and pgbench draws from; no file of IDs is needed.
-- Thread t takes indexes first + t*span, first + t*span + 1, ... so threads never collide.

local threads = {}

function setup(thread)
   thread:set("tid", #threads)
   table.insert(threads, thread)
end

local function pid(i)
   local twelve = string.format("%.0f", 350000000000 + i)
   local sum = 0
   for k = 1, 12 do
      sum = sum + (string.byte(twelve, k) - 48) * (14 - k)
   end
   return twelve .. ((11 - sum % 11) % 10)
end

function init(args)
   persons = tonumber(args[3])
   next_index = tonumber(args[2]) + tid * tonumber(args[4])
   wrk.headers["X-API-Key"] = args[1]
   wrk.headers["Content-Type"] = "application/json"
   created, existing, other = 0, 0, 0
end

function request()
   local i = next_index % persons + 1
   next_index = next_index + 1
   return wrk.format("POST", nil, nil, '{"nationalId":"' .. pid(i)
      .. '","phone":"0812345678","serviceType":"OPD","facilityCode":"10670"}')
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   elseif status == 200 then
      existing = existing + 1
   else
      other = other + 1
      if other <= 3 then
         io.write("LUA unexpected " .. status .. " " .. tostring(body) .. "\n")
      end
   end
end

function done(summary, latency, requests)
   local c, e, o = 0, 0, 0
   for _, t in ipairs(threads) do
      c = c + t:get("created")
      e = e + t:get("existing")
      o = o + t:get("other")
   end
   io.write(string.format("LUA created=%d existing=%d other=%d\n", c, e, o))
end
