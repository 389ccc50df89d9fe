#!/usr/bin/env bash
# What a self-contained download of the Deskside Host would cost: the Host needs a Java 17 runtime
# today; this links runtimes with only the modules the Host uses (jlink) under several option sets and
# measures each: size on disk, as .tar.gz -9 and as .tar.xz -9, the wall time of the Host's
# `--self-check` and the time to a first Swing window, beside the system JDK in the same run.
# Measured, not shipped: nothing here goes into a release. See docs/BENCHMARKS.md, "The Host as a
# self-contained download (jlink)".
#
# Run from anywhere after `mvn -pl host-client -am package` (it reads host-client/target and
# protocol/target, and does not build):
#
#   benchmarks/jlink-host.sh                  7 runs per timing (about 10 minutes on 2 shared cores)
#   RUNS=3 benchmarks/jlink-host.sh           fewer runs
#   HOST_JAR=/path/host.jar WORK=/tmp/x benchmarks/jlink-host.sh
#
# Needs a JDK 17 with its jmods (JAVA_HOME, or the one jlink on PATH belongs to), Xvfb when DISPLAY is
# unset, xz and gzip. Everything it makes lives under WORK (default benchmarks/target/jlink).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
runs="${RUNS:-7}"
work="${WORK:-$repo/benchmarks/target/jlink}"
jdk="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")}"
[ -x "$jdk/bin/jlink" ] && [ -d "$jdk/jmods" ] || { echo "no JDK with jlink and jmods at $jdk: set JAVA_HOME" >&2; exit 1; }
"$jdk/bin/java" -version 2>&1 | head -n 1 | grep -q '"17\.' \
  || { echo "$jdk is not a JDK 17 (the Host's runtime, and the one with jdk.crypto.ec): set JAVA_HOME" >&2; exit 1; }
for tool in xz gzip tar du; do command -v "$tool" > /dev/null || { echo "$tool is needed" >&2; exit 1; }; done

# The Host as shipped, copied so that a rebuild of target/ during the run changes nothing.
jar="${HOST_JAR:-$(ls host-client/target/deskside-host-client-*-host.jar 2>/dev/null | head -n 1)}"
[ -f "$jar" ] || { echo "no Host jar: run mvn -pl host-client -am package first" >&2; exit 1; }
[ -d host-client/target/classes ] && [ -d protocol/target/classes ] \
  || { echo "no host-client or protocol classes: run mvn -pl host-client -am package first" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/images" "$work/probe" "$work/tls"
cp "$jar" "$work/host.jar"
jar="$work/host.jar"

echo "machine: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores," \
  "load $(cut -d ' ' -f 1-3 /proc/loadavg); $("$jdk/bin/java" -version 2>&1 | sed -n 2p)"

# 1. The modules. The shipped jar holds one packed class blob (io.deskside.host.boot.Boot unpacks it),
# which jdeps cannot read, so it reads the classes that went into it: the Host's and the protocol's.
# Bouncy Castle is not on the path (--ignore-missing-deps): ProGuard keeps about 35 KB of it, J-PAKE and
# digests, which need java.base only; its whole jar would drag in java.naming and more for nothing.
# java.desktop (Swing, Robot; jdeps finds it today) is named anyway: without it, it is no Host runtime.
# jdk.crypto.ec is the SunEC provider (X25519, ECDSA and the EC key exchanges of TLS), found by
# algorithm name at run time, which jdeps cannot see. Step 3 shows that it is needed.
deps="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
  host-client/target/classes protocol/target/classes)"
modules="$(printf '%s\n' "$deps" java.desktop jdk.crypto.ec | tr ',' '\n' | sort -u | paste -sd, -)"
echo "jdeps: $deps; linked: $modules"

# The probes, compiled by the full JDK: an image has no jdk.compiler, so `java StartProbe.java` would not
# run there. StartProbe times a first window; TlsProbe is one HTTPS request to an EC certificate.
"$jdk/bin/javac" --release 17 -d "$work/probe" benchmarks/jlink/StartProbe.java benchmarks/jlink/TlsProbe.java

# A throwaway P-256 certificate for localhost, as a gateway's, and an HTTPS server on the full JDK that
# answers for the length of the run (bounded: it stops by itself after an hour).
"$jdk/bin/keytool" -genkeypair -alias gateway -keyalg EC -groupname secp256r1 -dname CN=localhost \
  -ext san=dns:localhost -validity 2 -storetype PKCS12 -keystore "$work/tls/gateway.p12" \
  -storepass jlink-probe -keypass jlink-probe 2> /dev/null
