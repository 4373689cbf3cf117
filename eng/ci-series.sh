#!/usr/bin/env bash
# Runs CI several times in a row on fresh clones of one commit, some of the runs beside a CPU-heavy process, and logs
# one line per run: how issue 19 (item 8) asks `./test.sh` to be shown green "every time".
#
#   eng/ci-series.sh [commit] [runs] [busy runs]      e.g.  eng/ci-series.sh HEAD 5 "2 4"   ("" for none)
#
# Each run clones this repository into a directory of its own, checks the commit out, runs `CI=true bash .ci/run`
# there, appends the run's summary line to the series log and deletes the clone. A busy run starts
# `sha256sum /dev/zero` (one core kept busy for the whole run) and stops it by its process id afterwards. The series
# stops at the first failed run: "in a row" means no failure in between.
#
# Started in the background from a script (`(setsid eng/ci-series.sh … &)`), the runs inherit SIGINT ignored, as a CI
# job without a terminal does; the shutdown tests must pass that way too (see README, "Stopping").
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse --short "${1:-HEAD}")
runs=${2:-5}
busy_runs=" ${3-2 4} "
work=${CI_SERIES_DIR:-$(mktemp -d -t tierslieux-series.XXXXXX)}
mkdir -p "$work"
series_log=$work/series.log
echo "series of $runs runs of $commit in $work (busy runs:$busy_runs)" | tee -a "$series_log"

for n in $(seq 1 "$runs"); do
  clone=$work/run$n; log=$work/run$n.log
  rm -rf "$clone"
  git clone -q "$repo" "$clone" && git -C "$clone" checkout -q "$commit" || exit 1
  busy=""
  if [[ "$busy_runs" == *" $n "* ]]; then sha256sum /dev/zero > /dev/null & busy=$!; fi
  echo "run $n start $(date +%T) beside=${busy:+sha256sum} load=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$series_log"
  started=$(date +%s)
  (cd "$clone" && CI=true bash .ci/run > "$log" 2>&1); rc=$?
  [ -n "$busy" ] && kill "$busy"
  echo "run $n exit $rc end $(date +%T) wall $(( $(date +%s) - started )) s :: $(grep -E '^tests:' "$log" | tail -1)" \
    | tee -a "$series_log"
  rm -rf "$clone"
  [ "$rc" -eq 0 ] || { echo "series stopped: run $n failed, its log is $log" | tee -a "$series_log"; exit "$rc"; }
done
echo "series done $(date +%T): $runs runs of $commit green" | tee -a "$series_log"
