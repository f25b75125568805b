#!/usr/bin/env bash
# The soak run of scripts/bench: one long mixed load on a served data folder, watching the
# server's memory and open files.
#
#   soak.sh --kring BIN --data DIR --duration S [--work DIR] [--connections N]
#
# Adds an editor `soak` with an API token to DIR (a benchmark's folder: it gets the soak's
# pages and files too), starts `kring serve` on 127.0.0.1 port 0 and runs wrk with soak.lua for
# S seconds at N connections (default 64): page views, searches (HTML and JSON), page writes
# and uploads through the API. Every 10 s it samples the server's VmRSS (/proc/PID/status) and
# open file descriptors (/proc/PID/fd). The first 20% of the time is the warm-up: the figures
# compare the sample at its end with the last one under load.
#
# Prints table rows on stdout, one a line, as scripts/bench's row(): figure|value|p50|p99|notes.
# Progress goes to stderr. Exit 0 also when the server misbehaves (the rows say so); 1 when the
# run could not be made at all.
set -uo pipefail
TOOLS=$(cd "$(dirname "$0")" && pwd)

kring_bin="" data="" duration="" work="" conns=64
while (($#)); do
  case "$1" in
    --kring) kring_bin=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --connections) conns=$2; shift 2 ;;
    *) echo "soak: unknown argument $1" >&2; exit 2 ;;
  esac
done
[[ -x $kring_bin && -f $data/kring.db && $duration =~ ^[0-9]+$ && $duration -gt 0 ]] ||
  { echo "soak: needs --kring BIN, --data DIR (with kring.db) and --duration S > 0" >&2; exit 2; }
own_work=0
[[ -z $work ]] && { work=$(mktemp -d /tmp/kring-soak.XXXXXX); own_work=1; }
mkdir -p "$work" || exit 1
log() { printf '[soak %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

SERVER_PID="" WRK_PID=""
cleanup() {
  trap - EXIT INT TERM
  local pid
  for pid in $WRK_PID $SERVER_PID; do
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  ((own_work)) && rm -rf "$work"
}
trap cleanup EXIT
trap 'log interrupted; exit 130' INT TERM

# ---- An editor with a token, and the pages to read ----
"$kring_bin" user add soak --role editor --generate-password --data "$data" >/dev/null 2>&1 ||
  "$kring_bin" user list --data "$data" 2>/dev/null | grep -q '^soak ' ||
  { echo "soak: cannot add the user soak" >&2; exit 1; }
token=$("$kring_bin" user token soak --label soak --data "$data" 2>>"$work/soak.err" | head -1)
[[ -n $token ]] || { echo "soak: no API token: $(tail -1 "$work/soak.err")" >&2; exit 1; }
python3 - "$data/kring.db" >"$work/slugs" <<'EOF' || { echo "soak: cannot list pages" >&2; exit 1; }
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("SELECT slug FROM pages WHERE deleted_at = '' AND visibility = 'public' "
                  "AND slug NOT LIKE 'soak-%' ORDER BY id LIMIT 2000").fetchall()
print("\n".join(r[0] for r in rows))
EOF
[[ -s $work/slugs ]] || { echo "soak: the data folder has no public pages" >&2; exit 1; }

# ---- The server ----
t=$(python3 -c 'import time; print(time.time_ns())')
"$kring_bin" serve --data "$data" --bind 127.0.0.1 --port 0 --no-seed >"$work/serve.out" \
  2>"$work/serve.err" &
SERVER_PID=$!
ready=$(python3 "$TOOLS/ready.py" "$work/serve.out" "$t" "$SERVER_PID") ||
  { echo "soak: the server did not start: $(tail -2 "$work/serve.err" | tr '\n' ' ')" >&2; exit 1; }
port=${ready%% *}

rss_kb() { awk '/^VmRSS:/{print $2}' "/proc/$SERVER_PID/status" 2>/dev/null; }
fds() { find "/proc/$SERVER_PID/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }

# ---- The load, sampled every 10 s ----
log "$duration s of mixed load at $conns connections on port $port ($(wc -l <"$work/slugs") pages to read)"
wrk -t2 -c"$conns" -d"${duration}s" --timeout 10s --latency -H 'Connection: keep-alive' \
  -s "$TOOLS/soak.lua" "http://127.0.0.1:$port" -- "$work/slugs" "$token" >"$work/wrk.out" 2>&1 &
WRK_PID=$!
warmup=$((duration / 5))
start=$(date +%s)
: >"$work/samples"
next=0
while kill -0 "$WRK_PID" 2>/dev/null; do
  now=$(($(date +%s) - start))
  # The last seconds are wrk's end, when connections close: not under load any more.
  if ((now >= next && now <= duration - 3)); then
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then log "the server died"; break; fi
    echo "$now $(rss_kb) $(fds)" >>"$work/samples"
    log "t=${now}s rss $(awk -v k="$(rss_kb)" 'BEGIN{printf "%.1f", k/1024}') MB, $(fds) fds"
    next=$((next + 10))
  fi
  sleep 1
done
wait "$WRK_PID"
WRK_PID=""
alive=1
kill -0 "$SERVER_PID" 2>/dev/null || alive=0
# Once the load's connections are closed (not a sample: the samples are all under load).
idle_fds=""
((alive)) && { sleep 1; idle_fds=$(fds); }

# ---- The rows ----
to_ms() { # wrk latency (123.45us, 1.23ms, 1.02s) -> ms
  awk -v v="$1" 'BEGIN{
    if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0;
    else if (v ~ /m$/) printf "%.0f", v*60000; else if (v ~ /s$/) printf "%.1f", v*1000;
    else print "n/a" }'
}
f=$work/wrk.out
rps=$(awk '/^Requests\/sec:/{printf "%.0f", $2}' "$f")
p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f")")
p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f")")
counts=$(grep '^soak-counts' "$f" | tail -1)
count() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$counts"; }
socket=$(awk '/Socket errors/{gsub(/,/,""); print $4+$6+$8+$10}' "$f")
socket=${socket:-0}
non2xx=$(count non2xx)
statuses=$(sed -n 's/.* statuses=\(.*\)$/\1/p' <<<"$counts")
if [[ -z $rps || -z $counts ]]; then
  echo "soak ${conns}c req/s|failed|||$(head -c 200 "$f" | tr '\n|' '  ')"
  exit 0
