#!/usr/bin/env bash
# Browser tests run in Debian's Chromium (no browser download works here). Install it when missing,
# and say so, so a fresh machine or CI needs nothing done by hand.
set -euo pipefail
CHROMIUM="${CHROME_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium with apt-get (needs root)…" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: not root and no sudo; install it yourself: apt-get install -y chromium" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null | tail -n 1)" >&2
