#!/usr/bin/env bash
# Builds the Debian package in BUILD (cpack -G DEB), installs it, and runs the gate with the
# installed binary: `check` of the shipped rulesets and `diff --git` of a real change in a
# scratch repository. As root (CI) it installs with apt-get, which also proves that the
# package's Depends are Debian's runtime libraries; otherwise it unpacks the package into a
# scratch folder and runs the binary from there.
#
#   bash scripts/test-package.sh build
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:?usage: test-package.sh BUILD_DIR}
root=$PWD
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$build"/wegwijzer_*_*.deb | head -n1)
echo "package: $deb ($(du -k "$deb" | cut -f1) KiB), Depends: $(dpkg-deb -f "$deb" Depends)"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$(realpath "$deb")" >/dev/null
  ww=/usr/bin/wegwijzer
else
  dpkg-deb -x "$deb" "$scratch/root"
  ww="$scratch/root/usr/bin/wegwijzer"
fi
"$ww" --version
# The gate on the shipped rulesets.
"$ww" check rulesets/ >/dev/null
# diff --git of a real change, from the repository's root.
repo="$scratch/repo"
mkdir -p "$repo/rulesets"
# huisarts.ww and the modules it extends.
cp $(grep -l "^module " rulesets/*.ww) rulesets/huisarts.ww "$repo/rulesets/"
cd "$repo"
git init -q -b main
git -c user.name=a -c user.email=a@example.invalid add rulesets
git -c user.name=a -c user.email=a@example.invalid commit -q -m rules
sed -i 's/outcome kind_en_ouders "Het kind (12/outcome kind_en_ouders "Zowel het kind (12/' rulesets/huisarts.ww
status=0
"$ww" diff --git HEAD --detailed-exitcode rulesets/ >"$scratch/diff.txt" || status=$?
if [ "$status" != 4 ] || ! grep -q '(reworded)' "$scratch/diff.txt"; then
  echo "test-package.sh: diff --git with the installed binary: exit $status" >&2
  cat "$scratch/diff.txt" >&2
  exit 1
fi
cd "$root"
echo "test-package.sh: the installed binary checks and compares: ok"
