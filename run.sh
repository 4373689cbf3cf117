#!/usr/bin/env bash
# Starts the whole platform in the foreground (like `dotnet run --project AppHost`): PostgreSQL, RabbitMQ,
# the services and the gateway, with a dashboard on http://127.0.0.1:18888. Ctrl+C stops everything.
# Options go to the AppHost: --fresh (wipe data), --verbose, --dynamic-ports, --state-dir DIR.
set -euo pipefail
cd "$(dirname "$0")"
eng/prerequisites.sh
dotnet build TiersLieux.sln -c Release -nologo -clp:ErrorsOnly -v q
exec dotnet AppHost/TiersLieux.AppHost/bin/Release/net10.0/TiersLieux.AppHost.dll "$@"
