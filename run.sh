#!/usr/bin/env bash
# Starts the whole platform in the foreground: the Aspire AppHost with PostgreSQL, RabbitMQ, the services and the
# gateway, and the Aspire dashboard on http://127.0.0.1:18888 (its login link is printed). Ctrl+C stops everything.
# Options: --fresh (wipe the kept data and secrets in .state/apphost); any other option goes to the AppHost as
# Aspire configuration, e.g. --State:Directory=/tmp/elsewhere --Ports:postgres=25432.
set -euo pipefail
cd "$(dirname "$0")"
eng/prerequisites.sh
. eng/runtime-settings.sh
# ReadyToRun images of the services (eng/ReadyToRun.props): the first build takes a few minutes more, every start after
# it is faster.
dotnet build TiersLieux.sln -c Release -p:ReadyToRunBuildOutput=true -nologo -clp:ErrorsOnly -v q

args=()
for arg in "$@"; do
  case "$arg" in
    --fresh) args+=("--State:Fresh=true") ;;
    *) args+=("$arg") ;;
  esac
done

# The AppHost's launch profile (AppHost/TiersLieux.AppHost/Properties/launchSettings.json), applied here because
# the AppHost runs from its build output (one process: a signal reaches the AppHost itself).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:18888}
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:18889}
export ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL=${ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL:-http://127.0.0.1:18890}
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL=${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:18891}
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=${ASPIRE_ALLOW_UNSECURED_TRANSPORT:-true}
# SIGINT and SIGQUIT back to their defaults: a shell script's background job (`./run.sh &` with no job control)
# inherits them ignored, and .NET keeps an ignored SIGINT ignored, so a supervisor's SIGINT to the process group
# would not stop the platform. env execs dotnet: still one process.
exec env --default-signal=INT,QUIT dotnet AppHost/TiersLieux.AppHost/bin/Release/net10.0/TiersLieux.AppHost.dll ${args[@]+"${args[@]}"}
