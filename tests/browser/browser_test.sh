#!/usr/bin/env bash
# The web UI in a real headless Chromium against the real server on 127.0.0.1 (port 0) with the
# demo content: the pages render, the stylesheet and script load under the Content-Security-
# Policy (Chromium logs any refusal), and screenshots are left in OUT for people to look at.
# Usage: browser_test.sh KRING_BINARY OUT_DIR CORPUS_DIR
set -uo pipefail
kring=$1
out=$2
corpus=$3
mkdir -p "$out"
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

browser=$(command -v chromium || command -v chromium-browser || true)
[[ -n $browser ]] || { echo "FAIL: chromium is not installed (scripts/deps test)"; exit 1; }

# An administrator with an API token for the writes below (the UI's forms need a session).
"$kring" user add tester --role admin --generate-password --data "$work/data" >/dev/null ||
  { echo "FAIL: kring user add"; exit 1; }
token=$("$kring" user token tester --label browser-test --data "$work/data")
[[ -n $token ]] || { echo "FAIL: kring user token printed nothing"; exit 1; }
auth="Authorization: Bearer $token"
# An editor who signs in through the login form (the editor check below).
editor_password=editor-check-$RANDOM-$RANDOM
echo "$editor_password" | "$kring" user add redacteur --role editor --data "$work/data" >/dev/null ||
  { echo "FAIL: kring user add redacteur"; exit 1; }

"$kring" serve --data "$work/data" --port 0 >"$work/server.log" 2>&1 &
server_pid=$!
port=""
# 10 s, times KRING_TEST_TIME_SCALE (tests/TestTimeouts.h).
for _ in $(seq 1 $((200 * ${KRING_TEST_TIME_SCALE:-1}))); do
  port=$(grep -oE 'listening on http://[0-9.]+:[0-9]+' "$work/server.log" | grep -oE '[0-9]+$')
  [[ -n $port ]] && break
  sleep 0.05
done
[[ -n $port ]] || { echo "FAIL: the server did not start"; cat "$work/server.log"; exit 1; }
base="http://127.0.0.1:$port"

# LANGUAGE: the browser's own controls in Dutch too (file inputs, date fields; chromium-l10n).
chrome() {
  LANGUAGE=nl timeout 60 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$RANDOM" --lang=nl-BE --accept-lang=nl-BE,nl --enable-logging=stderr --v=0 "$@"
}

failures=0
passes=0
check() {  # check NAME CONDITION-COMMAND...
  local name=$1
  shift
  if "$@"; then
    passes=$((passes + 1))
  else
    echo "FAIL: $name"
    failures=$((failures + 1))
  fi
}

# A topic page of the demo: the rendered Markdown reaches the DOM.
chrome --dump-dom "$base/p/kennisbeheer" >"$work/kennisbeheer.html" 2>"$work/kennisbeheer.err"
check "the kennisbeheer page renders its title" grep -q '<h1>Kennisbeheer</h1>' "$work/kennisbeheer.html"
check "the kennisbeheer page holds its text" grep -q 'kennis- en databeheer' "$work/kennisbeheer.html"
check "wiki links are links" grep -q 'class="wikilink' "$work/kennisbeheer.html"
check "no Content-Security-Policy refusal" \
  bash -c "! grep -qi 'Content Security Policy' '$work/kennisbeheer.err'"

# The search page finds a demo page with a highlighted snippet.
chrome --dump-dom "$base/search?q=vergaderingen" >"$work/search.html" 2>"$work/search.err"
check "search shows highlighted hits" grep -q '<mark>' "$work/search.html"
check "no Content-Security-Policy refusal on search" \
  bash -c "! grep -qi 'Content Security Policy' '$work/search.err'"

# An uploaded deck: its file page shows the text of each page once extraction has run.
curl -s -H "$auth" -F "file=@$corpus/docs/community/bestanden/opsplitsen-rgbz.pdf" \
  "$base/api/v1/pages/kennisbeheer/files" >"$work/upload.json"
