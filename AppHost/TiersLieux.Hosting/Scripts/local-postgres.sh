#!/usr/bin/env bash
# PostgreSQL as a local process: the AppHost's executable resource (no container engine here) and the test
# fixtures' server. Initialises BaseDirectory/data once, listens on 127.0.0.1 only, socket in BaseDirectory/socket.
#
# Why a wrapper rather than postgres itself:
# - PostgreSQL refuses root: under root it runs as the postgres user (setpriv, which execs: no extra process).
# - A stop is clean whoever asks: SIGTERM or SIGINT here starts a "smart" shutdown (no new sessions; the server
#   waits for its clients, the services, to close theirs), then a "fast" one (open transactions rolled back,
#   checkpoint) if clients linger. Both end with a checkpoint: no recovery at the next start.
# - Nothing outlives this script: postgres gets SIGINT (fast shutdown) from the kernel if this script dies,
#   even by SIGKILL (parent-death signal); it runs in a session of its own so that a Ctrl+C or a SIGINT sent to
#   a whole process group reaches this script, which decides the order, and not the server directly.
# - A stop after the AppHost has died is not the AppHost's ordered stop but DCP's clean-up: DCP stops every resource
#   at once and kills each one's whole process tree, this server included, about 6 s after its signal. The
#   services are still stopping then, so a smart shutdown would wait for them and leave the checkpoint no time
#   ("in production" at the next start): with the AppHost gone the fast shutdown starts at once.
#
# Input (environment): TIERSLIEUX_PG_BASE, TIERSLIEUX_PG_PORT, TIERSLIEUX_PG_PASSWORD (used by initdb only),
# optional TIERSLIEUX_PG_DURABLE=false (throwaway test servers), TIERSLIEUX_PG_WAL_ARCHIVE (a directory: every
# completed WAL segment is copied there, for eng/backup.sh's point-in-time restores), TIERSLIEUX_PG_MAX_CONNECTIONS (300),
# TIERSLIEUX_PG_SMART_SECONDS (how long a stop waits for clients before a fast shutdown; 5), TIERSLIEUX_APPHOST_PID
# (the AppHost's process: no wait for clients once it has gone).
set -euo pipefail
base=${TIERSLIEUX_PG_BASE:?}
port=${TIERSLIEUX_PG_PORT:?}
data=$base/data
socket=$base/socket
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/postgres" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql (run eng/prerequisites.sh)" >&2; exit 1; }

archive=${TIERSLIEUX_PG_WAL_ARCHIVE:-}
mkdir -p "$socket" ${archive:+"$archive"}
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres:postgres "$base" ${archive:+"$archive"}
  as_postgres=(--reuid=postgres --regid=postgres --init-groups)
fi

if [ ! -f "$data/PG_VERSION" ]; then
  pwfile="$base/.initdb-password"
  ( umask 077; printf '%s' "${TIERSLIEUX_PG_PASSWORD:?}" > "$pwfile" )
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$pwfile"
  setpriv "${as_postgres[@]}" -- "$bin/initdb" -D "$data" -U postgres --pwfile "$pwfile" --auth scram-sha-256 \
    -E UTF8 --locale C.UTF-8 --no-sync >/dev/null
  rm -f "$pwfile"
fi

# A server of an earlier run still shutting down holds the data directory: let it finish first.
if [ -f "$data/postmaster.pid" ]; then
  old=$(head -n 1 "$data/postmaster.pid")
  for _ in $(seq 1 300); do
    { [ -n "$old" ] && [ -d "/proc/$old" ] && grep -qa postgres "/proc/$old/cmdline" 2>/dev/null; } || break
    sleep 0.1
  done
fi

args=(-D "$data" -p "$port" -k "$socket" -c listen_addresses=127.0.0.1 -c "max_connections=${TIERSLIEUX_PG_MAX_CONNECTIONS:-300}")
if [ "${TIERSLIEUX_PG_DURABLE:-true}" = false ]; then
  args+=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi
if [ -n "$archive" ]; then
  # A segment is copied once: one already archived is never overwritten (PostgreSQL retries a failed copy).
  args+=(-c archive_mode=on -c "archive_command=test ! -f '$archive/%f' && cp '%p' '$archive/%f'")
fi

apphost=${TIERSLIEUX_APPHOST_PID:-}
apphost_gone() { [ -n "$apphost" ] && ! kill -0 "$apphost" 2>/dev/null; }

stopping=0
trap 'stopping=1' TERM INT HUP
setsid setpriv "${as_postgres[@]}" --pdeathsig=INT -- "$bin/postgres" "${args[@]}" &
server=$!

status=0
wait "$server" || status=$?
if [ "$stopping" -eq 1 ]; then
  if ! apphost_gone; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 1 $(( ${TIERSLIEUX_PG_SMART_SECONDS:-5} * 10 ))); do
      kill -0 "$server" 2>/dev/null || break
      apphost_gone && break
      sleep 0.1
    done
  fi
  kill -INT "$server" 2>/dev/null || true
  status=0
  wait "$server" || status=$?
fi
exit "$status"
