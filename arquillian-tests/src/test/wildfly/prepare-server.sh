#!/usr/bin/env bash
# Configures the unpacked test server once: the production CLI script, then the test settings.
# A fresh database for every build: the tests must not depend on what an earlier run left.
set -euo pipefail
home="$1"; shift
chmod +x "$home"/bin/*.sh
rm -rf "$home/standalone/data/deskside" "$home/standalone/log" "$home/standalone/deployments/"*.ear*
stamp="$home/.deskside-configured"
if [ ! -f "$stamp" ]; then
  for script in "$@"; do
    "$home/bin/jboss-cli.sh" --file="$script"
  done
  touch "$stamp"
fi