"$jdk/bin/keytool" -exportcert -rfc -alias gateway -keystore "$work/tls/gateway.p12" -storepass jlink-probe \
  -file "$work/tls/gateway.pem" 2> /dev/null
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done; }
trap cleanup EXIT
"$jdk/bin/java" -cp "$work/probe" TlsProbe server "$work/tls/gateway.p12" jlink-probe "$work/tls/port" 3600 &
pids+=("$!")

# A display for the window probe (and for the self-check's screen part): Xvfb on :80 unless one is set.
if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb > /dev/null || { echo "DISPLAY is unset and there is no Xvfb: apt-get install xvfb" >&2; exit 1; }
  [ ! -e /tmp/.X80-lock ] || { echo "display :80 is taken (/tmp/.X80-lock): set DISPLAY or free it" >&2; exit 1; }
  Xvfb :80 -nolisten tcp -screen 0 1280x800x24 > "$work/xvfb.log" 2>&1 &
  pids+=("$!")
  export DISPLAY=:80
  for _ in $(seq 50); do [ -S /tmp/.X11-unix/X80 ] && break; sleep 0.1; done
  [ -S /tmp/.X11-unix/X80 ] || { echo "Xvfb did not start: $work/xvfb.log" >&2; exit 1; }
fi
for _ in $(seq 100); do [ -f "$work/tls/port" ] && break; sleep 0.1; done
[ -f "$work/tls/port" ] || { echo "the TLS probe's server did not start" >&2; exit 1; }
tls_port="$(cat "$work/tls/port")"

# 2. The option sets: name and jlink options. Every set links the same modules.
strip=(--strip-debug --no-header-files --no-man-pages)
names=(plain strip strip-c2 strip-cds strip-c2-cds strip-c2-nocmd)
declare -A options=(
  [plain]=""
  [strip]="${strip[*]}"
  [strip-c2]="${strip[*]} --compress=2"
  [strip-cds]="${strip[*]} --compress=0 --generate-cds-archive"
  [strip-c2-cds]="${strip[*]} --compress=2 --generate-cds-archive"
  [strip-c2-nocmd]="${strip[*]} --compress=2 --strip-native-commands"
)
# (--strip-native-commands removes bin/java, which --generate-cds-archive runs to make the archive: the
# two do not go together, and a jpackage launcher would make its CDS archive at first start or install.)
# The optional options this JDK may not offer, said rather than silently left out.
plugins="$("$jdk/bin/jlink" --list-plugins)"
grep -q -- '--generate-cds-archive' <<< "$plugins" \
  || { echo "skipped: --generate-cds-archive (this jlink has no such plugin)"; names=(plain strip strip-c2 strip-c2-nocmd); }
for vm in client minimal; do
  if [ -d "$jdk/lib/$vm" ]; then
    names+=("strip-c2-$vm"); options["strip-c2-$vm"]="${strip[*]} --compress=2 --vm=$vm"
  else
    echo "skipped: --vm=$vm (this JDK has no lib/$vm, only: $(cd "$jdk/lib" && ls -d server client minimal zero 2> /dev/null | paste -sd ' ' -))"
  fi
done
echo "skipped: --include-locales=en (it needs jdk.localedata, which the Host does not use: English is in java.base)"

for name in "${names[@]}"; do
  # shellcheck disable=SC2086 # the options are words on purpose
  "$jdk/bin/jlink" --add-modules "$modules" ${options[$name]} --output "$work/images/$name"
done

# One image trimmed by hand after jlink, to see what is left to win: the CDS archive for heaps over
# 32 GB (classes_nocoops.jsa, which the Host never uses) removed, and the JVM's symbol table stripped
# (Debian ships libjvm.so with .symtab; jlink's --strip-native-debug-symbols removes only debug
# sections, so it would change nothing here; without .symtab a crash log names no JVM functions).
if [ -d "$work/images/strip-cds" ] && command -v strip > /dev/null; then
  cp -a "$work/images/strip-cds" "$work/images/strip-cds-trim"
  rm "$work/images/strip-cds-trim/lib/server/classes_nocoops.jsa"
  strip --strip-unneeded "$work/images/strip-cds-trim/lib/server/libjvm.so"
  names+=(strip-cds-trim)
  options[strip-cds-trim]="${options[strip-cds]}, then rm classes_nocoops.jsa; strip libjvm.so"
fi

