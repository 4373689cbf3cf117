#!/usr/bin/env bash
# Builds and runs every test (unit, integration against real PostgreSQL and RabbitMQ, end to end through the
# AppHost), then prints one summary line: `tests: N passed, N failed, N skipped`. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
started=$(date +%s)
eng/prerequisites.sh || exit 1
dotnet build TiersLieux.sln -c Release -nologo -clp:ErrorsOnly -v q || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

log=$(mktemp)
dotnet test --solution TiersLieux.sln -c Release --no-build "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Counted from the runner's own report lines, one block per test assembly.
read -r passed failed skipped < <(awk '
  /^[[:space:]]*succeeded:/ { p += $2 }
  /^[[:space:]]*failed:/    { f += $2 }
  /^[[:space:]]*skipped:/   { s += $2 }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
elapsed=$(( $(date +%s) - started ))
echo "time: $((elapsed / 60)) min $((elapsed % 60)) s (set-up, build and tests)"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
