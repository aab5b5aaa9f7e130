// Path-scoped faults (only one segment, only the manifest), the notFound fault kind, and the live
// stream under /media/live/ (a sliding window that closes with #EXT-X-ENDLIST).
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness.js';
import { faultsApplied, liveStreamUrl, previewSession, setFault } from '../support/standin-control.js';
import { pathMatches } from '../../demo/standin/faults.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  process.env.SF_STANDIN_ORIGIN = h.standin.origin;
});
after(() => h.close());
beforeEach(() => h.standin.reset());

const SEGMENT = '/media/preview/segment001.m4s';
const MANIFEST = '/media/preview/index.m3u8';

/** The playlist's segment URIs and whether it is closed. */
function parse(text: string) {
  const lines = text.trim().split('\n');
  return {
    sequence: Number(lines.find((l) => l.startsWith('#EXT-X-MEDIA-SEQUENCE:'))?.slice(22)),
    segments: lines.filter((l) => l && !l.startsWith('#')),
    ended: lines.includes('#EXT-X-ENDLIST'),
    type: lines.find((l) => l.startsWith('#EXT-X-PLAYLIST-TYPE')),
  };
}

describe('path-scoped faults', () => {
  test('a fault with a path hits only that path of the route; the other files answer', async () => {
    h.standin.setFault({ route: 'media', kind: 'error500', path: SEGMENT });
    assert.equal((await h.call(SEGMENT)).status, 500);
    assert.equal((await h.call('/media/preview/segment000.m4s')).status, 200);
    assert.equal((await h.call(MANIFEST)).status, 200);
    assert.equal((await h.call(`${SEGMENT}?any=query`)).status, 500, 'the query does not matter');
  });

  test('only the manifest; a trailing * matches a prefix; a path under another route does not match', async () => {
    h.standin.setFault({ route: 'media', kind: 'reset', path: MANIFEST, times: 1 });
    await assert.rejects(fetch(`${h.standin.origin}${MANIFEST}`));
    assert.equal((await h.call(MANIFEST)).status, 200, 'times counted only matching requests');
    h.standin.setFault({ route: '*', kind: 'error500', path: '/media/live/*' });
    assert.equal((await h.call('/media/live/segment000.m4s')).status, 500);
    assert.equal((await h.call(SEGMENT)).status, 200);
    assert.equal((await h.call('/V1/front/broadcast?partnerId=mobidoo')).status, 200);
  });

  test('faults on one route with different paths live side by side; the same route and path replaces', async () => {
    const set = (await setFault({ route: 'media', kind: 'error500', path: SEGMENT })) as { faults: unknown[] };
    assert.deepEqual(set.faults, [{ route: 'media', kind: 'error500', path: SEGMENT }]);
    await setFault({ route: 'media', kind: 'notFound', path: MANIFEST });
    const replaced = (await setFault({ route: 'media', kind: 'html502', path: SEGMENT })) as { faults: unknown[] };
    assert.deepEqual(replaced.faults, [
      { route: 'media', kind: 'notFound', path: MANIFEST },
      { route: 'media', kind: 'html502', path: SEGMENT },
    ]);
    assert.equal((await h.call(SEGMENT)).status, 502);
    assert.equal((await h.call(MANIFEST)).status, 404);
  });

  test('a bad path is refused with a 400', async () => {
    for (const path of ['no-slash', '/with?query', '/with#hash', 5, '/a b']) {
      const res = await h.call('/__control/faults', { method: 'POST', body: { route: 'media', kind: 'error500', path } });
      assert.equal(res.status, 400, String(path));
      assert.match(res.json.error, /path/);
    }
  });

  test('pathMatches: exact, or a prefix with *', () => {
    assert.ok(pathMatches('/a/b', '/a/b'));
    assert.ok(!pathMatches('/a/b', '/a/bc'));
    assert.ok(pathMatches('/a/*', '/a/bc'));
    assert.ok(!pathMatches('/a/*', '/b/a/'));
  });
});

describe('fault bookkeeping for the hostile suite', () => {
  test('GET /__control/faults lists the faults and counts the requests they were applied to, until a reset', async () => {
    await setFault({ route: 'broadcast.latest', kind: 'error500', times: 2 });
    assert.deepEqual(await faultsApplied(), { faults: [{ route: 'broadcast.latest', kind: 'error500', times: 2 }], applied: 0 });
    await h.call('/V1/front/broadcast?partnerId=mobidoo');
    await h.call('/V1/front/broadcast?partnerId=mobidoo');
    await h.call('/V1/front/broadcast?partnerId=mobidoo');
    assert.deepEqual(await faultsApplied(), { faults: [], applied: 2 });
    h.standin.clearFaults();
    assert.equal((await faultsApplied()).applied, 2, 'clearing the faults keeps the count');
    h.standin.reset();
    assert.equal((await faultsApplied()).applied, 0);
  });
});

