#!/usr/bin/env bash
# Installs what building, running or testing Arshif needs on Debian/Ubuntu, skipping what is
# already there. Usage: scripts/install-deps.sh app|test
set -euo pipefail

want=${1:-app}
packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev librsvg2-dev curl)
if [ "$want" = test ]; then
  # Xvfb and the WebKit WebDriver for end-to-end tests in the real window; Noto for Arabic glyphs;
  # poppler-utils for checking PDFs.
  packages+=(xvfb xauth webkit2gtk-driver dbus-x11 fonts-noto-core poppler-utils)
  # The interface's checks run on Node (no npm packages needed).
  command -v node >/dev/null || packages+=(nodejs)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    echo "Missing packages: ${missing[*]}; install them with your package manager." >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v cargo >/dev/null; then
  echo "Rust is not installed: see https://rustup.rs (one command), then run this again." >&2
  exit 1
fi

if [ "$want" = test ] && ! command -v tauri-driver >/dev/null; then
  # Major version pinned: 3.x alphas exist.
  cargo install tauri-driver --locked --version '^2'
fi
