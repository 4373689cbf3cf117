#!/usr/bin/env bash
# Installs what the platform needs and is missing: Debian's rabbitmq-server and PostgreSQL server binaries,
# Chromium (the dashboard's page tests drive it with Playwright), wrk (the load generator of bench/) and tmux
# (the shutdown test presses Ctrl+C in a real terminal), npm (the website's map library comes from the npm
# registry at build time); and the repository's dotnet tools (smtp4dev, the development mail server; dotnet-ef).
# Installs only; never leaves a system-wide service running (the AppHost and the tests start their own
# servers on 127.0.0.1 with their own data directories).
set -euo pipefail

missing=()
command -v dotnet >/dev/null 2>&1 || { echo "error: the .NET SDK (dotnet) is not on PATH; install .NET SDK 10 first." >&2; exit 1; }
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
command -v runuser >/dev/null 2>&1 || missing+=(util-linux)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v wrk >/dev/null 2>&1 || missing+=(wrk)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

# The tools of .config/dotnet-tools.json, into the NuGet cache (fast when they are there already).
(cd "$(dirname "$0")/.." && dotnet tool restore >/dev/null) || { echo "error: dotnet tool restore failed" >&2; exit 1; }

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Missing: ${missing[*]}. Install them once as root, then run this again:" >&2
  echo "    sudo sh -c 'printf \"#!/bin/sh\\nexit 101\\n\" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && apt-get update && apt-get install -y --no-install-recommends ${missing[*]}; rm -f /usr/sbin/policy-rc.d'" >&2
  echo "(policy-rc.d keeps Debian from starting the packages' system services.)" >&2
  exit 1
fi

echo "Installing ${missing[*]} (Debian packages; their system services are not started)..."
# Debian starts a package's service on install unless policy-rc.d says no: we want the binaries only.
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1 && cp "$policy" "$policy.tierslieux-backup"
printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
restore_policy() {
  if [ "$had_policy" -eq 1 ]; then mv "$policy.tierslieux-backup" "$policy"; else rm -f "$policy"; fi
}
trap restore_policy EXIT
# Erlang's package starts an epmd daemon on the default port while it installs. Ours run on their own ports and
# stop with their node, so one left here would be a stray: stopped below, but only if none listened before.
epmd_port_in_use() { (echo > /dev/tcp/127.0.0.1/4369) 2>/dev/null; }
epmd_was_running=0
epmd_port_in_use && epmd_was_running=1
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Belt and braces: nothing system-wide stays up (an earlier manual install may have started these).
for service in rabbitmq-server postgresql; do
  service "$service" stop >/dev/null 2>&1 || true
done
if [ "$epmd_was_running" -eq 0 ] && epmd_port_in_use && command -v epmd >/dev/null; then
  # Asked to stop through its own protocol, not killed by name.
  epmd -kill >/dev/null 2>&1 || true
fi

echo "Installed ${missing[*]}."
