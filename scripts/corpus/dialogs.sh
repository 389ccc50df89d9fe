#!/usr/bin/env bash
# Dialogs opening and closing over a terminal, as installers and settings do: a message, a
# question, a text entry typed into, a file chooser browsed, a progress bar running.
set -u
seconds="$1"
xterm -fa 'DejaVu Sans Mono' -fs 11 -geometry 120x40+100+80 -e bash --norc -c 'ls -l /etc; sleep 1000' > /dev/null 2>&1 &
sleep 1.5
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  zenity --info --title="Deskside" --text="The update has been installed." > /dev/null 2>&1 &
  sleep 2.5; xdotool key Return; sleep 1
  zenity --question --title="Restart" --text="Restart the application now?" > /dev/null 2>&1 &
  sleep 2.5; xdotool key Return; sleep 1
  zenity --entry --title="Ticket" --text="Your name, please:" > /dev/null 2>&1 &
  sleep 2; xdotool type --delay 140 "Margaret Hamilton"; sleep 0.8; xdotool key Return; sleep 1
  zenity --file-selection --title="Choose a log file" --filename=/usr/share/ > /dev/null 2>&1 &
  sleep 3; xdotool key Down Down Down; sleep 1; xdotool key Escape; sleep 1
  (for i in $(seq 0 10 100); do echo "$i"; sleep 0.5; done) | zenity --progress --title="Copying" --text="Copying files..." --auto-close > /dev/null 2>&1 &
  sleep 7
done
