#!/usr/bin/env bash
# Set up (the venv, and PostgreSQL, Chromium and systemd-analyze where missing), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test

# need PACKAGE WHY CHECK...: install the Debian package when every CHECK command fails (as root with apt), else exit 2.
need() {
  local package=$1 why=$2
  shift 2
  local check
  for check in "$@"; do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
  done
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing $package ($why) ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
  else
    echo "error: $package is missing ($why): install the $package package" >&2
    exit 2
  fi
}
need postgresql "the PostgreSQL tests start a throwaway server" "ls /usr/lib/postgresql/*/bin/initdb" "command -v initdb"
need chromium "the email's look is checked in headless Chromium" "command -v chromium" "command -v chromium-browser"
need systemd "its systemd-analyze rates the service unit's hardening" "command -v systemd-analyze"
exec .venv/bin/python -m pytest "$@"
