#!/usr/bin/env bash
# Back up a PostgreSQL database of the demo event with pg_dump, restore it into a fresh database with pg_restore,
# and check that both hold identical data (row counts and row digests of every model, so the allocations too).
set -euo pipefail
cd "$(dirname "$0")/.."
PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
export PGOPTIONS="-c client_min_messages=warning"
SOURCE=eventsite_backup_source
RESTORED=eventsite_backup_restored
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for db in "$SOURCE" "$RESTORED"; do
  psql "$PG/postgres" -q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
done
DATABASE_URL="$PG/$SOURCE" .venv/bin/python manage.py migrate --no-input -v 0
DATABASE_URL="$PG/$SOURCE" .venv/bin/python manage.py seed_demo >/dev/null
DATABASE_URL="$PG/$SOURCE" .venv/bin/python manage.py data_fingerprint >"$work/source.json"

pg_dump --format=custom --no-owner --file="$work/backup.dump" "$PG/$SOURCE"
pg_restore --no-owner --exit-on-error --dbname="$PG/$RESTORED" "$work/backup.dump"
DATABASE_URL="$PG/$RESTORED" .venv/bin/python manage.py data_fingerprint >"$work/restored.json"

if diff -u "$work/source.json" "$work/restored.json"; then
  rows=$(.venv/bin/python -c "import json,sys; print(sum(m['rows'] for m in json.load(open(sys.argv[1])).values()))" "$work/source.json")
  echo "Backup and restore round trip: identical ($rows rows across $(grep -c '"rows"' "$work/source.json") models)."
else
  echo "Backup and restore round trip: the restored database differs." >&2
  exit 1
fi
for db in "$SOURCE" "$RESTORED"; do psql "$PG/postgres" -q -c "DROP DATABASE $db"; done
