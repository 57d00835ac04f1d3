#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install smm-monitor into it, with the extras given (e.g. "test").
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: smm-monitor needs Python 3.11 or newer; set PYTHON=/path/to/python3.11" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "creating .venv ..." >&2
  "$python" -m venv .venv
fi
extras=${1:-postgres}
echo "installing smm-monitor[$extras] into .venv ..." >&2
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$extras]"
