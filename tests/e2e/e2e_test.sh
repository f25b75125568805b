#!/usr/bin/env bash
# The end-to-end browser tests (run.js) with the npm packages pinned in package-lock.json,
# installed by `npm ci` into NODE_DIR (a folder of the build) when the lock file changed.
# Usage: e2e_test.sh KRING_BINARY OUT_DIR CORPUS_DIR NODE_DIR
set -euo pipefail
kring=$1
out=$2
corpus=$3
node_dir=$4
here=$(cd "$(dirname "$0")" && pwd)

for tool in node npm /usr/bin/chromium; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (scripts/deps test)"; exit 1; }
done

mkdir -p "$node_dir"
if ! cmp -s "$here/package-lock.json" "$node_dir/installed-lock.json" ||
   [[ ! -d $node_dir/node_modules ]]; then
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) ||
    { echo "FAIL: npm ci"; exit 1; }
  cp "$here/package-lock.json" "$node_dir/installed-lock.json"
fi

rm -rf "$out"
mkdir -p "$out"
NODE_PATH="$node_dir/node_modules" exec node "$here/run.js" "$kring" "$out" "$corpus" \
  "$node_dir/node_modules"
