#!/usr/bin/env bash
# Someone reading a long manual in a browser: scrolling with the wheel and by pages, searching
# the page, opening the browser's menu and a context menu. The browser runs in a network
# namespace of its own with no interfaces but loopback, so it reaches nothing.
set -u
seconds="$1"
page="$(dpkg -L debian-reference-en | grep -m1 '/ch02.en.html$')" # package management: prose, tables, code
unshare --net -- chromium --no-sandbox --test-type --disable-gpu --no-first-run --no-default-browser-check \
  --disable-smooth-scrolling --disable-background-networking --disable-component-update --disable-sync \
  --password-store=basic --user-data-dir="$HOME/chromium" --start-maximized --window-position=0,0 \
  --window-size=1920,1080 "file://$page" > /dev/null 2>&1 &
sleep 4
wmctrl -r Chromium -b add,maximized_vert,maximized_horz 2>/dev/null || true
xdotool mousemove 960 600
end=$((SECONDS + seconds))
step=0
while [ $SECONDS -lt $end ]; do
  case $((step % 6)) in
    0|1|3) xdotool click --repeat 3 --delay 80 5 ;;   # the wheel, three notches
    2) xdotool key Next ;;                            # a page down
    4) if [ $step -eq 4 ]; then                       # a search, once: it jumps to the first match
         xdotool key ctrl+f; sleep 0.6; xdotool type --delay 150 apt; sleep 1.2; xdotool key Escape
       else
         xdotool key Next; sleep 0.7; xdotool key Next
       fi ;;
    5) if [ $((step % 12)) -eq 5 ]; then xdotool key alt+f; else xdotool click 3; fi
       sleep 1.5; xdotool key Escape ;;
  esac
  step=$((step + 1))
  xdotool mousemove_relative -- $((RANDOM % 40 - 20)) $((RANDOM % 30 - 15))
  sleep 2
done
