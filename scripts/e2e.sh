#!/usr/bin/env bash
# Runs the end-to-end tests against the real app window under a virtual display.
# The tests start tauri-driver themselves (one per test, on free ports).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done

# dbus-run-session ends the GTK helper daemons with the run. The app under test answers its file
# dialogs from a queue the tests fill (`e2e-dialogs`: WebDriver cannot reach a native dialog);
# no other build turns that feature on, and scripts/check-deb.sh checks the package lacks it.
DISPLAY=$display dbus-run-session -- \
  cargo test -p arshif-desktop --features e2e-dialogs --test e2e -- --test-threads=1 "$@"
