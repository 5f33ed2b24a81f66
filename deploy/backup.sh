#!/usr/bin/env bash
# Airwave database backup: one pg_dump archive (custom format, compressed) per run, checked to be
# readable, named by UTC time; archives older than BACKUP_KEEP_DAYS are deleted.
#
#   DATABASE_URL=postgres://airwave:…@127.0.0.1:5432/airwave deploy/backup.sh [DIR]
#
# DIR defaults to $BACKUP_DIR, else /var/backups/airwave. Prints the archive's path. pg_dump takes a
# consistent snapshot while Airwave keeps running, so no downtime is needed. deploy/restore.sh puts
# an archive back; backend/src/db/backup-restore.process.test.ts runs both scripts in CI.
set -euo pipefail

: "${DATABASE_URL:?set DATABASE_URL (the one in /etc/airwave/airwave.env)}"
dir="${1:-${BACKUP_DIR:-/var/backups/airwave}}"
keep_days="${BACKUP_KEEP_DAYS:-14}"

umask 077 # the archive holds password hashes and payment records
mkdir -p "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
archive="$dir/airwave-$stamp.dump"
partial="$archive.partial"
trap 'rm -f "$partial"' EXIT

# --no-owner/--no-privileges: the archive restores under whichever role runs the restore.
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$partial"
# A truncated or corrupt archive fails here, not on the day it is needed.
pg_restore --list "$partial" >/dev/null
mv "$partial" "$archive"

find "$dir" -maxdepth 1 -name 'airwave-*.dump' -mtime +"$keep_days" -delete
echo "$archive"
