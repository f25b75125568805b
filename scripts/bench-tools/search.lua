-- wrk script for scripts/bench: rotates over realistic Dutch queries (words of the gemma-zaken
-- corpus, stemmed forms, phrases, operators and filters) on a search path given after `--`:
--   wrk -s search.lua http://127.0.0.1:PORT -- /search?q=
--   wrk -s search.lua http://127.0.0.1:PORT -- /api/v1/search?q=
local queries = {
  "zaaktype", "besluit", "documenten", "autorisatie", "notificaties", "archiveren",
  "zaak", "informatieobject", "catalogus", "gemeente", "gemeenten", "archiefnominatie",
  "bewaartermijn", "selectielijst", "resultaattype", "statustype", "betrokkene", "klant",
  "contactmoment", "verzoek", "melding", "verslag", "sprint", "demo", "standaard",
  "specificatie", "versie", "release", "beheer", "architectuur", "gegevensmodel",
  "componenten", "leverancier", "implementatie", "authenticatie", "token", "scopes",
  "audittrail", "vertrouwelijkheid", "zaakobject", "eigenschap", "besluittype",
  "informatieobjecttype", "validatie", "zaaktype besluit", "documenten archiveren",
  "\"zaakgericht werken\"", "autorisatie -token", "notificaties OR abonnement",
  "titel:api", "kind:minutes sprint", "jaar:2019 release", "zaken gemeente documenten",
}

local prefix = "/search?q="
local counter = 0

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local encoded = {}
for i, q in ipairs(queries) do encoded[i] = encode(q) end

function init(args)
  if args[1] then prefix = args[1] end
  -- Each wrk thread has its own Lua state: start them at different queries.
  counter = math.random(#encoded)
end

function request()
  counter = counter + 1
  return wrk.format("GET", prefix .. encoded[(counter % #encoded) + 1])
end
