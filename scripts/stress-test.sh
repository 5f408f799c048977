#!/usr/bin/env bash
# Runs the README's test command on a fresh clone of HEAD while two busy loops keep both cores
# saturated, N times (default 3), and prints each run's wall time and `passed k/N`.
# Not part of `pnpm test`: it checks that the suite holds on a loaded machine.
#   bash scripts/stress-test.sh [N]        logs go to $STRESS_LOG_DIR (default: a temp folder)
set -uo pipefail
runs=${1:-3}
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
logs=${STRESS_LOG_DIR:-$(mktemp -d -t backupkit-stress-XXXX)}
mkdir -p "$logs"
hogs=()

stop_hogs() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done
  wait "${hogs[@]}" 2>/dev/null
  hogs=()
}
trap stop_hogs EXIT INT TERM

echo "stress: $runs run(s) of the test command on a fresh clone of $(git -C "$repo" rev-parse --short HEAD), logs in $logs"
passed=0
for ((i = 1; i <= runs; i++)); do
  work=$(mktemp -d -t backupkit-stress-clone-XXXX)
  git clone -q "$repo" "$work/repo"
  # Install outside the measured window (it is the README's first line, not the test command).
  if ! (cd "$work/repo" && pnpm install --frozen-lockfile >"$logs/install-$i.log" 2>&1); then
    echo "run $i: install failed (see $logs/install-$i.log)"
    rm -rf "$work"
    continue
  fi
  # Two busy loops, one per core, for the whole test run.
  for _ in 1 2; do
    bash -c 'while :; do :; done' &
    hogs+=($!)
  done
  start=$(date +%s)
  (cd "$work/repo" && pnpm test) >"$logs/test-$i.log" 2>&1
  status=$?
  seconds=$(($(date +%s) - start))
  stop_hogs
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "run $i: passed in ${seconds} s"
  else
    echo "run $i: FAILED (exit $status) in ${seconds} s; see $logs/test-$i.log"
    grep -E "FAIL|Failed:|ERR" "$logs/test-$i.log" | head -5 | sed 's/^/    /'
  fi
  rm -rf "$work"
done
echo "passed $passed/$runs"
[ "$passed" -eq "$runs" ]
