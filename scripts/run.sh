#!/usr/bin/env bash
# Runs Deskside: builds the EAR, provisions WildFly from Maven Central (once), configures it
# for the embedded H2 database (in the server's data directory), deploys the EAR and keeps the
# server in the foreground until Ctrl-C. Run it again and everything from the last run is there.
#
# Environment:
#   DESKSIDE_HOME            where the server lives (default: .deskside beside this script's repo)
#   DESKSIDE_ADMIN_PASSWORD  the first administrator's password, on the very first start only
#   DESKSIDE_BIND            the address to serve HTTPS/WSS on, port 8443 (default 127.0.0.1, this
#                            machine only); plain HTTP (port 8080) is always for this machine only
#   DESKSIDE_KEYSTORE_PASSWORD  the TLS key store's password (default: the one made with the key)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
version=$(sed -n 's:.*<wildfly.version>\(.*\)</wildfly.version>.*:\1:p' pom.xml | head -n 1)
home="${DESKSIDE_HOME:-$repo/.deskside}"
server="$home/wildfly-$version"
bind="${DESKSIDE_BIND:-127.0.0.1}"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ -z "$version" ]; then
  echo "Cannot read wildfly.version from pom.xml" >&2
  exit 1
fi

say "Building Deskside (the first build downloads its dependencies from Maven Central)"
mvn -B -q -Dstyle.color=never -DskipTests -pl ear,host-client -am package

