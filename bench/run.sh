#!/usr/bin/env bash
# Benchmarks, each figure beside its baseline in the same run. Starts its own PostgreSQL and RabbitMQ on free
# loopback ports and stops them after (the platform bench runs the AppHost itself).
# Usage: bench/run.sh [platform] [propagation] [search] [booking] [website] [soak] [--quick] [--booking-replicas=N] [--booking-pool=N] [--soak-minutes=N] [--pin]
set -euo pipefail
cd "$(dirname "$0")/.."
eng/prerequisites.sh
. eng/runtime-settings.sh
# The platform as ./run.sh builds it (ReadyToRun images of the services).
dotnet build bench/TiersLieux.Bench -c Release -p:ReadyToRunBuildOutput=true -nologo -clp:ErrorsOnly -v q
exec dotnet bench/TiersLieux.Bench/bin/Release/net10.0/TiersLieux.Bench.dll "$@"
