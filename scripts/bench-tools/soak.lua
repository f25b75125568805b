-- wrk script for scripts/bench-tools/soak.sh: a mixed load on one server, per request drawn at
-- random (seeded per wrk thread): page views, HTML and JSON searches, page writes through the
-- JSON API and uploads (multipart/form-data built here), the writes with a bearer token.
--   wrk -s soak.lua http://127.0.0.1:PORT -- SLUGS_FILE TOKEN
-- SLUGS_FILE holds existing page slugs, one a line. At the end it prints one line:
--   soak-counts requests=N non2xx=N reads=N searches=N writes=N uploads=N statuses=CODE:N,...
-- (the counts are of requests made; non2xx counts every answer outside 200-299), and the start
-- of the first such answer's body of each wrk thread on a line "soak-first-error ...".

-- Out of 1000 requests: the rest are page views.
local SEARCHES, WRITES, UPLOADS = 300, 30, 10

local queries = {
  "zaaktype", "besluit", "documenten", "autorisatie", "notificaties", "archiveren", "zaak",
  "informatieobject", "catalogus", "gemeente", "bewaartermijn", "selectielijst", "verslag",
  "sprint", "demo", "standaard", "beheer", "architectuur", "leverancier", "implementatie",
  "zaaktype besluit", "documenten archiveren", "\"zaakgericht werken\"", "autorisatie -token",
  "notificaties OR abonnement", "titel:api", "kind:minutes sprint", "jaar:2019 release",
}
-- ASCII only, without quotes or backslashes: pasted into JSON and multipart as they are.
local lines = {
  "De gemeente legt elk besluit vast in het zaaksysteem, met het zaaktype en de bewaartermijn.",
  "Tijdens de sprintdemo toonde het team de nieuwe notificaties voor het archiveren van documenten.",
  "Afspraak: de leverancier levert de koppeling met de catalogus voor het einde van het kwartaal.",
  "Het OCMW en de stad delen een selectielijst; de autorisatie loopt via scopes per applicatie.",
  "Actiepunt voor het kernteam: het gegevensmodel van informatieobjecten opnieuw bekijken.",
}

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- ---- Main thread: one id per wrk thread, and the counts of all of them at the end ----
local threads = {}
local next_id = 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local totals = { requests = 0, non2xx = 0, reads = 0, searches = 0, writes = 0, uploads = 0 }
  local statuses = {}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do totals[key] = totals[key] + (thread:get(key) or 0) end
    for code, n in string.gmatch(thread:get("statuses") or "", "(%d+):(%d+)") do
      statuses[code] = (statuses[code] or 0) + tonumber(n)
    end
  end
  local parts = {}
  for code, n in pairs(statuses) do table.insert(parts, code .. ":" .. n) end
  table.sort(parts)
  io.write(string.format(
    "soak-counts requests=%d non2xx=%d reads=%d searches=%d writes=%d uploads=%d statuses=%s\n",
    totals.requests, totals.non2xx, totals.reads, totals.searches, totals.writes, totals.uploads,
    table.concat(parts, ",")))
  for _, thread in ipairs(threads) do
    local first = thread:get("first_error")
    if first then io.write("soak-first-error " .. first .. "\n") end
  end
end

-- ---- Each wrk thread (its own Lua state) ----
local slugs = {}
local token = ""
local counter = 0
local status_counts = {}

function init(args)
  local file = assert(io.open(args[1], "r"), "soak.lua: cannot read the slugs file")
  for line in file:lines() do
    if line ~= "" then table.insert(slugs, line) end
  end
  file:close()
  assert(#slugs > 0, "soak.lua: no slugs")
  token = args[2] or ""
  math.randomseed(1000 * (id or 1) + 7)
  requests, non2xx, reads, searches, writes, uploads = 0, 0, 0, 0, 0, 0
end

local function auth(headers)
  headers["Authorization"] = "Bearer " .. token
  return headers
end

local function page_text(n)
  local text = "# Soak " .. id .. "-" .. n .. "\n\n"
  for i = 1, 1 + (n % 5) do
    text = text .. lines[(n + i) % #lines + 1] .. "\n\n"
  end
  return text .. "Zie ook [[" .. slugs[(n % #slugs) + 1] .. "]] en [[Soak pagina " .. (n % 50) .. "]].\n"
end

local function write_request()
  writes = writes + 1
  local slug = "soak-" .. id .. "-" .. (counter % 200)
  local body = '{"title":"Soak ' .. id .. "-" .. (counter % 200) .. '","body":"' ..
    page_text(counter):gsub("\n", "\\n") .. '"}'
  return wrk.format("PUT", "/api/v1/pages/" .. slug,
    auth({ ["Content-Type"] = "application/json" }), body)
end

local function upload_request()
  uploads = uploads + 1
  local boundary = "kringsoak" .. id .. "x" .. counter
  -- A new content and name each time: every upload stores a file and queues its extraction.
  local content = page_text(counter) .. "Upload " .. id .. "-" .. counter .. "\n"
  local body = "--" .. boundary .. "\r\n" ..
    'Content-Disposition: form-data; name="file"; filename="notitie-' .. id .. "-" .. counter ..
    '.md"\r\nContent-Type: text/markdown\r\n\r\n' .. content .. "\r\n--" .. boundary .. "--\r\n"
  local slug = slugs[math.random(#slugs)]
  return wrk.format("POST", "/api/v1/pages/" .. slug .. "/files",
    auth({ ["Content-Type"] = "multipart/form-data; boundary=" .. boundary }), body)
end

function request()
  counter = counter + 1
  requests = requests + 1
  local draw = math.random(1000)
  if draw <= UPLOADS then return upload_request() end
  if draw <= UPLOADS + WRITES then return write_request() end
  if draw <= UPLOADS + WRITES + SEARCHES then
    searches = searches + 1
    local path = (draw % 2 == 0) and "/search?q=" or "/api/v1/search?q="
    return wrk.format("GET", path .. encode(queries[math.random(#queries)]))
  end
  reads = reads + 1
  return wrk.format("GET", "/p/" .. slugs[math.random(#slugs)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if not first_error then
      first_error = status .. " " .. string.sub(body or "", 1, 300):gsub("%s+", " ")
    end
    status_counts[status] = (status_counts[status] or 0) + 1
    local parts = {}
    for code, n in pairs(status_counts) do table.insert(parts, code .. ":" .. n) end
    statuses = table.concat(parts, ",")
  end
end