if [ ! -x "$server/bin/standalone.sh" ]; then
  say "Provisioning WildFly $version from Maven Central into $server"
  mkdir -p "$home/download"
  mvn -B -q -Dstyle.color=never dependency:copy -Dartifact="org.wildfly:wildfly-dist:$version:zip" -DoutputDirectory="$home/download"
  rm -rf "$server.partial" && mkdir -p "$server.partial"
  (cd "$server.partial" && jar xf "$home/download/wildfly-dist-$version.zip")
  mv "$server.partial/wildfly-$version" "$server" && rmdir "$server.partial"
  chmod +x "$server"/bin/*.sh
  rm -f "$home/download/wildfly-dist-$version.zip"
fi

# TLS: a self-signed certificate for this machine's names, made once; its key store password is
# random, kept beside it readable by this user only, and handed to the server in the environment.
keystore="$server/standalone/configuration/deskside.p12"
keystore_password_file="$server/standalone/configuration/deskside.p12.password"
if [ ! -f "$keystore" ]; then
  say "Making a self-signed TLS certificate for HTTPS and WSS (replace it with your own: docs/OPERATIONS.md)"
  san="dns:localhost,ip:127.0.0.1,dns:$(hostname)"
  case "$bind" in 127.0.0.1|0.0.0.0) ;; *) san="$san,ip:$bind" ;; esac
  (
    umask 077
    if [ -n "${DESKSIDE_KEYSTORE_PASSWORD:-}" ]; then
      printf '%s' "$DESKSIDE_KEYSTORE_PASSWORD" > "$keystore_password_file"
    else
      head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$keystore_password_file"
    fi
    # The password from its file, never on a command line that ps would show.
    keytool -genkeypair -alias deskside -keyalg EC -groupname secp256r1 -validity 825 -dname "CN=$(hostname)" \
      -ext "SAN=$san" -storetype PKCS12 -keystore "$keystore" \
      -storepass:file "$keystore_password_file" -keypass:file "$keystore_password_file" > /dev/null
  )
fi
export DESKSIDE_KEYSTORE_PASSWORD="${DESKSIDE_KEYSTORE_PASSWORD:-$(cat "$keystore_password_file")}"

scripts=("$repo/ear/src/main/wildfly/configure.cli" "$repo/ear/src/main/wildfly/tls.cli")
stamp="$server/.deskside-configured"
if [ "$(cat "${scripts[@]}" | sha256sum)" != "$(cat "$stamp" 2>/dev/null)" ]; then
  say "Configuring WildFly: H2 datasource in the server's data directory, Jakarta Security, TLS"
  : > "$home/configure.log"
  for cli in "${scripts[@]}"; do
    "$server/bin/jboss-cli.sh" --file="$cli" >> "$home/configure.log" 2>&1 || { cat "$home/configure.log" >&2; exit 1; }
  done
  cat "${scripts[@]}" | sha256sum > "$stamp"
fi

deployments="$server/standalone/deployments"
rm -f "$deployments"/deskside.ear.*
cp "$repo/ear/target/deskside.ear" "$deployments/deskside.ear"

say "Starting WildFly on https://$bind:8443 (server log: $server/standalone/log/server.log)"
export LAUNCH_JBOSS_IN_BACKGROUND=1
"$server/bin/standalone.sh" -b "$bind" > "$home/console.log" 2>&1 &
pid=$!
stop() {
  say "Stopping Deskside"
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exit 0
}
trap stop INT TERM

for _ in $(seq 1 300); do
  if [ -f "$deployments/deskside.ear.deployed" ]; then break; fi
  if [ -f "$deployments/deskside.ear.failed" ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "Deskside did not start. The end of the server log:" >&2
    tail -n 40 "$server/standalone/log/server.log" >&2 2>/dev/null || tail -n 40 "$home/console.log" >&2
    kill -TERM "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 1
done
if [ ! -f "$deployments/deskside.ear.deployed" ]; then
  echo "Deskside did not start within 5 minutes; see $server/standalone/log/server.log" >&2
  kill -TERM "$pid" 2>/dev/null || true
  exit 1
fi

host="$bind"; [ "$host" = "0.0.0.0" ] && host=localhost
url="https://$host:8443"
local="http://127.0.0.1:8080"
fingerprint=$(keytool -list -v -keystore "$keystore" -storepass:env DESKSIDE_KEYSTORE_PASSWORD -alias deskside 2>/dev/null \
  | sed -n 's/^[[:space:]]*SHA256: //p' | head -n 1)
password_file="$server/standalone/data/deskside/initial-admin-password"
if [ -f "$password_file" ]; then
  password=$(cat "$password_file")
  rm -f "$password_file"
  credentials="admin / $password   (generated on this first start and shown only now: keep it, or change it)"
  example_password="$password"
elif [ -n "${DESKSIDE_ADMIN_PASSWORD:-}" ]; then
  credentials="admin / the password in DESKSIDE_ADMIN_PASSWORD"
  example_password='$DESKSIDE_ADMIN_PASSWORD'
else
  credentials="admin / the password shown when this server first started"
  example_password='PASSWORD'
fi

cat <<BANNER

  Deskside is running.

  Address:      $url   (HTTPS and WSS; give this to Hosts and Guests)
  TLS:          a self-signed certificate, SHA-256 $fingerprint
                (put your own in $keystore: docs/OPERATIONS.md)
  This machine: $local   (plain HTTP, loopback only)
  Sign in:      $credentials
  REST API:     $url/api/         (described at $url/api/openapi)
  Live queue:   ${url/https/wss}/api/queue/events   (WebSocket, same credentials)
  Health:       $local/api/health/ready
  Try it:       curl -u 'admin:$example_password' -H 'Content-Type: application/json' -d '{"secret":"server"}' $local/api/tickets
                curl -u 'admin:$example_password' $local/api/call-records
  Change the password:
                curl -u 'admin:$example_password' -X PUT -H 'Content-Type: application/json' \\
                     -d '{"password":"a long new passphrase"}' $local/api/me/password
  A Host:       scripts/host.sh   (makes deskside-host.jar for this server: what an end user runs)
  Data:         $server/standalone/data/deskside (kept across runs)
  Docs:         $repo/docs/API.md, $repo/docs/OPERATIONS.md

  Press Ctrl-C to stop.

BANNER

wait "$pid"
