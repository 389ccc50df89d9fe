#!/usr/bin/env bash
# Configures the unpacked test server: the production CLI script, then the test settings.
# Re-applies them from a pristine configuration whenever a script changed. Every build starts
# with an empty database: the tests must not depend on what an earlier run left.
# Also lays out a second server base (standalone-restart) for the restart test's own server.
set -euo pipefail
home="$1"; shift
chmod +x "$home"/bin/*.sh
config="$home/standalone/configuration"
[ -f "$config/standalone.xml.pristine" ] || cp "$config/standalone.xml" "$config/standalone.xml.pristine"
want=$(cat "$@" | sha256sum | cut -d' ' -f1)
have=$(cat "$home/.deskside-configured" 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  cp "$config/standalone.xml.pristine" "$config/standalone.xml"
  rm -rf "$config/standalone_xml_history"
  for script in "$@"; do
    "$home/bin/jboss-cli.sh" --file="$script"
  done
  echo "$want" > "$home/.deskside-configured"
fi
rm -rf "$home/standalone/data" "$home/standalone/log" "$home/standalone/tmp" "$home/standalone/deployments/"*.ear*
rm -rf "$home/standalone-restart"
cp -r "$home/standalone" "$home/standalone-restart"
