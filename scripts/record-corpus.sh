#!/usr/bin/env bash
# Records the screen corpus the screen codec is tested and measured on: real applications on a
# 1920x1080 X display (Xvfb), driven by scripts (xdotool), captured at a few frames a second for
# about a minute each into corpus/screens/<session>/ (see corpus/screens/README.md).
#
#   scripts/record-corpus.sh                 every session
#   scripts/record-corpus.sh typing terminal only these
#
# Environment: FPS (each session's own: 4 for typing and dialogs, 2 for the terminal and the
# browser, whose frames are mostly new content), SECONDS_PER_SESSION (60). Needs root the first
# time (apt-get installs the packages). The browser runs in a network namespace of its own.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
seconds="${SECONDS_PER_SESSION:-60}"
sessions=("$@")
[ ${#sessions[@]} -gt 0 ] || sessions=(typing terminal browser dialogs)
fps_of() {
  case "$1" in terminal|browser) echo "${FPS:-2}" ;; *) echo "${FPS:-4}" ;; esac
}

packages=(xvfb xauth xdotool openbox x11-xserver-utils wmctrl mousepad xterm fonts-dejavu-core chromium
  debian-reference-en zenity util-linux)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
# A display of our own: no TCP, the number chosen by the server.
exec 3> "$work/display"
Xvfb -displayfd 3 -nolisten tcp -screen 0 1920x1080x24 > "$work/xvfb.log" 2>&1 &
for _ in $(seq 1 50); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(head -n1 "$work/display")"
export HOME="$work/home" && mkdir -p "$HOME"
openbox > /dev/null 2>&1 &
sleep 1
# A quiet gradient-free background, as an office desktop has.
xsetroot -solid '#2f4f6f'

for s in "${sessions[@]}"; do
  fps="$(fps_of "$s")"
  out="$repo/corpus/screens/$s"
  rm -rf "$out" && mkdir -p "$out"
  echo "Recording $s into $out ($fps fps, $seconds s)"
  # Its own process group, so everything the scenario started goes when it does.
  setsid bash "$repo/scripts/corpus/$s.sh" "$seconds" &
  scenario=$!
  sleep 2 # the application is up before the first frame
  java "$repo/scripts/corpus/CorpusRecorder.java" "$out" "$fps" "$seconds"
  kill -- -"$scenario" 2>/dev/null || true
  wait "$scenario" 2>/dev/null || true
  { echo "# Screen corpus: $s"; echo; echo "Recorded $(date -u +%Y-%m-%d) with scripts/record-corpus.sh $s ($fps fps, $seconds s, 1920x1080x24, openbox)."; echo;
    echo "Packages:"; echo; dpkg-query -W xvfb xdotool openbox mousepad xterm chromium debian-reference-en zenity | sed 's/^/    /'; } > "$out/README.md"
  du -sh "$out"
done
