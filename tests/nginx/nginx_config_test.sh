#!/usr/bin/env bash
# Checks scripts/nginx/kring.conf with `nginx -t`, as a site included in a minimal nginx.conf,
# with a self-signed certificate made for the test in place of the real one. Skips (exit 77)
# when nginx or openssl is not installed.
set -euo pipefail
conf="$(cd "$(dirname "$0")/../.." && pwd)/scripts/nginx/kring.conf"
nginx=$(command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; } || true)
if [[ -z "$nginx" ]] || ! command -v openssl >/dev/null; then
  echo "nginx or openssl not installed: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=kring.example.be \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
sed -e "s|/etc/letsencrypt/live/kring.example.be/|$work/|" "$conf" >"$work/kring.conf"
grep -q "$work/fullchain.pem" "$work/kring.conf" || { echo "certificate path not found"; exit 1; }
cat >"$work/nginx.conf" <<CONF
pid $work/nginx.pid;
error_log $work/error.log;
events {}
http {
    access_log off;
    include $work/kring.conf;
}
CONF
"$nginx" -t -p "$work" -e "$work/error.log" -c "$work/nginx.conf"
