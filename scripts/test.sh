#!/usr/bin/env bash
# Install everything and run the whole test suite (SQLite by default; set DATABASE_URL for PostgreSQL).
# Extra arguments go to pytest, e.g. scripts/test.sh tests/profiles -k qr
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
export DJANGO_SETTINGS_MODULE=eventsite.settings
exec .venv/bin/python -m pytest "$@"
