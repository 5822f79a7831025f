#!/usr/bin/env bash
# Install everything the project needs, from its own files: Python packages (pyproject.toml), front-end assets
# (package.json, from the npm registry) and, for the browser tests, Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

python_bin() {
  local want
  want=$(cat .python-version)
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}/versions/$want/bin/python" "$(command -v "python${want%.*}" || true)" \
    "$(command -v python3 || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
      echo "$candidate"
      return
    fi
  done
  echo "Python 3.12 or later is needed (see .python-version)." >&2
  exit 1
}

if [ ! -x .venv/bin/python ]; then
  "$(python_bin)" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
  rm -f .venv/.installed-* && touch "$stamp"
fi

if [ ! -d node_modules/bootstrap ] || [ package.json -nt node_modules ]; then
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules
fi

if [ "${1:-}" = "--browser" ] && [ ! -x /usr/bin/chromium ]; then
  # Browser tests need Debian's Chromium; without root or apt the tests are skipped (and fail in CI).
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "Could not install chromium; browser tests will be skipped." >&2
  else
    echo "Chromium is not installed and cannot be installed here; browser tests will be skipped." >&2
  fi
fi
