#!/usr/bin/env bash
# Proves that `npm run docs:check` holds on a busy machine: it runs the check
# while nproc × 2 CPU-bound busy loops compete for every core. The check may
# take longer; it must not fail. On every way out (pass, failure, Ctrl-C,
# SIGTERM) the loops, and the check with whatever it started, are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."

# Background jobs get their own process group, so the check can be stopped
# together with the processes it starts (tsc, the snippet runner).
set -m

loops=()
check=""
stop() {
  if [ -n "$check" ]; then kill -- "-$check" 2>/dev/null || true; fi
  if [ "${#loops[@]}" -gt 0 ]; then
    kill "${loops[@]}" 2>/dev/null || true
    wait "${loops[@]}" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for _ in $(seq $(($(nproc) * 2))); do
  (while :; do :; done) &
  loops+=("$!")
done

echo "docs:check under load: ${#loops[@]} busy loops on $(nproc) cores; $(uptime)"
started=$(date +%s)
# Waited for in the background, so that a signal is handled at once, not after the check.
npm run docs:check &
check=$!
wait "$check"
check=""
echo "docs:check passed under load in $(($(date +%s) - started)) s; $(uptime)"
