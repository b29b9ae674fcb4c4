#!/usr/bin/env bash
# Builds the .deb and checks what it holds: the binary, the icons in their hicolor sizes, the
# desktop entry with its Arabic and French names, and the package metadata (maintainer,
# description, the WebKitGTK and GTK dependencies). It never installs the package.
#
# Usage: scripts/check-deb.sh [--release]
# Without --release it bundles a debug build (`tauri build --debug`), which reuses most of what
# the end-to-end tests compiled: what `make test` runs. `make bundle` makes the release one.
# Neither turns on the `e2e-dialogs` feature (the tests' stand-in file dialogs), so cargo rebuilds
# the app crate without it; the last check below fails if the packaged binary holds it anyway.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

profile=debug
flags=(--debug)
if [ "${1:-}" = --release ]; then
  profile=release
  flags=()
fi

# The Tauri CLI from npm (prebuilt, seconds) rather than `cargo install tauri-cli` (minutes);
# major version pinned, 3.x alphas exist.
npx --yes @tauri-apps/cli@^2 build "${flags[@]}" --bundles deb --ci -- -p arshif-desktop

target=${CARGO_TARGET_DIR:-target}
version=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' tauri.conf.json | head -n 1)
deb="$target/$profile/bundle/deb/Arshif_${version}_amd64.deb"
[ -f "$deb" ] || { echo "check-deb: no package at $deb" >&2; exit 1; }

failures=0
fail() {
  echo "check-deb: $*" >&2
  failures=$((failures + 1))
}

# Fails unless `text` has a line matching the extended regular expression `pattern`.
expect() {
  local what=$1 text=$2 pattern=$3
  grep -Eq -- "$pattern" <<<"$text" || fail "$what: nothing matches /$pattern/"
}

info=$(dpkg-deb -I "$deb")
expect "metadata" "$info" '^ Package: arshif$'
expect "metadata" "$info" "^ Version: ${version//./\\.}$"
expect "metadata" "$info" '^ Maintainer: Arshif'
expect "metadata" "$info" '^ Description: A news archive that understands Arabic$'
expect "metadata" "$info" '^ Depends: .*libwebkit2gtk-4\.1-0'
expect "metadata" "$info" '^ Depends: .*libgtk-3-0'
grep -qi example <<<"$info" && fail "metadata: says \"example\": $(grep -i example <<<"$info")"

files=$(dpkg-deb -c "$deb" | awk '{ print $NF }')
expect "files" "$files" '^usr/bin/arshif-desktop$'
expect "files" "$files" '^usr/share/applications/Arshif\.desktop$'
for size in 32x32 64x64 128x128 256x256@2 512x512; do
  expect "icons" "$files" "^usr/share/icons/hicolor/$size/apps/arshif-desktop\.png$"
done

# The desktop entry as installed, from packaging/arshif.desktop with Tauri's fields filled in.
entry=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO usr/share/applications/Arshif.desktop)
expect "desktop entry" "$entry" '^Name=Arshif$'
expect "desktop entry" "$entry" '^Name\[ar\]=أرشيف$'
expect "desktop entry" "$entry" '^Name\[fr\]=Arshif$'
expect "desktop entry" "$entry" '^GenericName\[ar\]=أرشيف صحفي$'
expect "desktop entry" "$entry" '^GenericName\[fr\]=Archive de presse$'
expect "desktop entry" "$entry" '^Comment\[ar\]=.+'
expect "desktop entry" "$entry" '^Comment\[fr\]=.+'
expect "desktop entry" "$entry" '^Exec=arshif-desktop$'
expect "desktop entry" "$entry" '^Icon=arshif-desktop$'
expect "desktop entry" "$entry" '^Categories=.*Office;'
grep -q '{{' <<<"$entry" && fail "desktop entry: a template field was left unfilled"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v desktop-file-validate >/dev/null; then
  printf '%s\n' "$entry" >"$tmp/Arshif.desktop"
  desktop-file-validate "$tmp/Arshif.desktop" || fail "desktop entry: desktop-file-validate refuses it"
fi

# The binary is an executable for this machine, not a placeholder.
dpkg-deb --fsys-tarfile "$deb" | tar -xO usr/bin/arshif-desktop >"$tmp/arshif-desktop"
binary=$(head -c 4 "$tmp/arshif-desktop" | od -An -c | tr -d ' ')
[ "$binary" = "177ELF" ] || fail "binary: /usr/bin/arshif-desktop is not an ELF executable ($binary)"
# The stand-in dialogs answer from a queue any script in the window could fill: never shipped.
grep -q e2e_answer_dialog "$tmp/arshif-desktop" &&
  fail "binary: built with the end-to-end tests' stand-in dialogs (feature e2e-dialogs)"

if [ "$failures" -gt 0 ]; then
  echo "check-deb: $failures problem(s) in $deb" >&2
  exit 1
fi
echo "check-deb: $deb ($(du -h "$deb" | cut -f1)) holds the binary, the icons, the desktop entry and the metadata"
