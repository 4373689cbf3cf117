#!/usr/bin/env bash
# The whole PostgreSQL server backed up the PostgreSQL way: a base backup (pg_basebackup) plus the WAL segments the
# server archives continuously (archive_mode=on; ./run.sh's server archives into .state/apphost/postgres/wal-archive).
# Together they restore the server as it was at any moment since the base backup, into a new data directory.
#
#   eng/backup.sh base [backup-dir]
#       takes a base backup (default .state/apphost/backups/base-<UTC time>)
#   eng/backup.sh restore <backup-dir> <new-data-dir> [--archive <wal-archive>] [--to '<timestamp with time zone>']
#       prepares <new-data-dir>: the base backup, then on its first start the archive replayed up to --to (or to its
#       end), after which the server is promoted and takes writes. Start a server on it (postgres -D <new-data-dir>,
#       or make it the data directory of ./run.sh's server while ./run.sh is stopped).
#
# The server backed up: libpq's own variables (PGHOST, PGPORT, PGUSER, PGPASSWORD), or by default ./run.sh's
# (127.0.0.1:15432, user postgres, its password kept in .state/apphost/parameters/postgres-password).
set -euo pipefail
cd "$(dirname "$0")/.."
source eng/postgres.sh
usage() { usage_lines 6 11; }

[[ $# -ge 1 ]] || usage

case "$1" in
  base)
    use_server
    target=${2:-.state/apphost/backups/base-$(date -u +%Y%m%dT%H%M%SZ)}
    [[ ! -e "$target" ]] || { echo "$target exists already" >&2; exit 73; }
    mkdir -p "$(dirname "$target")"
    # A plain copy of the data directory with the WAL it needs to be consistent; a fast checkpoint starts it now.
    "$(pg_tool pg_basebackup)" --pgdata="$target" --format=plain --wal-method=fetch --checkpoint=fast --label="tierslieux $(date -u +%FT%TZ)"
    echo "base backup in $target ($(du -sh "$target" | cut -f1))"
    ;;
  restore)
    [[ $# -ge 3 ]] || usage
    backup=$2 data=$3
    shift 3
    archive=.state/apphost/postgres/wal-archive target_time=""
    while [[ $# -gt 0 ]]; do
      case "$1" in
        --archive) archive=$2; shift 2 ;;
        --to) target_time=$2; shift 2 ;;
        *) usage ;;
      esac
    done
    [[ -f "$backup/PG_VERSION" ]] || { echo "$backup is not a base backup (no PG_VERSION)" >&2; exit 66; }
    [[ -d "$archive" ]] || { echo "no WAL archive at $archive" >&2; exit 66; }
    [[ ! -e "$data" ]] || { echo "$data exists already: restore into a new directory" >&2; exit 73; }
    archive=$(cd "$archive" && pwd)
    mkdir -p "$(dirname "$data")"
    cp -a "$backup" "$data"
    rm -f "$data/postmaster.pid" "$data/postmaster.opts"
    chmod 700 "$data"
    {
      echo "# eng/backup.sh restore, $(date -u +%FT%TZ): replay the archive, then take writes."
      echo "restore_command = 'cp \"$archive/%f\" \"%p\"'"
      if [[ -n "$target_time" ]]; then
        echo "recovery_target_time = '$target_time'"
      fi
      echo "recovery_target_action = 'promote'"
    } >> "$data/postgresql.auto.conf"
    touch "$data/recovery.signal"
    if [[ "$(id -u)" -eq 0 ]]; then
      chown -R postgres:postgres "$data"
    fi
    echo "restored $backup into $data; its first start replays $archive${target_time:+ up to $target_time}"
    ;;
  *)
    usage
    ;;
esac
