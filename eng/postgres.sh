# Sourced by eng/backup.sh and eng/database.sh: PostgreSQL's client tools and the server they talk to.

# A PostgreSQL tool from the newest /usr/lib/postgresql/N/bin (Debian keeps them out of PATH), else from PATH.
pg_tool() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -n "$bin" ]]; then echo "$bin/$1"; else echo "$1"; fi
}

# libpq's own variables as given, else ./run.sh's server (127.0.0.1:15432, user postgres, its kept password).
use_server() {
  export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-15432}" PGUSER="${PGUSER:-postgres}"
  if [[ -z "${PGPASSWORD:-}" && -f .state/apphost/parameters/postgres-password ]]; then
    PGPASSWORD=$(cat .state/apphost/parameters/postgres-password)
    export PGPASSWORD
  fi
}

# The script's usage (the comment lines from $1 to $2 of the script), and exit 64.
usage_lines() {
  sed -n "$1,$2p" "$0" | sed 's/^# \{0,1\}//' >&2
  exit 64
}
