#!/usr/bin/env bash
# Runs the whole test suite on a machine with only a JDK 17 and Maven: installs the Debian
# packages the tests start themselves (if missing), then runs `mvn -B verify` (unit tests, fuzzing,
# then the real EAR in a managed WildFly, a throwaway PostgreSQL, Squid, a server killed and
# restarted). Extra arguments go to Maven, e.g. `scripts/test.sh -Dit.test=TicketIT`.
#
# The suite provisions its own WildFly and settings; the caller's Deskside settings (say a
# DESKSIDE_ADMIN_PASSWORD still exported from scripts/run.sh) are taken out of the environment
# here, so they cannot leak into the test server.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL (the production database, for the migration test), Squid and OpenSSL (a proxy with
# Basic authentication, for the proxy paths), and for the Host's end-to-end tests a virtual display
# (xvfb) with a font for Swing (fonts-dejavu-core), tools that find windows by title (x11-utils:
# xwininfo; xdotool), ImageMagick (import, to read the screen as the X server has it) and xrandr
# (x11-xserver-utils: to split one virtual screen into monitors).
packages=(postgresql squid openssl xvfb x11-utils x11-xserver-utils xdotool imagemagick fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    apt=(apt-get)
  elif command -v sudo > /dev/null; then
    apt=(sudo apt-get)
  else
    echo "The tests need the Debian packages: ${missing[*]}. Install them as root (apt-get install ${missing[*]}) and run this again." >&2
    exit 1
  fi
  echo "Installing the Debian packages the tests need: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

for v in $(compgen -e); do
  case "$v" in DESKSIDE_*) unset "$v" ;; esac
done

exec mvn -B verify "$@"
