#!/usr/bin/env bash
# Someone writing a letter in a text editor: typing at a human pace, with corrections.
set -u
seconds="$1"
mousepad > /dev/null 2>&1 &
sleep 1.5
wmctrl -r :ACTIVE: -b add,maximized_vert,maximized_horz 2>/dev/null || true
here="$(dirname "$0")"
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  while IFS= read -r line && [ $SECONDS -lt $end ]; do
    xdotool type --delay 90 -- "$line"
    xdotool key Return
    if [ $((RANDOM % 4)) -eq 0 ]; then xdotool key BackSpace BackSpace BackSpace; xdotool type --delay 120 "ed "; fi
    sleep 0.4
  done < "$here/letter.txt"
done