check "the upload was stored" grep -q '"id":1' "$work/upload.json"
for _ in $(seq 1 300); do
  curl -s "$base/healthz" | grep -q '"extraction_lag":0,"index_lag":0\|"extraction_lag":0.*"index_lag":0' && break
  sleep 0.1
done
chrome --dump-dom "$base/f/1" >"$work/file.html" 2>"$work/file.err"
check "the file page lists the text per page" grep -q 'id="page-1"' "$work/file.html"
check "the file page shows the PDF's words" grep -q 'Sprintreview' "$work/file.html"
chrome --dump-dom "$base/p/kennisbeheer" >"$work/kennisbeheer2.html" 2>/dev/null
check "the page lists its files" grep -q 'opsplitsen-rgbz.pdf' "$work/kennisbeheer2.html"

# A meeting names its host, linked to its page in the register; the search for the
# organisation's pages has the organisation facet.
chrome --dump-dom "$base/p/kringbijeenkomst-roeselare-13-maart-2013" >"$work/meeting.html" 2>/dev/null
check "a meeting links its host organisation" \
  grep -q 'href="/o/stad-roeselare"[^>]*>Stad Roeselare</a>' "$work/meeting.html"
chrome --dump-dom "$base/search?org=stad-roeselare" >"$work/org.html" 2>/dev/null
check "search by organisation shows its pages" \
  grep -q 'href="/p/klantgericht-werken-met-crm-in-roeselare"' "$work/org.html"
check "search by organisation shows the organisation facet" \
  grep -q '<ul class="organisations">' "$work/org.html"

# History and diff: a page saved twice shows the word diff of its two revisions.
put_page() {  # put_page SLUG JSON
  curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: application/json' -H "$auth" \
    --data-binary "$2" "$base/api/v1/pages/$1"
}
check "a page to compare was created" test "$(put_page vergadering-izegem \
  '{"title":"Vergadering Izegem","kind":"minutes","date":"2013-06-13","comment":"eerste versie","body":"## Agenda\n\n1. Welkom door de gastgemeente Izegem\n2. Kennisbeheer met [[Kennisbeheer]]\n3. Varia\n\nVolgende vergadering in het najaar."}')" = 201
check "a second revision was saved" test "$(put_page vergadering-izegem \
  '{"title":"Vergadering Izegem","kind":"minutes","date":"2013-06-14","base_revision":1,"comment":"datum en agenda","body":"## Agenda\n\n1. Welkom door de stad Izegem\n2. Kennisbeheer met [[Kennisbeheer]] en de mid-office\n3. Varia\n\nVolgende vergadering op 12 december in Roeselare."}')" = 200
chrome --dump-dom "$base/p/vergadering-izegem/diff" >"$work/diff.html" 2>"$work/diff.err"
check "the diff marks removed words" grep -q '<del><span class="visually-hidden">\[verwijderd: </span>gastgemeente' "$work/diff.html"
check "the diff marks added words" grep -q '<ins><span class="visually-hidden">\[toegevoegd: </span>' "$work/diff.html"
check "no Content-Security-Policy refusal on the diff" \
  bash -c "! grep -qi 'Content Security Policy' '$work/diff.err'"
# The meetings: the list with place and host, "Besproken op" on a presentation the minutes link,
# and the calendar feed.
chrome --dump-dom "$base/meetings" >"$work/meetings.html" 2>"$work/meetings.err"
check "the meetings list shows a demo meeting with its date" \
  grep -q '<time datetime="2013-03-13">woensdag 13 maart 2013</time>' "$work/meetings.html"
check "the meetings list shows the place" \
  grep -q 'Stadhuis Roeselare, vergaderzaal 2' "$work/meetings.html"
