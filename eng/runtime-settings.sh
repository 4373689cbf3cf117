# Sourced by ./run.sh, ./test.sh and bench/run.sh: .NET runtime settings for every process they start (the AppHost,
# the dashboard, smtp4dev, the services DCP and the AppHost start, the test hosts), which inherit them.
#
# Tier-1 recompilation of hot methods begins once no new method has been called for a while: 100 ms by default, a
# wall-clock wait. On two shared cores, ten .NET processes starting at once each go without the CPU for longer than
# that, take the wait for the end of their start, and recompile their start-up code at tier 1 while it is still
# running (27 % of the machine's samples in a warm start, `perf`). One second keeps that work until the start is
# over; a steady state still gets tier 1 a second after it settles. Measured in bench/README.md ("Tier-1
# recompilation after the start"); docs/decisions/0009-tier-one-after-the-start.md.
export DOTNET_TC_CallCountingDelayMs="${DOTNET_TC_CallCountingDelayMs:-1000}"