describe('GET /media/session/<name>/*', () => {
  test('the preview stream under a path of its own, with segment URLs no other player shares; path faults hit one session only', async () => {
    const a = previewSession('a');
    const b = previewSession('b');
    const playlist = await h.call(new URL(a.src).pathname);
    assert.equal(playlist.status, 200);
    assert.match(playlist.text, /segment000\.m4s/);
    const same = await fetch(`${h.standin.origin}${a.path('segment001.m4s')}`);
    const preview = await fetch(`${h.standin.origin}${SEGMENT}`);
    assert.deepEqual(new Uint8Array(await same.arrayBuffer()), new Uint8Array(await preview.arrayBuffer()));
    h.standin.setFault({ route: 'media', kind: 'notFound', path: a.path('segment001.m4s') });
    assert.equal((await h.call(a.path('segment001.m4s'))).status, 404);
    assert.equal((await h.call(b.path('segment001.m4s'))).status, 200);
    assert.equal((await h.call('/media/session/a/../../preview/x.txt')).status, 404);
    assert.equal((await h.call('/media/session/a/nothing.m4s')).status, 404);
  });
});

describe('the notFound fault', () => {
  test('media: 404 with an empty body, CORS open; API: 404 with a JSON body', async () => {
    h.standin.setFault({ route: 'media', kind: 'notFound', path: SEGMENT, times: 1 });
    const media = await fetch(`${h.standin.origin}${SEGMENT}`, { headers: { origin: 'http://shop.test' } });
    assert.equal(media.status, 404);
    assert.equal(media.headers.get('access-control-allow-origin'), '*');
    assert.equal(await media.text(), '');
    assert.equal((await h.call(SEGMENT)).status, 200);
    h.standin.setFault({ route: 'broadcast.latest', kind: 'notFound' });
    const api = await h.call('/V1/front/broadcast?partnerId=mobidoo');
    assert.equal(api.status, 404);
    assert.equal(api.json.code, 'NOT_FOUND');
  });
});

describe('GET /media/live/index.m3u8', () => {
  test('a live playlist whose window slides with each reload and closes after `reloads` requests', async () => {
    const url = new URL(liveStreamUrl({ reloads: 4 }));
    const path = `${url.pathname}${url.search}`;
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await h.call(path));
    assert.match(answers[0]!.headers.get('content-type') ?? '', /mpegurl/);
    assert.equal(answers[0]!.headers.get('cache-control'), 'no-store');
    assert.equal(answers[0]!.headers.get('access-control-allow-origin'), '*');
    const lists = answers.map((a) => parse(a.text));
    assert.equal(lists[0]!.type, undefined, 'no PLAYLIST-TYPE: live');
    assert.deepEqual(lists.map((l) => l.segments), [
      ['segment000.m4s', 'segment001.m4s'],
      ['segment000.m4s', 'segment001.m4s', 'segment002.m4s'],
      ['segment001.m4s', 'segment002.m4s'],
      ['segment001.m4s', 'segment002.m4s'],
      ['segment001.m4s', 'segment002.m4s'],
    ]);
    assert.deepEqual(lists.map((l) => l.sequence), [0, 0, 1, 1, 1]);
    assert.deepEqual(lists.map((l) => l.ended), [false, false, false, true, true]);
  });

  test('sessions are counted apart; `seconds` closes it on the stand-in clock; a reset starts them over', async () => {
    const a = '/media/live/index.m3u8?session=a&reloads=10&seconds=30';
    const b = '/media/live/index.m3u8?session=b&reloads=10';
    assert.equal(parse((await h.call(a)).text).ended, false);
    assert.equal(parse((await h.call(a)).text).segments.length, 3);
    assert.equal(parse((await h.call(b)).text).segments.length, 2, 'b has its own count');
    h.clock.now += 31_000;
    assert.equal(parse((await h.call(a)).text).ended, true);
    assert.equal(parse((await h.call(b)).text).ended, false);
    h.standin.reset();
    assert.equal(parse((await h.call(a)).text).segments.length, 2);
  });

  test('init and segments are served under /media/live/ as under /media/preview/; counted as media and faultable', async () => {
    for (const file of ['init.mp4', 'segment000.m4s']) {
      const live = await fetch(`${h.standin.origin}/media/live/${file}`);
      const preview = await fetch(`${h.standin.origin}/media/preview/${file}`);
      assert.equal(live.status, 200);
      assert.deepEqual(new Uint8Array(await live.arrayBuffer()), new Uint8Array(await preview.arrayBuffer()));
    }
    assert.equal((await h.call('/media/live/other.m3u8')).status, 404);
    assert.equal((await h.call('/media/live/../preview/index.m3u8')).status, 200, 'fetch normalises ..; still a preview file');
    assert.ok((h.standin.state().counts.media ?? 0) >= 4);
    h.standin.setFault({ route: 'media', kind: 'error500', path: '/media/live/index.m3u8' });
    assert.equal((await h.call('/media/live/index.m3u8?session=x')).status, 500);
  });
});
