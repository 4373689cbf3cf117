#!/usr/bin/env bash
# One service's database moved with PostgreSQL's own tools: a logical export in pg_dump's custom format (schema, data,
# constraints, its migrations history), restored into a new, empty database. For moving a service to another server or
# handing its data over. (A whole server, to a point in time, is pg_basebackup and WAL archiving, not this.)
#
#   eng/database.sh export <database> <file.dump>     e.g. eng/database.sh export bookingdb booking.dump
#   eng/database.sh import <file.dump> <database>     the database is created; an existing one must be empty
#
# The server: libpq's own variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), or by default the server ./run.sh starts
# (127.0.0.1:15432, user postgres, its password kept in .state/apphost/parameters/postgres-password).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  sed -n '5,6p' "$0" | sed 's/^# *//' >&2
  exit 64
}

[[ $# -eq 3 ]] || usage
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
tool() { if [[ -n "$bin" ]]; then echo "$bin/$1"; else echo "$1"; fi; }

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-15432}" PGUSER="${PGUSER:-postgres}"
if [[ -z "${PGPASSWORD:-}" && -f .state/apphost/parameters/postgres-password ]]; then
  PGPASSWORD=$(cat .state/apphost/parameters/postgres-password)
  export PGPASSWORD
fi

case "$1" in
  export)
    database=$2 file=$3
    # Owners and grants belong to the server it came from; the restoring server has its own.
    "$(tool pg_dump)" --format=custom --no-owner --no-privileges --dbname="$database" --file="$file"
    echo "exported $database to $file ($(stat -c %s "$file") bytes)"
    ;;
  import)
    file=$2 database=$3
    [[ -f "$file" ]] || { echo "no such file: $file" >&2; exit 66; }
    exists=$("$(tool psql)" --dbname=postgres --tuples-only --no-align \
      --command="SELECT 1 FROM pg_database WHERE datname = '${database//\'/\'\'}'")
    if [[ "$exists" == 1 ]]; then
      tables=$("$(tool psql)" --dbname="$database" --tuples-only --no-align \
        --command="SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
      if [[ "$tables" != 0 ]]; then
        echo "$database already has $tables table(s): import into a new or empty database" >&2
        exit 65
      fi
    else
      "$(tool createdb)" "$database"
    fi
    # All or nothing: a failed restore leaves the database as empty as it was.
    "$(tool pg_restore)" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database" "$file"
    echo "imported $file into $database"
    ;;
  *)
    usage
    ;;
esac
