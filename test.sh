#!/usr/bin/env bash
# Builds and runs every test (unit, integration against real PostgreSQL and RabbitMQ, end to end through the
# AppHost), then prints one summary line: `tests: N passed, N failed, N skipped`. Exits non-zero on any failure.
#
# Two rounds: every service's and library's test assembly side by side, then the end-to-end assembly alone. The
# end-to-end platforms (ten processes each) started while the other assemblies were starting their own servers
# took over four minutes on two cores and timed out; alone, each is healthy in one or two.
set -uo pipefail
cd "$(dirname "$0")"
started=$(date +%s)
eng/prerequisites.sh || exit 1
. eng/runtime-settings.sh
dotnet build TiersLieux.sln -c Release -nologo -clp:ErrorsOnly -v q || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

module() { echo "tests/$1/bin/Release/net10.0/$1.dll"; }
integration=()
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  [ "$name" = TiersLieux.EndToEnd.Tests ] || integration+=("$(module "$name")")
done
end_to_end=$(module TiersLieux.EndToEnd.Tests)

log=$(mktemp)
status=0
run_round() {
  dotnet test --test-modules "$1" "${@:2}" 2>&1 | tee -a "$log"
  local round=${PIPESTATUS[0]}
  [ "$round" -eq 0 ] || status=$round
}
run_round "$(IFS=';'; echo "${integration[*]}")" "$@"
run_round "$end_to_end" "$@"

# Counted from the runner's own report lines, one block per round.
read -r passed failed skipped < <(awk '
  /^[[:space:]]*succeeded:/ { p += $2 }
  /^[[:space:]]*failed:/    { f += $2 }
  /^[[:space:]]*skipped:/   { s += $2 }
  END { printf "%d %d %d\n", p, f, s }' "$log")

# The failures again, last, with the first lines of each error: after a failed run the end of the output is what a
# reader (or a CI page that keeps only the tail) sees, and the services' logs push the errors far up.
if [ "$failed" -gt 0 ]; then
  echo
  echo "failed tests:"
  awk '
    /^failed / { shown++; keep = (shown <= 30); lines = 0; if (keep) print; next }
    keep && /^  / && lines < 30 { print; lines++; next }
    { keep = 0 }' "$log"
fi
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
elapsed=$(( $(date +%s) - started ))
echo "time: $((elapsed / 60)) min $((elapsed % 60)) s (set-up, build and tests)"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
