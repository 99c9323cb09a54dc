#!/usr/bin/env bash
# Installs every Debian package Chokepoint needs to build, test and benchmark.
# Idempotent: only calls apt-get when something is missing. Run as root (or via sudo).
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  librdkit-dev rdkit-data python3-rdkit libboost-dev
  libinchi-dev
  libsqlite3-dev sqlite3
  # libpq: the store's PostgreSQL backend; postgresql-15: the throwaway server the tests start
  # (tests/pg/start.sh) to run the storage, API and order tests on PostgreSQL too.
  libpq-dev postgresql-15
  libcpp-httplib-dev nlohmann-json3-dev libcli11-dev libyaml-dev
  libspdlog-dev libfmt-dev libicu-dev libre2-dev libsodium-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-14-dev
  clang-format  # `make test` checks the formatting of changed files (scripts/check-format.sh)
  wrk
)
# The web console is built with npm; the browser tests drive Debian's headless Chromium.
PACKAGES+=(chromium chromium-driver fonts-wqy-zenhei)  # a CJK font: Chinese citations in screenshots
# Node and npm may come from another source (NodeSource, nvm …): add Debian's only when missing,
# so the two never conflict.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  SUDO=""
  [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
