#!/usr/bin/env bash
# A terminal scrolling output in bursts, as someone runs commands and pages through a manual.
set -u
seconds="$1"
xterm -fa 'DejaVu Sans Mono' -fs 11 -geometry 200x55+0+0 -e bash --norc -c '
  end=$((SECONDS + '"$seconds"'))
  while [ $SECONDS -lt $end ]; do
    ls -l /usr/bin | head -n 400 | while IFS= read -r l; do echo "$l"; sleep 0.01; done
    sleep 3
    dpkg -l | head -n 300 | while IFS= read -r l; do echo "$l"; sleep 0.02; done
    sleep 3
  done' > /dev/null 2>&1 &
sleep 1
wmctrl -r :ACTIVE: -b add,maximized_vert,maximized_horz 2>/dev/null || true
wait
