/**
 * The backend's fragment route (src/server/fragments.ts → src/ssr/): server-rendered elements for
 * the backend's partner, as HTML with Declarative Shadow DOM and the data embedded; wrong input is
 * refused with a clear problem, before any rendering.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SHOP_ORIGIN, OTHER_ORIGIN, startPair, type Pair } from './helpers.js';

describe('fragment route', () => {
  let pair: Pair;
  before(async () => {
    pair = await startPair();
  });
  after(() => pair.close());

  test('a schedule: HTML with a declarative shadow root per element and its data, for the partner of the backend', async () => {
    const res = await fetch(`${pair.base}/sauceflex/fragments/schedule?limit=3&layout=list&lang=en&time-zone=Asia/Seoul`, { headers: { origin: SHOP_ORIGIN } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP_ORIGIN);
    const html = await res.text();
    assert.match(html, /^(<!--[^>]*-->)*<sf-schedule\s+ssr /, 'starts with the element (after Lit markers)');
    assert.match(html, /partner-id="mobidoo"/);
    assert.match(html, /lang="en"/);
    assert.match(html, /time-zone="Asia\/Seoul"/);
    const roots = html.match(/<template shadowroot="open" shadowrootmode="open">/g) ?? [];
    assert.equal(roots.length, 2, `the schedule and its countdown have shadow roots (${roots.length})`);
    // The cards are drawn in the schedule's own shadow root, one list item each (no element per card).
    const cards = [...html.matchAll(/<li class="item" part="card" data-broadcast-id="([^"]+)"/g)].map((m) => m[1]!);
    const data = /<script type="application\/json" data-sf-property="initial">([^<]*)<\/script><\/sf-schedule>/.exec(html);
    assert.ok(data, 'the data is the element\'s last child');
    const initial = JSON.parse(data[1]!) as { items: { broadcastId: string; broadcastName: string }[]; now: number };
    assert.ok(initial.items.length >= 1);
    assert.ok(cards.length >= 1, 'cards drawn');
    assert.deepEqual(cards.filter((id) => !initial.items.some((item) => item.broadcastId === id)), [], 'each card is a broadcast of the data');
    assert.equal(initial.now % 60_000, 0, 'drawn against the minute');
    for (const item of initial.items) assert.ok(html.includes(item.broadcastName.replace(/&/g, '&amp;')), `${item.broadcastName} is in the HTML`);
  });

  test('a schedule fills `limit` as the element does, when the API\'s page holds a rehearsal nobody may see', async () => {
    const upcoming = (await (await fetch(`${pair.standin.apiBase}/front/broadcast/schedule?partnerId=mobidoo&returnLimit=20`)).json()) as { response: { items: { broadcastStateCode: string }[] } };
    const rehearsal = upcoming.response.items.findIndex((item) => item.broadcastStateCode === 'rehearsal');
    assert.ok(rehearsal >= 0, 'the stand-in\'s first page of upcoming broadcasts holds a rehearsal');
    // A page that ends with the rehearsal: without paging on, one card short.
    const limit = rehearsal + 1;
    const html = await (await fetch(`${pair.base}/sauceflex/fragments/schedule?limit=${limit}&layout=list`)).text();
    const cards = html.match(/<li class="item" part="card" data-broadcast-id=/g) ?? [];
    assert.equal(cards.length, limit, `${limit} cards, the rehearsal left out and the next page's first broadcast in`);
  });

  test('a card and a product list by broadcast id', async () => {
    const schedule = await (await fetch(`${pair.base}/sauceflex/fragments/schedule?limit=1`)).text();
    const id = /"broadcastId":"([^"]+)"/.exec(schedule)![1]!;
    const card = await fetch(`${pair.base}/sauceflex/fragments/broadcast-card?broadcast-id=${id}`);
    assert.equal(card.status, 200);
    assert.match(await card.text(), /data-sf-property="broadcast"/);
    const list = await fetch(`${pair.base}/sauceflex/fragments/product-list?broadcast-id=${id}&layout=carousel`);
    assert.equal(list.status, 200);
    const html = await list.text();
    assert.match(html, /data-sf-property="products"/);
    assert.match(html, /<sf-product-card\s/);
  });

  test('wrong input: unknown element 404, bad time zone and missing id 400, foreign origin 403, POST 405', async () => {
    const unknown = await fetch(`${pair.base}/sauceflex/fragments/player`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'not_found');
    const zone = await fetch(`${pair.base}/sauceflex/fragments/schedule?time-zone=Mars/Olympus`);
    assert.equal(zone.status, 400);
    assert.equal((await fetch(`${pair.base}/sauceflex/fragments/broadcast-card`)).status, 400);
    assert.equal((await fetch(`${pair.base}/sauceflex/fragments/schedule`, { headers: { origin: OTHER_ORIGIN } })).status, 403);
    assert.equal((await fetch(`${pair.base}/sauceflex/fragments/schedule`, { method: 'POST' })).status, 405);
  });
});
