#!/usr/bin/env bash
# The browser tests (test/browser) drive Debian's chromium through playwright-core and never
# download a browser. This makes sure it is there: nothing to do when chromium is on PATH (or
# CHROMIUM_PATH names it); else install Debian's package with apt-get (as root, or with
# sudo -n); else fail saying how to install it. `npm test` runs it first (pretest), and
# .ci/run counts its failure as a failed test.
set -uo pipefail
[ "${SPENDKIT_CHROMIUM_CHECKED:-}" = 1 ] && exit 0
have_chromium() {
  { [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; } || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}
have_chromium && exit 0
echo "spend tests: chromium is not on PATH: installing Debian's chromium with apt-get" >&2
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then as_root=(sudo -n); else as_root=(false); fi
fi
fail() { echo "spend tests: error: chromium: $1" >&2; exit 1; }
command -v apt-get >/dev/null 2>&1 || fail "not installed and apt-get is missing (install Chromium and put it on PATH, or set CHROMIUM_PATH)"
[ "${as_root[0]:-}" = false ] && fail "not installed, and installing needs root or sudo (run apt-get install -y chromium as root, or set CHROMIUM_PATH)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || fail "apt-get update failed (see above; check the network and the apt sources)"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2 || fail "apt-get install -y chromium failed (see above)"
have_chromium || fail "apt-get installed it but it is not on PATH (set CHROMIUM_PATH)"
