/**
 * A live HLS stream over the preview's segments, for "a live stream that ends" in CI:
 * GET /media/live/index.m3u8 is a live media playlist (no #EXT-X-PLAYLIST-TYPE, no ENDLIST) whose
 * window slides forward as it is reloaded, and that closes with #EXT-X-ENDLIST after `reloads`
 * requests or `seconds` seconds, whichever comes first. The segments and init.mp4 are the preview's
 * own, served under /media/live/ as well (the playlist names them relatively).
 *
 * Query parameters (all optional): `session` (default: the whole query string) keeps each player's
 * count apart, so tests running one after another never share a stream; `reloads` (default 3) and
 * `seconds` (default none) say when the playlist closes.
 *
 * | request | window | ENDLIST |
 * |---|---|---|
 * | 1st | the first two segments | no |
 * | 2nd | all segments | no |
 * | 3rd … | the last two segments (the window slid) | no |
 * | `reloads`-th on (or after `seconds`) | as above | yes |
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PREVIEW_DIR } from './media.js';

export const LIVE_DEFAULT_RELOADS = 3;
/** At most this many sessions are remembered; the oldest go first. */
const MAX_SESSIONS = 1000;

interface Segment {
  duration: number;
  uri: string;
}

interface Session {
  requests: number;
  firstAt: number;
}

export class LiveStreams {
  private sessions = new Map<string, Session>();
  private segments: Promise<{ segments: Segment[]; map?: string; version: string }> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.sessions.clear();
  }

  /** The playlist for this request, counting it against its session. */
  async playlist(query: URLSearchParams): Promise<string> {
    const { segments, map, version } = await this.source();
    const key = query.get('session') ?? (query.toString() || 'default');
    let session = this.sessions.get(key);
    if (!session) {
      session = { requests: 0, firstAt: this.now() };
      while (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
      this.sessions.set(key, session);
    }
    session.requests++;
    const reloads = positive(query.get('reloads')) ?? LIVE_DEFAULT_RELOADS;
    const seconds = positive(query.get('seconds'));
    const ended = session.requests >= reloads || (seconds !== undefined && this.now() - session.firstAt >= seconds * 1000);
    return render(window(segments.length, session.requests), segments, { map, version, ended });
  }

  /** The preview's VOD playlist, read once: its segments, durations and init segment. */
  private source() {
    this.segments ??= readFile(join(PREVIEW_DIR, 'index.m3u8'), 'utf8').then((text) => {
      const segments: Segment[] = [];
      let duration: number | undefined;
      let map: string | undefined;
      let version = '7';
      for (const raw of text.split(/\r?\n/)) {
        const line = raw.trim();
        if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice(8));
        else if (line.startsWith('#EXT-X-MAP:')) map = /URI="([^"]+)"/.exec(line)?.[1];
        else if (line.startsWith('#EXT-X-VERSION:')) version = line.slice(15);
        else if (line && !line.startsWith('#') && duration !== undefined) {
          segments.push({ duration, uri: line });
          duration = undefined;
        }
      }
      if (segments.length === 0) throw new Error(`stand-in: no segments in ${join(PREVIEW_DIR, 'index.m3u8')}`);
      return { segments, map, version };
    });
    return this.segments;
  }
}

/** [first, last] segment indexes shown at the n-th request (1-based). */
export function window(total: number, request: number): [number, number] {
  if (total <= 2) return [0, total - 1];
  if (request <= 1) return [0, 1];
  if (request === 2) return [0, total - 1];
  return [total - 2, total - 1];
}

function render(
  [first, last]: [number, number],
  segments: Segment[],
  options: { map?: string; version: string; ended: boolean },
): string {
  const target = Math.ceil(Math.max(...segments.map((s) => s.duration)));
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${options.version}`, `#EXT-X-TARGETDURATION:${target}`, `#EXT-X-MEDIA-SEQUENCE:${first}`];
  if (options.map) lines.push(`#EXT-X-MAP:URI="${options.map}"`);
  for (let i = first; i <= last; i++) lines.push(`#EXTINF:${segments[i]!.duration.toFixed(6)},`, segments[i]!.uri);
  if (options.ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

function positive(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
