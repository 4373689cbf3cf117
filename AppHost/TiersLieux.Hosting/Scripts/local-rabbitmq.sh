#!/usr/bin/env bash
# RabbitMQ as a local process: the AppHost's executable resource (no container engine here) and the test
# fixtures' broker. Debian's rabbitmq-server, configured only through RABBITMQ_* variables and files in
# BaseDirectory, bound to 127.0.0.1, with an epmd of its own on its own port.
#
# Why a wrapper rather than rabbitmq-server itself:
# - Left alone, the Erlang VM starts `epmd -daemon`, which detaches and outlives everything. Here epmd runs in
#   the foreground as this script's child and the VM is told not to start one (-start_epmd false).
# - The VM runs as this script's child (RUNNING_UNDER_SYSTEMD makes Debian's script exec it, no shell between):
#   SIGTERM makes RabbitMQ stop cleanly. A stop first waits (a few seconds at most) for the AMQP clients, the
#   services, to close their connections, so that they stop before the broker they use.
# - Nothing outlives this script: if it dies, even by SIGKILL, the kernel sends the VM SIGTERM (a clean stop)
#   and epmd SIGKILL (parent-death signals); both run in sessions of their own so that a Ctrl+C or a SIGINT
#   sent to a whole process group reaches this script, which decides the order.
# - A stop after the AppHost has died is DCP's clean-up, which kills this script's whole process tree about 6 s
#   after its signal: the broker then stops at once, without waiting for the services (stopping beside it).
#
# Input (environment): TIERSLIEUX_RABBITMQ_BASE, _PORT (AMQP), _PASSWORD (guest's, applied when the node first
# creates its database), _NODENAME, _EPMD_PORT, _DIST_PORT, optional _MANAGEMENT_PORT (0: plugin off),
# _CLIENT_SECONDS (how long a stop waits for clients; 3); TIERSLIEUX_APPHOST_PID (the AppHost's process: no wait for
# clients once it has gone).
set -euo pipefail
base=${TIERSLIEUX_RABBITMQ_BASE:?}
port=${TIERSLIEUX_RABBITMQ_PORT:?}
epmd_port=${TIERSLIEUX_RABBITMQ_EPMD_PORT:?}
management_port=${TIERSLIEUX_RABBITMQ_MANAGEMENT_PORT:-0}
server=/usr/lib/rabbitmq/bin/rabbitmq-server
[ -x "$server" ] || { echo "$server not found (run eng/prerequisites.sh)" >&2; exit 1; }

mkdir -p "$base/home" "$base/mnesia" "$base/log"
{
  echo "listeners.tcp.1 = 127.0.0.1:$port"
  echo "default_user = guest"
  echo "default_pass = ${TIERSLIEUX_RABBITMQ_PASSWORD:?}"
  echo "loopback_users = none"
  if [ "$management_port" != 0 ]; then
    echo "management.tcp.port = $management_port"
    echo "management.tcp.ip = 127.0.0.1"
  fi
} > "$base/rabbitmq.conf"
if [ "$management_port" != 0 ]; then echo "[rabbitmq_management]." > "$base/enabled_plugins"; else echo "[]." > "$base/enabled_plugins"; fi
: > "$base/rabbitmq-env.conf"

export RABBITMQ_NODENAME=${TIERSLIEUX_RABBITMQ_NODENAME:?} RABBITMQ_MNESIA_BASE=$base/mnesia RABBITMQ_LOG_BASE=$base/log \
  RABBITMQ_LOGS=- RABBITMQ_CONFIG_FILE=$base/rabbitmq.conf RABBITMQ_CONF_ENV_FILE=$base/rabbitmq-env.conf \
  RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins RABBITMQ_PID_FILE=$base/rabbitmq.pid \
  RABBITMQ_DIST_PORT=${TIERSLIEUX_RABBITMQ_DIST_PORT:?} \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}" \
  HOME=$base/home ERL_EPMD_PORT=$epmd_port ERL_EPMD_ADDRESS=127.0.0.1 RUNNING_UNDER_SYSTEMD=true
unset NOTIFY_SOCKET

# Connections to a local port in a state (01 established, 0A listening), from the kernel's table.
sockets() { awk -v port=":$(printf '%04X' "$1")" -v state="$2" '$2 ~ port"$" && $4 == state' /proc/net/tcp /proc/net/tcp6 2>/dev/null | wc -l; }

apphost=${TIERSLIEUX_APPHOST_PID:-}
apphost_gone() { [ -n "$apphost" ] && ! kill -0 "$apphost" 2>/dev/null; }

stopping=0
trap 'stopping=1' TERM INT HUP
setsid setpriv --pdeathsig=KILL -- epmd -port "$epmd_port" -address 127.0.0.1 &
epmd=$!
for _ in $(seq 1 100); do [ "$(sockets "$epmd_port" 0A)" -gt 0 ] && break; kill -0 "$epmd" 2>/dev/null || break; sleep 0.05; done

setsid setpriv --pdeathsig=TERM -- "$server" &
node=$!

status=0
wait "$node" || status=$?
if [ "$stopping" -eq 1 ]; then
  client_seconds=${TIERSLIEUX_RABBITMQ_CLIENT_SECONDS:-3}
  if apphost_gone; then
    echo "stop asked after the AppHost has gone: stopping the broker at once"
  elif [ "$(sockets "$port" 01)" -gt 0 ]; then
    echo "stop asked: waiting up to $client_seconds s for the AMQP clients to close their connections"
  fi
  for _ in $(seq 1 $(( client_seconds * 10 ))); do
    [ "$(sockets "$port" 01)" -eq 0 ] && break
    kill -0 "$node" 2>/dev/null || break
    apphost_gone && break
    sleep 0.1
  done
  kill -TERM "$node" 2>/dev/null || true
  status=0
  wait "$node" || status=$?
fi
kill -TERM "$epmd" 2>/dev/null || true
wait "$epmd" 2>/dev/null || true
exit "$status"
