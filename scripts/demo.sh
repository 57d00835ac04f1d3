#!/usr/bin/env bash
# Set up, then run one sweep of the bundled demo (no credentials, no network).
# The alert emails are written as .eml files into demo-output/outbox/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh postgres
rm -rf demo-output  # each demo run starts from an empty database, so it alerts again
.venv/bin/monitor once --config config/demo.toml --now 2026-11-20T18:00:00Z "$@"
