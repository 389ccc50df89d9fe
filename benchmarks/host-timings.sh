#!/usr/bin/env bash
# The Host's three timings (docs/BENCHMARKS.md, "The Host: start-up and first frame"): builds the
# EAR and the Host, starts the managed WildFly the end-to-end tests use, and runs
# arquillian-tests' HostTimingsBench: RUNS (default 10) cold `java -jar` starts of the real Host
# under Xvfb, each through a whole ticket request, measuring `java -jar` to the window on the
# screen, Connect to Waiting on loopback TLS, and Allow to the first full 1080p frame at a
# headless Guest. The table lands in arquillian-tests/target/host-timings.md.
#
#   benchmarks/host-timings.sh            10 runs
#   RUNS=20 benchmarks/host-timings.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
runs="${RUNS:-10}"
for tool in Xvfb xwininfo xdotool import; do
  command -v "$tool" > /dev/null || { echo "$tool is missing: run scripts/test.sh once (it installs what the end-to-end tests need)" >&2; exit 1; }
done
for v in $(compgen -e); do
  case "$v" in DESKSIDE_*) unset "$v" ;; esac
done
# The EAR and the Host into the local repository (no tests), then only this class in arquillian-tests.
mvn -B -q -DskipTests -pl ear,host-client -am install
mvn -B -pl arquillian-tests verify -Dit.test=HostTimingsBench -Ddeskside.bench.runs="$runs" -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false
echo
cat arquillian-tests/target/host-timings.md
