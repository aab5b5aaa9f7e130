/**
 * What sauceFlex serves besides its API: the preview stream (as a CDN would: CORS open, byte
 * ranges, HLS content types), placeholder thumbnails, and hls.js for its player page (player-page.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

/** demo/media/preview/, written by demo/media/make-stream.sh. */
export const PREVIEW_DIR = fileURLToPath(new URL('../media/preview/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.mp4': 'video/mp4',
  '.m4s': 'video/iso.segment',
  '.m4a': 'audio/mp4',
};

/** The headers a CDN in front of the stream sends, so hls.js can fetch segments cross-origin. */
export const MEDIA_CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'Content-Length, Content-Range, Accept-Ranges',
  'timing-allow-origin': '*',
};

/** A file of the preview stream, whole or one byte range; undefined when there is no such file. */
export async function previewFile(relative: string, rangeHeader: string | undefined): Promise<Response | undefined> {
  const type = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (!type) return undefined;
  const path = normalize(join(PREVIEW_DIR, relative));
  // No way out of the stream's folder.
  if (!path.startsWith(PREVIEW_DIR.endsWith(sep) ? PREVIEW_DIR : PREVIEW_DIR + sep)) return undefined;
  let bytes: Buffer;
  try {
    if (!(await stat(path)).isFile()) return undefined;
    bytes = await readFile(path);
  } catch {
    return undefined;
  }
  const headers: Record<string, string> = {
    ...MEDIA_CORS,
    'content-type': type,
    'accept-ranges': 'bytes',
    // The playlist is VOD: nothing changes, so a CDN would cache it.
    'cache-control': 'public, max-age=300',
  };
  const range = parseRange(rangeHeader, bytes.length);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${bytes.length}` } });
  }
  if (range) {
    const [start, end] = range;
    return new Response(new Uint8Array(bytes.subarray(start, end + 1)), {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${start}-${end}/${bytes.length}`, 'content-length': String(end - start + 1) },
    });
  }
  return new Response(new Uint8Array(bytes), { status: 200, headers: { ...headers, 'content-length': String(bytes.length) } });
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is served whole, as many CDNs do. */
function parseRange(header: string | undefined, size: number): [number, number] | 'unsatisfiable' | undefined {
  const m = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * A placeholder image: a colour picked from the name (the same name, the same colour) and the
 * name as a label. Products and shops are square, everything else 16:9.
 */
export function placeholderSvg(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.codePointAt(0)!) >>> 0;
  const hue = hash % 360;
  const square = name.startsWith('product-') || name.startsWith('shop-');
  const [w, h] = square ? [400, 400] : [640, 360];
  const label = escapeXml(name.replace(/[-_]+/g, ' '));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${label}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 70% 62%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 65% 42%)"/></linearGradient></defs>
<rect width="${w}" height="${h}" fill="url(#g)"/>
<text x="50%" y="50%" dominant-baseline="middle" text-anchor="middle" font-family="system-ui, sans-serif" font-size="${Math.round(h / 9)}" fill="#fff">${label}</text>
</svg>
`;
}

let hls: Promise<Buffer> | undefined;
/** hls.js (the light build, an ES module) from the project's own dependency, read once. */
export const HLS_FILE = (): Promise<Buffer> => (hls ??= readFile(createRequire(import.meta.url).resolve('hls.js/dist/hls.light.min.mjs')));
