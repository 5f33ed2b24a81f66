#!/usr/bin/env bash
# Restores an archive made by deploy/backup.sh into an EMPTY database, all or nothing.
#
#   deploy/restore.sh /var/backups/airwave/airwave-20260101T031500Z.dump \
#     postgres://airwave:…@127.0.0.1:5432/airwave_restore
#
# Create the target first (sudo -u postgres createdb -O airwave airwave_restore). It refuses a
# database that already has tables, so it can never be pointed at the live one by mistake. Then
# start Airwave with DATABASE_URL on the target (see deploy/README.md, "Restore").
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 ARCHIVE TARGET_DATABASE_URL" >&2
  exit 2
fi
archive="$1"
target="$2"

tables="$(psql --no-psqlrc --tuples-only --no-align --dbname="$target" --command \
  "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")"
if [ "$tables" != "0" ]; then
  echo "restore.sh: the target database already has $tables tables; restore into a new, empty one" >&2
  exit 1
fi

pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$target" "$archive"
echo "restored $archive"
