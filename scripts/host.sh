#!/usr/bin/env bash
# Makes a Host for the Deskside that scripts/run.sh started on this machine: the Host jar the
# build shrank (host-client), with a configuration inside that names this server's WSS address,
# pins its TLS certificate by SHA-256, and carries a gateway credential fetched from it. Give the
# jar to an end user (or run it yourself): java -jar deskside-host.jar
#
#   scripts/host.sh                  ticket mode (the end user types the ticket you issued)
#   scripts/host.sh --mode fixed --service "Online banking"     a help service instead
#   scripts/host.sh --allow "view annotate chat"                a view-only Host
#
# Environment: DESKSIDE_HOME (as for run.sh), DESKSIDE_HOST_ADDRESS (the name or address end
# users reach the server by; default localhost), DESKSIDE_HOST_OUT (default $DESKSIDE_HOME/deskside-host.jar).
# The credential ages out (a day by default, deskside.host.credential-lifetime): make a new Host then.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml | head -n 1)
home="${DESKSIDE_HOME:-$repo/.deskside}"
server="$home/wildfly-$version"
keystore="$server/standalone/configuration/deskside.p12"
keystore_password_file="$server/standalone/configuration/deskside.p12.password"
address="${DESKSIDE_HOST_ADDRESS:-localhost}"
out="${DESKSIDE_HOST_OUT:-$home/deskside-host.jar}"
project_version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
plain="host-client/target/deskside-host-client-$project_version.jar"
shrunk="host-client/target/deskside-host-client-$project_version-host.jar"
protocol="protocol/target/deskside-protocol-$project_version.jar"

if [ ! -f "$keystore" ]; then
  echo "No Deskside server here: run scripts/run.sh first (it makes $keystore)." >&2
  exit 1
fi
if [ ! -f "$shrunk" ] || [ ! -f "$plain" ] || [ ! -f "$protocol" ]; then
  mvn -B -q -Dstyle.color=never -DskipTests -pl host-client -am package
fi

# The gateway credential, from the plain listener (this machine only).
json=$(curl -sf http://127.0.0.1:8080/host/credential) || {
  echo "Deskside does not answer at http://127.0.0.1:8080: is scripts/run.sh running?" >&2
  exit 1
}
credential=$(printf '%s' "$json" | sed -n 's/.*"credential":"\([^"]*\)".*/\1/p')
expires=$(printf '%s' "$json" | sed -n 's/.*"expires":"\([^"]*\)".*/\1/p')

# The pin: SHA-256 of the server certificate (DER), base64, read with the key store's own password.
pin=$(keytool -exportcert -alias deskside -keystore "$keystore" -storepass:file "$keystore_password_file" 2>/dev/null \
  | openssl dgst -sha256 -binary | base64)

java -cp "$plain:$protocol" io.deskside.host.packaging.HostJarBuilder --jar "$shrunk" \
  --tunnel "wss://$address:8443/tunnel" --pin "sha256/$pin" --credential "$credential" --out "$out" "$@" > /dev/null
chmod 644 "$out"

cat <<DONE

  A Host for this server: $out ($(wc -c < "$out") bytes)
  Run it:        java -jar $out
  It reaches:    wss://$address:8443/tunnel, trusting only this server's certificate (SHA-256 $pin)
  It expires:    $expires (make a new one with this script after that)
  Issue a ticket for it:
                 curl -u admin:PASSWORD -H 'Content-Type: application/json' -d '{"secret":"server"}' http://127.0.0.1:8080/api/tickets

DONE
