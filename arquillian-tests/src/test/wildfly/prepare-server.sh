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
# The test server's TLS key (tls.cli): self-signed for localhost and 127.0.0.1, made once; the
# tests trust exactly this certificate. Its password is a test value (DESKSIDE_KEYSTORE_PASSWORD).
if [ ! -f "$config/deskside.p12" ]; then
  "${KEYTOOL:-keytool}" -genkeypair -alias deskside -keyalg EC -groupname secp256r1 -validity 3650 -dname "CN=localhost" \
    -ext "SAN=dns:localhost,ip:127.0.0.1" -storetype PKCS12 -keystore "$config/deskside.p12" \
    -storepass:env DESKSIDE_KEYSTORE_PASSWORD -keypass:env DESKSIDE_KEYSTORE_PASSWORD > /dev/null
fi
if [ "$want" != "$have" ]; then
  cp "$config/standalone.xml.pristine" "$config/standalone.xml"
  rm -rf "$config/standalone_xml_history"
  for script in "$@"; do
    "$home/bin/jboss-cli.sh" --file="$script"
  done
  echo "$want" > "$home/.deskside-configured"
fi
rm -rf "$home/standalone/data" "$home/standalone/log" "$home/standalone/tmp" "$home/standalone/deployments/"*.ear*
# The event-log key (configure.cli keeps it with the configuration): a new database gets a new key.
rm -f "$config/deskside-audit.key" "$config/deskside-audit-checkpoint"
rm -rf "$home/standalone-restart"
cp -r "$home/standalone" "$home/standalone-restart"
