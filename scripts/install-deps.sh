#!/usr/bin/env bash
# Installs what wegwijzer needs on Debian 12 (bookworm), from Debian's packages only.
# The one list of dependencies: README.md, .ci/run and docs/ci.md use this script.
#
#   bash scripts/install-deps.sh            everything: build, test suite (with npm for the browser
#                                           test, runtime/js and the VS Code extension), CI's clang build
#   bash scripts/install-deps.sh --build    only what builds the binary and its Debian package
#   bash scripts/install-deps.sh --runtime  only what the installed binary runs with (the gate:
#                                           no compiler, no JRE, no browser, no Node.js)
set -euo pipefail

mode=${1:---all}

# The libraries the binary links, and git for `diff --git`.
runtime=(
  libz3-4
  libantlr4-runtime4.9
  libfmt9
  libboost-program-options1.74.0
  libstdc++6
  git
  ca-certificates
)
# What builds the binary (the ANTLR tool runs on a JRE; Node.js and tsc compile runtime/js,
# which the HTML page embeds) and packages it (dpkg-shlibdeps).
build=(
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
  nodejs
  node-typescript
  dpkg-dev
  file
  ca-certificates
  git
)
# The test suite and CI's second build: Python for the format checks, xmllint for the DMN
# export's schema check, Chromium for the page's browser test, clang with its sanitizer and libFuzzer runtime.
tests=(
  libxml2-utils
  python3
  python3-jsonschema
  python3-yaml
  chromium
  clang
  libclang-rt-14-dev
  llvm
)

case "$mode" in
  --all) packages=("${build[@]}" "${tests[@]}") ;;
  --build) packages=("${build[@]}") ;;
  --runtime) packages=("${runtime[@]}") ;;
  *)
    echo "install-deps.sh: unknown option $mode (use --build, --runtime or nothing)" >&2
    exit 2
    ;;
esac

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-deps.sh: run as root (or install sudo)" >&2
  exit 2
fi

# npm for the browser test, the tests of runtime/js and the VS Code extension (editors/vscode:
# its tests and its .vsix): their packages come from the npm registry as each
# package-lock.json pins them. Debian's npm, unless a Node.js with its own npm is already
# installed (some images ship one; Debian's npm package conflicts with it). Node.js itself is
# in `build`.
if [ "$mode" = --all ] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
  packages+=(nodejs npm)
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${packages[@]}" </dev/null