check "the meetings list offers new minutes" grep -q 'href="/new?kind=minutes"' "$work/meetings.html"
check "no Content-Security-Policy refusal on meetings" \
  bash -c "! grep -qi 'Content Security Policy' '$work/meetings.err'"
chrome --dump-dom "$base/p/klantgericht-werken-met-crm-in-roeselare" >"$work/crm.html" 2>/dev/null
check "a presentation shows where it was discussed" grep -q '>Besproken op</h3>' "$work/crm.html"
check "with the date of the meeting" \
  grep -q '<time datetime="2013-03-13">woensdag 13 maart 2013</time>: <a href="/p/kringbijeenkomst-roeselare-13-maart-2013"' \
  "$work/crm.html"
check "the calendar feed is served" \
  bash -c "curl -s '$base/meetings.ics' | grep -q 'DTSTART;VALUE=DATE:20130313'"
# Recent changes: the table of revisions with the filter form, and the feed in the head.
chrome --dump-dom "$base/recent" >"$work/recent.html" 2>"$work/recent.err"
check "recent changes list the revisions" grep -q '<table class="recent">' "$work/recent.html"
check "recent changes link each new page's first revision" \
  grep -q 'href="/p/kennisbeheer/rev/1"' "$work/recent.html"
check "recent changes filter without script" grep -q '<form class="filters" action="/recent"' \
  "$work/recent.html"
check "the head advertises the Atom feed" \
  grep -q '<link rel="alternate" type="application/atom+xml"' "$work/recent.html"
check "no Content-Security-Policy refusal on recent changes" \
  bash -c "! grep -qi 'Content Security Policy' '$work/recent.err'"
# A members-only demo page, read without signing in: the explanation and the way to log in only.
chrome --dump-dom "$base/p/contractvoorwaarden-recreatex-vertrouwelijk" >"$work/members.html" \
  2>/dev/null
check "a members-only page says it is for members" \
  grep -q 'Deze pagina is alleen zichtbaar voor leden. Log in om ze te lezen.' "$work/members.html"
check "and shows none of its text" bash -c "! grep -q 'kortingen' '$work/members.html'"

# Accounts: the login form links the registration; pages that need a role lead to it.
chrome --dump-dom "$base/login" >"$work/login.html" 2>"$work/login.err"
check "the login form posts to /login with a CSRF token" \
  grep -q '<input type="hidden" name="csrf" value="[A-Za-z0-9_-]\{43\}">' "$work/login.html"
check "the login page offers registration" grep -q 'href="/register"' "$work/login.html"
check "no Content-Security-Policy refusal on the login page" \
  bash -c "! grep -qi 'Content Security Policy' '$work/login.err'"
chrome --dump-dom "$base/p/intranet/edit" >"$work/edit-anon.html" 2>/dev/null
check "editing without login leads to the login form" grep -q 'name="password"' "$work/edit-anon.html"

# The register: who uses which application, with the average satisfaction.
chrome --dump-dom "$base/a/recreatex" >"$work/app.html" 2>"$work/app.err"
check "an application page lists its users" grep -q 'href="/o/stad-roeselare"' "$work/app.html"
check "no Content-Security-Policy refusal on the application page" \
  bash -c "! grep -qi 'Content Security Policy' '$work/app.err'"
chrome --dump-dom "$base/search?q=Syx" >"$work/register-search.html" 2>/dev/null
check "a search for a supplier names its application" \
  grep -q '<a href="/a/recreatex">Recreatex</a>' "$work/register-search.html"

# The page editor (editor.js): toolbar, server preview and drafts under the CSP, without console
# errors, driven over the DevTools protocol; needs Node.js with WebSocket (20.10 or later).
if node --experimental-websocket -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' \
  2>/dev/null; then
  check "the editor works in the browser" timeout 120 node --experimental-websocket \
    "$(dirname "$0")/editor_check.mjs" "$base" redacteur "$editor_password" kennisbeheer "$out"
else
  echo "SKIP: the editor check needs Node.js 20.10 or later"
