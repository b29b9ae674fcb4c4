# The two commands a newcomer needs (see README): `make run` and `make test`.
# Each installs what it is missing first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test deps-app deps-test lint test-engine test-pdf test-ui test-shell e2e check-deb bundle \
	screenshots bench reliability fuzz

## Opens the app (on a desktop session; builds it first).
run: deps-app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display: run this from a desktop session (for a headless check: xvfb-run make run)."; \
	  exit 1; \
	fi
	cargo run -p arshif-desktop

## Every check CI runs: formatting, lints, engine, CLI and PDF tests, shell tests, end-to-end tests,
## and the contents of the .deb.
test: deps-test lint test-engine test-pdf test-ui test-shell e2e check-deb

deps-app:
	@scripts/install-deps.sh app

deps-test:
	@scripts/install-deps.sh test

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p arshif-desktop --features e2e-dialogs --all-targets -- -D warnings

## Fast: the engine and the CLI build without Tauri, GTK or WebKit.
test-engine:
	cargo test -p arshif-engine -p arshif-cli

## PDF export, read back with poppler-utils (installed by deps-test).
test-pdf:
	cargo test -p arshif-pdf

## The interface's translations are complete in Arabic, French and English, no script hands
## article data to an HTML or code sink (docs/SECURITY.md), default file names, the word diff,
## the bundled fonts exist with their licences, the arrow keys follow reading direction and
## letter shortcuts work on an Arabic layout, the settings' defaults and text sizes, Arabic
## plurals and digits, and that a list redraw leaves the rows that stay in the document, a
## cancel pressed before a job starts is not lost, and every text colour reaches WCAG AA contrast.
test-ui:
	node tests/ui/i18n-complete.mjs
	node tests/ui/no-html-sinks.mjs
	node tests/ui/filename.test.mjs
	node tests/ui/tag-tree.test.mjs
	node tests/ui/word-diff.mjs
	node tests/ui/fonts.mjs
	node tests/ui/keys.test.mjs
	node tests/ui/prefs.test.mjs
	node tests/ui/plurals.test.mjs
	node tests/ui/place-in-order.test.mjs
	node tests/ui/cancel.test.mjs
	node tests/ui/contrast.test.mjs

test-shell:
	cargo test -p arshif-desktop --lib

e2e:
	scripts/e2e.sh

## Builds a debug .deb (reusing the end-to-end tests' build) and checks its binary, icons,
## desktop entry and metadata; installs nothing.
check-deb: deps-app
	scripts/check-deb.sh

## A .deb and an .rpm under target/release/bundle/.
bundle: deps-app
	npx --yes @tauri-apps/cli@^2 build --bundles deb,rpm -- -p arshif-desktop

## The README's screenshots (taken by two end-to-end tests) into docs/screenshots/. Other tests
## leave more PNGs in target/screenshots (dialogs in other themes and languages) for review; only
## the README's are copied.
README_SHOTS := main-ar-light main-ar-dark main-fr-light main-fr-dark reader-ar-light \
	export-dialog-ar-light
screenshots: deps-test
	scripts/e2e.sh screenshots_of_the_main_screens select_two_articles_and_export_them_as_json
	mkdir -p docs/screenshots
	for shot in $(README_SHOTS); do cp target/screenshots/$$shot.png docs/screenshots/; done

## Search benchmark at 100,000 articles against FTS5 and Tantivy (BENCHMARKS.md); about 5 min
## plus the first release build.
bench:
	cargo run --release -p arshif-bench -- --corpus ../shared/corpora/marsum-test.jsonl

## Crash safety in full (docs/RELIABILITY.md): import, tag merge and export killed with SIGKILL
## 60 times each at seeded random points, plus the hostile-input table and a long replay of the
## fuzz corpora on stable. About 5 min. `ARSHIF_CRASH_SEED=0x…` replays a run; `make test`
## runs the short version (10 kills each).
reliability:
	ARSHIF_CRASH_KILLS=$${ARSHIF_CRASH_KILLS:-60} cargo test -p arshif-engine --test crash_safety
	cargo test -p arshif-engine --test hostile_input -- --nocapture
	ARSHIF_FUZZ_MUTATIONS=$${ARSHIF_FUZZ_MUTATIONS:-5000} cargo test -p arshif-engine --test fuzz_replay -- --nocapture

## libFuzzer on every parser of untrusted input, FUZZ_SECONDS per target (default 60); installs
## a nightly toolchain and cargo-fuzz if missing. Not part of `make test`.
fuzz:
	scripts/fuzz.sh $${FUZZ_SECONDS:-60}
