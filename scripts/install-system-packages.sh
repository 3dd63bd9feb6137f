#!/usr/bin/env bash
# System packages the tests need (Debian): Chromium for Playwright, poppler and qpdf to check
# PDFs, NSS tools for pdfsig's trust store, SoftHSM2 and OpenSC for token tests, the sqlite3
# shell for benchmarks, fonts. Needs root (or sudo).
set -euo pipefail
packages=(chromium poppler-utils qpdf sqlite3 fonts-liberation fonts-dejavu-core libnss3-tools softhsm2 opensc postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "system packages: installing ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