fi

# Themes: the switch is a link, the server writes the choice into <html data-theme>.
chrome --dump-dom "$base/p/kennisbeheer?theme=dark&lang=en" >"$work/dark.html" 2>"$work/dark.err"
check "the dark theme is rendered by the server" grep -q '<html lang="en" data-theme="dark">' "$work/dark.html"
check "the theme switch marks the current theme" \
  grep -q '<a href="?theme=dark" aria-current="true">Dark</a>' "$work/dark.html"
check "the head offers the OpenSearch description" \
  grep -q '<link rel="search" type="application/opensearchdescription+xml"' "$work/dark.html"
check "no Content-Security-Policy refusal in the dark theme" \
  bash -c "! grep -qi 'Content Security Policy' '$work/dark.err'"
# Minutes on paper: the print stylesheet, as a PDF to look at.
chrome --print-to-pdf="$out/minutes-print.pdf" --no-pdf-header-footer \
  "$base/p/vergadering-izegem?theme=dark" >/dev/null 2>&1
check "the minutes print to PDF" test -s "$out/minutes-print.pdf"

# Screenshots at desktop and phone widths; -dark and -en: the dark theme and English.
for spec in "home-dark:/?theme=dark:1280,900" "page-dark:/p/kennisbeheer?theme=dark:1280,1000" \
  "home-phone-dark:/?theme=dark:360,800" "page-phone-dark:/p/kennisbeheer?theme=dark:360,800" \
  "home-en:/?lang=en:1280,900" "page-en:/p/kennisbeheer?lang=en:1280,1000" \
  "home-phone-en:/?lang=en:360,800" "page-phone-en:/p/kennisbeheer?lang=en:360,800" \
  "meeting-dark-en:/p/vergadering-izegem?theme=dark&lang=en:1280,900" \
  "home:/:1280,900" "page:/p/kennisbeheer:1280,1000" "search:/search?q=reservatie:1280,900" \
  "phone:/p/kennisbeheer:360,800" "file:/f/1:1280,1000" \
  "filesearch:/search?q=sprintreview:1280,900" "orgsearch:/search?q=kringbijeenkomst:1280,1000" \
  "history:/p/vergadering-izegem/history:1280,800" "diff:/p/vergadering-izegem/diff:1280,1000" \
  "phonediff:/p/vergadering-izegem/diff:360,900" \
  "meetings:/meetings:1280,900" "meetings-phone:/meetings:360,800" \
  "presentation:/p/klantgericht-werken-met-crm-in-roeselare:1280,1000" "wanted:/wanted:1280,700" \
  "recent:/recent:1280,1000" "recent-phone:/recent?kind=minutes:360,800" \
  "login:/login:1280,800" "register:/register:1280,1000" "register-phone:/register:360,900" \
  "members-only:/p/contractvoorwaarden-recreatex-vertrouwelijk:1280,600" \
  "orgs:/orgs:1280,900" "apps:/apps:1280,900" "app:/a/recreatex:1280,1100" \
  "app-phone:/a/recreatex:360,900" "org:/o/stad-izegem:1280,1000" \
  "register-search:/search?q=Syx:1280,800"; do
  IFS=: read -r name path size <<<"$spec"
  chrome --screenshot="$out/$name.png" --window-size="$size" --hide-scrollbars "$base$path" \
    >/dev/null 2>&1
  check "screenshot $name was taken" test -s "$out/$name.png"
done

# The server stops as it does under systemd; a sanitizer build's report in its log (scripts/test
# --asan: a leak is found at exit) is shown here, where ctest looks for it.
kill "$server_pid"
wait "$server_pid"
check "the server stops cleanly on SIGTERM" test $? -eq 0
server_pid=""
grep -q 'Sanitizer\|runtime error: ' "$work/server.log" && cat "$work/server.log"

echo "$passes passed, $failures failed"
((failures == 0))
