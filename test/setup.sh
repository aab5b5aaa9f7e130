#!/usr/bin/env bash
# Everything the tests launch besides Node: Debian's browsers (no browser download works here), the
# X server and media plugins WebKitGTK needs, CJK fonts for Korean screenshots, ffmpeg for test streams,
# PostgreSQL and Redis for the multi-instance backend tests (started per test run, never as system services).
# `npm test` runs this first, before type-check and node tests (several node tests start Chromium).
# It installs only what is missing, says what it installs, and fails with a clear message when it cannot.
set -euo pipefail

# package → a file it provides (checked instead of dpkg, so a browser installed another way also counts)
declare -A NEEDS=(
  [chromium]=/usr/bin/chromium
  [firefox-esr]=/usr/bin/firefox-esr
  [webkit2gtk-driver]=/usr/bin/WebKitWebDriver
  [xvfb]=/usr/bin/Xvfb
  [xauth]=/usr/bin/xauth
  [gstreamer1.0-plugins-base]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstplayback.so
  [gstreamer1.0-plugins-good]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstisomp4.so
  [gstreamer1.0-plugins-bad]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstvideoparsersbad.so
  [gstreamer1.0-libav]=/usr/lib/x86_64-linux-gnu/gstreamer-1.0/libgstlibav.so
  [fonts-noto-cjk]=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  [ffmpeg]=/usr/bin/ffmpeg
  [postgresql-15]=/usr/lib/postgresql/15/bin/initdb
  [redis-server]=/usr/bin/redis-server
)

missing=()
for pkg in "${!NEEDS[@]}"; do
  [ -e "${NEEDS[$pkg]}" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

IFS=$'\n' missing=($(sort <<<"${missing[*]}")); unset IFS
echo "test setup: installing Debian packages the tests need: ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test setup: no apt-get on this machine; install these yourself: ${missing[*]}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "test setup: not root and no password-less sudo; run as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
started=$SECONDS
$SUDO apt-get update -qq
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/sf-test-setup.log 2>&1; then
  tail -n 30 /tmp/sf-test-setup.log >&2
  echo "test setup: apt-get install failed (full log: /tmp/sf-test-setup.log)" >&2
  exit 1
fi
for pkg in "${missing[@]}"; do
  if [ ! -e "${NEEDS[$pkg]}" ]; then
    echo "test setup: $pkg installed but ${NEEDS[$pkg]} is still missing" >&2
    exit 1
  fi
done
echo "test setup: installed ${#missing[@]} packages in $((SECONDS - started)) s" >&2
