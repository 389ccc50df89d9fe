#!/usr/bin/env bash
# Runs Deskside: builds the EAR, provisions WildFly from Maven Central (once), configures it
# for the embedded H2 database (in the server's data directory), deploys the EAR and keeps the
# server in the foreground until Ctrl-C. Run it again and everything from the last run is there.
#
# Environment:
#   DESKSIDE_HOME            where the server lives (default: .deskside beside this script's repo)
#   DESKSIDE_ADMIN_PASSWORD  the first administrator's password, on the very first start only
#   DESKSIDE_BIND            the address to listen on (default 127.0.0.1, this machine only)
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
mvn -B -q -Dstyle.color=never -DskipTests -pl ear -am package

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

cli="$repo/ear/src/main/wildfly/configure.cli"
stamp="$server/.deskside-configured"
if [ "$(sha256sum < "$cli")" != "$(cat "$stamp" 2>/dev/null)" ]; then
  say "Configuring WildFly: H2 datasource in the server's data directory, Jakarta Security"
  "$server/bin/jboss-cli.sh" --file="$cli" > "$home/configure.log" 2>&1 || { cat "$home/configure.log" >&2; exit 1; }
  sha256sum < "$cli" > "$stamp"
fi

deployments="$server/standalone/deployments"
rm -f "$deployments"/deskside.ear.*
cp "$repo/ear/target/deskside.ear" "$deployments/deskside.ear"

say "Starting WildFly on http://$bind:8080 (server log: $server/standalone/log/server.log)"
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
url="http://$host:8080"
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

  Sign in:      $credentials
  REST API:     $url/api/         (described at $url/api/openapi)
  Live queue:   ${url/http/ws}/api/queue/events   (WebSocket, same credentials)
  Health:       $url/api/health/ready
  Try it:       curl -u 'admin:$example_password' -H 'Content-Type: application/json' -d '{"secret":"server"}' $url/api/tickets
                curl -u 'admin:$example_password' $url/api/call-records
  Change the password:
                curl -u 'admin:$example_password' -X PUT -H 'Content-Type: application/json' \\
                     -d '{"password":"a long new passphrase"}' $url/api/me/password
  Data:         $server/standalone/data/deskside (kept across runs)
  Docs:         $repo/docs/API.md, $repo/docs/OPERATIONS.md

  Press Ctrl-C to stop.

BANNER

wait "$pid"
