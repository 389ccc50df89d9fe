#!/usr/bin/env bash
# Screen codec benchmarks on the recorded corpus (corpus/screens): builds Deskside's protocol and
# benchmarks modules, runs the JMH set (io.deskside.bench.screen.ScreenCodecBench: full 1080p
# frame encode and decode, a typical incremental update encode and decode, change detection; one
# thread, one fork, about 3 minutes), then the replay report (io.deskside.bench.screen.CorpusReport:
# deskside against PNG tiles and deflate tiles, one RESULT line per session and encoder, and a
# Markdown table). Both run on one core (the second, if there are two) when taskset is present.
# See docs/BENCHMARKS.md.
#
#   benchmarks/screen.sh              everything
#   benchmarks/screen.sh jmh          the JMH set only (JMH_ARGS="..." adds JMH options)
#   benchmarks/screen.sh report       the replay report only (SESSIONS="typing" to choose)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
what="${1:-all}"
case "$what" in all|jmh|report) ;; *) echo "usage: $0 [all|jmh|report]" >&2; exit 2 ;; esac
[ -d corpus/screens ] || { echo "no corpus at $repo/corpus/screens" >&2; exit 1; }

# Offline when the local repository already has what the build needs; online (Maven Central) otherwise.
offline=()
[ -d "$HOME/.m2/repository/org/openjdk/jmh/jmh-core/1.37" ] && [ -d "$HOME/.m2/repository/org/openjdk/jmh/jmh-generator-annprocess/1.37" ] && offline=(-o)
mvn -B -q -Dstyle.color=never "${offline[@]}" -DskipTests -pl benchmarks -am install > /dev/null
cp="$repo/benchmarks/target/classes:$repo/benchmarks/target/lib/*"

core=()
if command -v taskset > /dev/null; then
  core=(taskset -c "$(( $(nproc) > 1 ? 1 : 0 ))")
fi
sessions="$(find corpus/screens -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | sort | paste -sd, -)"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1); sessions: $sessions${core:+; pinned: ${core[*]}}"

if [ "$what" = all ] || [ "$what" = jmh ]; then
  # JMH's forks inherit the pinning. -p replaces the sessions named in the sources by those recorded.
  # shellcheck disable=SC2086
  "${core[@]}" java -cp "$cp" org.openjdk.jmh.Main 'io.deskside.bench.screen.ScreenCodecBench' \
    -p session="$sessions" -jvmArgsAppend "-Dcorpus.dir=$repo/corpus/screens" -rf text -rff "$repo/benchmarks/target/screen-jmh.txt" ${JMH_ARGS:-}
  echo "JMH summary also in benchmarks/target/screen-jmh.txt"
fi
if [ "$what" = all ] || [ "$what" = report ]; then
  # shellcheck disable=SC2086
  "${core[@]}" java -Xms2g -Xmx4g -Dcorpus.dir="$repo/corpus/screens" -cp "$cp" io.deskside.bench.screen.CorpusReport ${SESSIONS:-}
fi