# 3. Proof that the images run the Host: the self-check (both key exchanges, the screen round trip) and
# one TLS 1.3 handshake with X25519 against the EC certificate, on every image that has a launcher.
# Then the same two on an image without jdk.crypto.ec, which is expected to fail (and says why).
selfcheck() { "$1" -jar "$jar" --self-check; }
tls() { "$1" -Djdk.tls.namedGroups=x25519 -cp "$work/probe" TlsProbe client "$tls_port" "$work/tls/gateway.pem"; }
for name in "${names[@]}"; do
  java="$work/images/$name/bin/java"
  [ -x "$java" ] || { echo "$name: no bin/java (--strip-native-commands): a launcher of its own (jpackage) would start it"; continue; }
  echo "$name: $(selfcheck "$java" 2>&1 | tail -n 1); $(tls "$java" 2>&1 | tail -n 1)"
done
without_ec="$(tr ',' '\n' <<< "$modules" | grep -vx jdk.crypto.ec | paste -sd, -)"
"$jdk/bin/jlink" --add-modules "$without_ec" "${strip[@]}" --output "$work/images/without-ec"
out="$(selfcheck "$work/images/without-ec/bin/java" 2>&1)" && rc=0 || rc=$?
echo "without jdk.crypto.ec, self-check: exit $rc, $(grep -m 1 -iE 'passed|fail|exception|error' <<< "$out" || true)"
out="$(tls "$work/images/without-ec/bin/java" 2>&1)" && rc=0 || rc=$?
echo "without jdk.crypto.ec, TLS: exit $rc, $(grep -m 1 -iE '^tls|exception|error' <<< "$out" || true)"
rm -rf "$work/images/without-ec"

# 4. Sizes: bytes on disk, and the image as the archive a download would be (tar of the image directory,
# normalised owner and dates; gzip -9 and xz -9 on one thread so the figures repeat).
declare -A disk gz xzb
archive() { tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work/images" -cf - "$1"; }
for name in "${names[@]}"; do
  disk[$name]="$(du -sb "$work/images/$name" | cut -f 1)"
  gz[$name]="$(archive "$name" | gzip -9 -n | wc -c)"
  xzb[$name]="$(archive "$name" | xz -9 -T1 | wc -c)"
  echo "size $name: disk ${disk[$name]} gz ${gz[$name]} xz ${xzb[$name]}"
done

# 5. Start times, each a fresh JVM (the OS file cache stays warm: this is the second launch on a user's
# machine, not the very first read from disk). The runs go round-robin over the runtimes, so that load
# from other work on the machine falls on all of them alike. Self-check: the wall time of the whole
# process. Window: StartProbe's own figure, launch to a drawn JFrame.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
runtimes=(system)
for name in "${names[@]}"; do [ -x "$work/images/$name/bin/java" ] && runtimes+=("$name"); done
java_of() { if [ "$1" = system ]; then echo "$jdk/bin/java"; else echo "$work/images/$1/bin/java"; fi; }
declare -A check_ms window_ms
for run in $(seq "$runs"); do
  for rt in "${runtimes[@]}"; do
    java="$(java_of "$rt")"
    t0="$(now_ms)"
    selfcheck "$java" > /dev/null 2>&1 || { echo "$rt: self-check failed" >&2; exit 1; }
    check_ms[$rt]+="$(( $(now_ms) - t0 )) "
    w="$("$java" -cp "$work/probe" StartProbe "$(date +%s%3N)" | sed -n 's/^window-ms //p')"
    window_ms[$rt]+="$w "
  done
  echo "run $run of $runs done"
done
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | sed -n "$(( ($(wc -w <<< "$1") + 1) / 2 ))p"; }
spread() { tr ' ' '\n' <<< "$1" | grep . | sort -n | sed -n '1p;$p' | paste -sd '-' -; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }

echo "load at the end: $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "Host jar: $(stat -c %s "$jar") bytes"
echo
echo "| jlink options (modules: $modules) | on disk | .tar.gz -9 | .tar.xz -9 | self-check, median ms (range) | first window, median ms (range) |"
echo "|---|---|---|---|---|---|"
for rt in system "${names[@]}"; do
  if [ "$rt" = system ]; then
    label="system JDK 17 (reference)"; sizes="— | — | —"
  else
    label="\`${options[$rt]:-(none)}\`"
    sizes="$(mb "${disk[$rt]}") MB (${disk[$rt]}) | $(mb "${gz[$rt]}") MB (${gz[$rt]}) | $(mb "${xzb[$rt]}") MB (${xzb[$rt]})"
  fi
  if [ -n "${check_ms[$rt]:-}" ]; then
    times="$(median "${check_ms[$rt]}") ($(spread "${check_ms[$rt]}")) | $(median "${window_ms[$rt]}") ($(spread "${window_ms[$rt]}"))"
  else
    times="no launcher | no launcher"
  fi
  echo "| $label | $sizes | $times |"
done
echo
echo "MB = 2^20 bytes; $runs runs per timing; images in $work/images"
