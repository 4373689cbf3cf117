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
source eng/postgres.sh
usage() { usage_lines 6 7; }

[[ $# -eq 3 ]] || usage
use_server

case "$1" in
  export)
    database=$2 file=$3
    # Owners and grants belong to the server it came from; the restoring server has its own.
    "$(pg_tool pg_dump)" --format=custom --no-owner --no-privileges --dbname="$database" --file="$file"
    echo "exported $database to $file ($(stat -c %s "$file") bytes)"
    ;;
  import)
    file=$2 database=$3
    [[ -f "$file" ]] || { echo "no such file: $file" >&2; exit 66; }
    exists=$("$(pg_tool psql)" --dbname=postgres --tuples-only --no-align \
      --command="SELECT 1 FROM pg_database WHERE datname = '${database//\'/\'\'}'")
    if [[ "$exists" == 1 ]]; then
      tables=$("$(pg_tool psql)" --dbname="$database" --tuples-only --no-align \
        --command="SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
      if [[ "$tables" != 0 ]]; then
        echo "$database already has $tables table(s): import into a new or empty database" >&2
        exit 65
      fi
    else
      "$(pg_tool createdb)" "$database"
    fi
    # All or nothing: a failed restore leaves the database as empty as it was.
    "$(pg_tool pg_restore)" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database" "$file"
    echo "imported $file into $database"
    ;;
  *)
    usage
    ;;
esac
