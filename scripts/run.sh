#!/usr/bin/env bash
# Install, migrate, seed the demo event and serve the site on SQLite at http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python manage.py migrate --no-input
.venv/bin/python manage.py seed_demo
exec .venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
