#!/usr/bin/env bash
# Checks scripts/systemd/kring.service with `systemd-analyze verify` (which needs no running
# systemd), with ExecStart pointing at the built binary (verify checks that it is executable).
# Also checks that scripts/systemd/kring.toml is a configuration the binary accepts. Skips
# (exit 77) when systemd-analyze is not installed.
set -euo pipefail
kring=$1
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$kring" config --config "$root/scripts/systemd/kring.toml" >/dev/null
if ! command -v systemd-analyze >/dev/null; then
  echo "systemd-analyze not installed: skipped"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s|/usr/local/bin/kring|$kring|" "$root/scripts/systemd/kring.service" >"$work/kring.service"
grep -q "ExecStart=$kring serve" "$work/kring.service" || { echo "ExecStart not found"; exit 1; }
# verify reports most problems of a unit (unknown keys, bad values) as warnings naming the file
# and still exits 0: any line naming the unit fails the test, as does a non-zero exit.
status=0
out=$(SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no "$work/kring.service" 2>&1) || status=$?
if [[ "$status" != 0 ]] || grep -qF "kring.service" <<<"$out"; then
  echo "$out"
  exit 1
fi
echo "kring.service verified"
