/**
 * GET /sauceflex/schedule/:source with the SmartSTREAM source against the SmartSTREAM stand-in (seed
 * smartstream-live-api.txt): the mapping (encode status → broadcast state, offsets → UTC, preview →
 * thumbnail, ended and undated events left out), paging by page number behind an opaque nextKey, the
 * merchant's key sent and never answered, ingest URLs never answered or logged, every documented error
 * and each fault mapped to a clear error, hostile events made harmless, bad input refused.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startSmartStream, type SmartStreamStandin } from '../../demo/smartstream/index.js';
import type { Logger } from '../../src/server/log.js';
import { OTHER_ORIGIN, SHOP_ORIGIN, startPair, type Pair } from './helpers.js';

function recordingLogger(lines: string[]): Logger {
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${fields ? JSON.stringify(fields) : ''}`);
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

async function getSchedule(base: string, query = '', source = 'smartstream', origin = SHOP_ORIGIN) {
  const res = await fetch(`${base}/sauceflex/schedule/${source}${query ? `?${query}` : ''}`, { headers: { origin } });
  const text = await res.text();
  return { res, text, json: JSON.parse(text) as Record<string, any> };
}

describe('SmartSTREAM schedule source', () => {
  let ss: SmartStreamStandin;
  let pair: Pair;
  const lines: string[] = [];

  before(async () => {
    ss = await startSmartStream();
    pair = await startPair({
      config: { smartstream: { apiBase: ss.apiBase, merchantId: ss.merchantId, apiKey: ss.apiKey }, upstreamTimeoutMs: 400 },
      hooks: { log: recordingLogger(lines) },
    });
  });
  afterEach(() => ss.reset());
  after(async () => {
    await pair.close();
    await ss.close();
  });

  test('live events arrive as broadcasts: states, UTC times, thumbnails; ended and undated ones left out', async () => {
    const events = ss.events();
    const { res, json, text } = await getSchedule(pair.base, 'limit=20');
    assert.equal(res.status, 200, text);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    const byId = new Map<string, any>(json.items.map((b: any) => [b.broadcastId, b]));
    for (const event of events) {
      const broadcast = byId.get(`smartstream-${event.id}`);
      const expected = ({ encode_status_running: 'onair', encode_status_pending: 'ready', encode_status_canceled: 'cancel' } as Record<string, string>)[event.encode_status];
      if (event.encode_status === 'encode_status_stopped' || event.live_encode_start_at === null) {
        assert.equal(broadcast, undefined, `${event.name} is not shown`);
        continue;
      }
      assert.ok(broadcast, `${event.name} is shown`);
      assert.equal(broadcast.broadcastStateCode, expected, event.name);
      assert.equal(broadcast.broadcastName, event.name);
      assert.equal(broadcast.broadcastTypeCode, 'live');
      // The seed's +09:00 instants, as the same instants in UTC.
      assert.match(broadcast.programmingStartDt, /Z$/);
      assert.equal(Date.parse(broadcast.programmingStartDt), Date.parse(event.live_encode_start_at));
      assert.equal(Date.parse(broadcast.programmingEndDt), Date.parse(event.live_encode_end_at!));
      assert.deepEqual(broadcast.broadcastThumbnailList, [{ thumbnailUrl: event.preview!.src, isRepresentative: true }]);
      if (event.description) assert.equal(broadcast.explanation, event.description);
    }
    assert.equal(json.items.length, 6, 'six of eight events are shown');
    // Soonest first.
    const starts = json.items.map((b: any) => Date.parse(b.programmingStartDt));
    assert.deepEqual(starts, [...starts].sort((a: number, b: number) => a - b));
    // Nothing of the platform's own reaches the browser.
    for (const event of events) assert.ok(!text.includes(event.input_sources[0]!), 'an ingest URL was answered');
    assert.doesNotMatch(text, /rtmp:|input_sources|media_id|live_event_profile_id/);
    assert.ok(!text.includes(ss.apiKey));
    // The key went to SmartSTREAM, with the documented parameters.
    const [request] = ss.requests();
    assert.equal(request?.authorized, true);
    assert.deepEqual(request?.query, { limit: '20', page: '1', sort: 'live_encode_start_at', order: 'ASC' });
  });

  test('paging: nextKey walks the pages until the last, each event once', async () => {
    const seen: string[] = [];
    let nextKey: string | null = null;
    let pages = 0;
    do {
      const { res, json, text } = await getSchedule(pair.base, `limit=3${nextKey ? `&nextKey=${nextKey}` : ''}`);
      assert.equal(res.status, 200, text);
      seen.push(...json.items.map((b: any) => b.broadcastId));
      nextKey = json.nextKey;
      pages++;
      assert.ok(pages < 10, 'paging ends');
    } while (nextKey);
    assert.equal(pages, 3, 'eight events in pages of three');
    assert.equal(new Set(seen).size, seen.length, 'no event twice');
    assert.equal(seen.length, 6);
    assert.deepEqual(ss.requests().map((r) => r.query.page), ['1', '2', '3']);
  });

  test('bad input is refused before SmartSTREAM is asked', async () => {
    const cases: [string, string, number, string][] = [
      ['smartstream', 'limit=0', 400, 'invalid_limit'],
      ['smartstream', 'limit=101', 400, 'invalid_limit'],
      ['smartstream', 'limit=ten', 400, 'invalid_limit'],
      ['smartstream', 'nextKey=%3Cscript%3E', 400, 'invalid_next_key'],
      ['smartstream', 'nextKey=0', 400, 'invalid_next_key'],
      ['smartstream', 'nextKey=99999', 400, 'invalid_next_key'],
      ['youtube', '', 404, 'source_not_found'],
      ['..%2F..%2Fetc', '', 404, 'source_not_found'],
    ];
    for (const [source, query, status, code] of cases) {
      const { res, json } = await getSchedule(pair.base, query, source);
      assert.equal(res.status, status, `${source}?${query}`);
      assert.equal(json.error.code, code, `${source}?${query}`);
    }
    assert.equal(ss.requests().length, 0);
    assert.equal((await getSchedule(pair.base, '', 'smartstream', OTHER_ORIGIN)).res.status, 403, 'a foreign origin');
  });

  test('SmartSTREAM’s documented errors and each fault become a clear error, never its body or key', async () => {
    const cases: [Parameters<SmartStreamStandin['setFault']>[0], number, string][] = [
      [{ kind: 'serverError' }, 503, 'upstream_unavailable'],
      [{ kind: 'badGateway' }, 503, 'upstream_unavailable'],
      [{ kind: 'delay', delayMs: 1500 }, 503, 'upstream_unavailable'],
      [{ kind: 'unauthorized' }, 502, 'upstream_refused'],
      [{ kind: 'badRequest' }, 502, 'upstream_refused'],
      [{ kind: 'malformed' }, 502, 'upstream_bad_response'],
      [{ kind: 'wrongShape' }, 502, 'upstream_bad_response'],
    ];
    for (const [fault, status, code] of cases) {
      ss.setFault(fault);
      const { res, json, text } = await getSchedule(pair.base);
      assert.equal(res.status, status, `${fault.kind}: ${text}`);
      assert.equal(json.error.code, code, fault.kind);
      assert.match(json.error.message, /SmartSTREAM/);
      if (status === 503) assert.ok(Number(res.headers.get('retry-after')) > 0, `${fault.kind}: Retry-After`);
      assert.doesNotMatch(text, /SERVER_ERROR|UNAUTHORIZED|nginx|Bad Gateway/);
      ss.clearFaults();
    }
    // One 500 is retried (a read): the shopper sees the schedule.
    ss.setFault({ kind: 'serverError', times: 1 });
    assert.equal((await getSchedule(pair.base)).res.status, 200);
    // The log says what happened, with SmartSTREAM's code, and never the key or an ingest URL.
    const log = lines.join('\n');
    assert.match(log, /SmartSTREAM refused the live event list/);
    assert.match(log, /UNAUTHORIZED/);
    assert.ok(!log.includes(ss.apiKey), 'the key was logged');
    assert.doesNotMatch(log, /rtmp:/);
  });

  test('a wrong key configured: 502 upstream_refused (our configuration), logged without the key', async () => {
    const wrong = await startPair({
      standinInstance: pair.standin,
      config: { smartstream: { apiBase: ss.apiBase, merchantId: ss.merchantId, apiKey: 'wrong-key-0123456789' } },
      hooks: { log: recordingLogger(lines) },
    });
    try {
      const { res, json } = await getSchedule(wrong.base);
      assert.equal(res.status, 502);
      assert.equal(json.error.code, 'upstream_refused');
      assert.equal(ss.requests()[0]?.authorized, false);
      assert.ok(!lines.join('\n').includes('wrong-key-0123456789'));
    } finally {
      await wrong.close();
    }
  });

  test('hostile events: unusable ones left out, URLs other than http(s) dropped, text kept as text', async () => {
    ss.setFault({ kind: 'hostile' });
    const { res, json, text } = await getSchedule(pair.base, 'limit=20');
    assert.equal(res.status, 200, text);
    const ids = json.items.map((b: any) => b.broadcastId).sort();
    assert.deepEqual(ids, ['smartstream-hostile1', 'smartstream-hostile2'], 'bad id, bad date, wrong types and non-objects are left out');
    for (const b of json.items) {
      assert.equal(typeof b.broadcastName, 'string');
      assert.ok([...b.broadcastName].length <= 200, 'long names are cut');
      assert.equal(b.broadcastThumbnailList, undefined, 'javascript: and data: previews are dropped');
    }
    assert.doesNotMatch(text, /javascript:|data:text/);
    assert.equal(json.items.find((b: any) => b.broadcastId === 'smartstream-hostile1').broadcastName, '<img src=x onerror="window.__sfTrap && window.__sfTrap()">');
  });

  test('without SmartSTREAM configured there is no such source', async () => {
    const bare = await startPair({ standinInstance: pair.standin });
    try {
      const { res, json } = await getSchedule(bare.base);
      assert.equal(res.status, 404);
      assert.equal(json.error.code, 'source_not_found');
    } finally {
      await bare.close();
    }
  });
});
