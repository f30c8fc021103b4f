#!/usr/bin/env bash
# Packs the kit, installs the tarball into a fresh project outside the repo,
# type-checks a small consumer against the shipped .d.ts files, and runs it
# under Node and under Deno; then runs the installed `poolwise` CLI on Node
# (the bundle in dist/cli/ and the chunks its commands load when chosen).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT

cd "$repo"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
echo "packed $tarball"

mkdir -p "$work/app"
cd "$work/app"
cat > package.json <<'JSON'
{ "name": "poolwise-consumer", "private": true, "type": "module" }
JSON
npm install --silent --no-audit --no-fund --prefer-offline "$work/$tarball" "effect@^3.22"
cp "$repo/scripts/pack-smoke/main.ts" main.ts

# The consumer type-checks against dist/*.d.ts, then compiles to main.js for Node.
"$repo/node_modules/.bin/tsc" --strict --skipLibCheck --target es2022 --module nodenext --moduleResolution nodenext \
  --types node --typeRoots "$repo/node_modules/@types" main.ts
node main.js
"$repo/node_modules/.bin/deno" run --allow-all main.ts

# The CLI from the tarball, as `npx poolwise` would run it.
poolwise=./node_modules/.bin/poolwise
expect() { # expect CODE FILE TEXT COMMAND...: COMMAND exits CODE and FILE (its output) contains TEXT
  local want="$1" file="$2" text="$3"
  shift 3
  local code=0
  "$@" > "$file" 2>&1 || code=$?
  if [ "$code" != "$want" ] || ! grep -qF -- "$text" "$file"; then
    echo "poolwise from the tarball: \`${*:2}\` exited $code (expected $want) or printed no \"$text\":"
    cat "$file"
    exit 1
  fi
  echo "ok: poolwise ${*:2}"
}
expect 0 help.out "COMMANDS" "$poolwise" --help
expect 0 sync-help.out "--page-size N" "$poolwise" sync --help
expect 2 bad.out 'Invalid option "--pool": expected a whole number ≥ 1, got "abc"' "$poolwise" sync --pool abc
expect 0 demo.out "pooled finished" "$poolwise" demo --durations 10,30,20
# The job on the simulated database: the SQL driver (CommonJS) inside the bundle.
expect 0 sync.out '"updated":20' "$poolwise" sync --products 20 --supplier-latency 1 --json
