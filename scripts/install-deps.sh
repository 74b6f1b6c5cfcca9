#!/usr/bin/env bash
# Installs everything needed to build and test wegwijzer on Debian 12 (bookworm).
# The one list of build dependencies: README.md and .ci/run both use this script.
set -euo pipefail

packages=(
  cmake
  g++
  make
  antlr4
  libantlr4-runtime-dev
  libz3-dev
  libfmt-dev
  libboost-program-options-dev
  doctest-dev
  nlohmann-json3-dev
  default-jre-headless
  ca-certificates
  git
  python3
  python3-jsonschema
  chromium
  clang
  libclang-rt-14-dev
  llvm
)

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps.sh: run as root (or install sudo)" >&2
  exit 2
fi

# Node.js and npm for the browser test: Debian's, unless a Node.js with its own npm is already
# installed (some images ship one; Debian's npm package conflicts with it).
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${packages[@]}" </dev/null