fi
mix="$(count reads) views, $(count searches) searches, $(count writes) writes, $(count uploads) uploads"
echo "soak ${conns}c req/s|$rps|$p50|$p99|${duration} s mixed: $mix"
errors=$((non2xx + socket))
note="non-2xx $non2xx${statuses:+ ($statuses)}; socket errors $socket$(awk '/Socket errors/{sub(/^ +Socket errors: /,""); printf " (%s)", $0}' "$f")"
((alive)) || note+="; THE SERVER DIED"
first=$(grep '^soak-first-error' "$f" | head -1 | cut -c18-160 | tr '|' '/')
[[ -n $first ]] && note+="; first: $first"
echo "soak errors|$errors|||$note"

# The sample at the end of the warm-up, and the last one.
read -r w_t w_rss w_fd < <(awk -v w="$warmup" '$1 >= w {print; exit}' "$work/samples")
read -r e_t e_rss e_fd < <(tail -1 "$work/samples")
if [[ -n ${w_rss:-} && -n ${e_rss:-} && $w_rss -gt 0 ]]; then
  growth=$(awk -v a="$w_rss" -v b="$e_rss" 'BEGIN{printf "%+.1f", (b-a)*100/a}')
  peak=$(awk -v w="$warmup" '$1 >= w && $2 > m {m=$2} END{printf "%.1f", m/1024}' "$work/samples")
  mbk() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
  echo "soak rss growth %|$growth|||$(mbk "$w_rss") MB at ${w_t} s (end of warm-up) -> $(mbk "$e_rss") MB at ${e_t} s; peak after warm-up $peak MB; $(wc -l <"$work/samples") samples"
  echo "soak open fds|$e_fd|||$w_fd at ${w_t} s -> $e_fd at ${e_t} s, under load; ${idle_fds:-n/a} after it"
else
  echo "soak rss growth %|n/a|||no samples (run shorter than 10 s, or the server died)"
fi
