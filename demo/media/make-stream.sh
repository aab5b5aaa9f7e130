#!/usr/bin/env bash
# Generates the stand-in's preview stream in demo/media/preview/: a 6-second HLS VOD of ffmpeg's
# test pattern and a 440 Hz tone, fMP4 (init.mp4 + .m4s segments; never .ts, which the test
# runner's esbuild plugin would take for TypeScript), H.264 baseline + AAC, 160x90 at 15 fps,
# ~40 kbit/s video and 32 kbit/s mono audio, 2-second segments: about 100 KB, small enough to commit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/preview"

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "make-stream: ffmpeg is missing; installing it with apt-get (about 10 s)…"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get install -y --no-install-recommends ffmpeg || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y --no-install-recommends ffmpeg; }
fi

rm -rf "$out"
mkdir -p "$out"

# A keyframe every 2 s (30 frames at 15 fps) so each 2-second segment starts with one;
# bitexact flags keep encoder version strings out, so a re-run gives the same bytes.
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc=size=160x90:rate=15" \
  -f lavfi -i "sine=frequency=440:sample_rate=44100" \
  -t 6 -map 0:v -map 1:a \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -threads 1 \
  -b:v 40k -maxrate 48k -bufsize 96k -g 30 -keyint_min 30 -sc_threshold 0 \
  -c:a aac -b:a 32k -ac 1 \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact \
  -f hls -hls_time 2 -hls_playlist_type vod -hls_segment_type fmp4 \
  -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$out/segment%03d.m4s" \
  "$out/index.m3u8"

echo "make-stream: wrote $(ls "$out" | wc -l) files, $(du -sk "$out" | cut -f1) KB in ${out#"$PWD"/}"
