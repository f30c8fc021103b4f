#!/usr/bin/env bash
# Packs the kit, installs the tarball into a fresh project outside the repo,
# type-checks a small consumer against the shipped .d.ts files, and runs it
# under Node and under Deno.
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
