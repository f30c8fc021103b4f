#!/usr/bin/env bash
# Proves that `npm run docs:check` holds on a busy machine: it runs the check
# while nproc × 2 CPU-bound busy loops compete for every core. The check may
# take longer; it must not fail. The loops are killed on every way out.
set -euo pipefail
cd "$(dirname "$0")/.."

loops=$(($(nproc) * 2))
pids=()
stop_loops() {
  if [ "${#pids[@]}" -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop_loops EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq "$loops"); do
  (while :; do :; done) &
  pids+=("$!")
done

echo "docs:check under load: $loops busy loops on $(nproc) cores; $(uptime)"
started=$(date +%s)
npm run docs:check
echo "docs:check passed under load in $(($(date +%s) - started)) s; $(uptime)"
