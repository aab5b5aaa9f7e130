// What the stand-in serves as a CDN and a player would: the HLS preview (types, ranges, CORS),
// placeholder images, the player page and short links; plus CORS on the API and the 404 envelope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());

const FOREIGN = { origin: 'https://shop.example' };

describe('GET /media/preview/* (the HLS stream)', () => {
  test('the playlist: HLS content type, CORS open, a VOD of fMP4 segments (never .ts)', async () => {
    const res = await h.call('/media/preview/index.m3u8', { headers: FOREIGN });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.text, /^#EXTM3U/);
    assert.match(res.text, /#EXT-X-PLAYLIST-TYPE:VOD/);
    assert.match(res.text, /#EXT-X-MAP:URI="init\.mp4"/);
    assert.match(res.text, /#EXT-X-ENDLIST/);
    const segments = res.text.split('\n').filter((line) => line && !line.startsWith('#'));
    assert.ok(segments.length >= 3);
    assert.ok(segments.every((s) => s.endsWith('.m4s')));
    const duration = [...res.text.matchAll(/#EXTINF:([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    assert.ok(duration >= 5.9 && duration <= 6.1, `${duration} s`);
  });

  test('init.mp4 is video/mp4 and segments video/iso.segment, all CORS-open, small enough to commit', async () => {
    const playlist = (await h.call('/media/preview/index.m3u8')).text;
    const init = await fetch(`${h.standin.origin}/media/preview/init.mp4`, { headers: FOREIGN });
    assert.equal(init.headers.get('content-type'), 'video/mp4');
    assert.equal(init.headers.get('access-control-allow-origin'), '*');
    const initBytes = new Uint8Array(await init.arrayBuffer());
    assert.equal(Buffer.from(initBytes.subarray(4, 8)).toString('latin1'), 'ftyp');
    let total = initBytes.length;
    for (const name of playlist.split('\n').filter((l) => l.endsWith('.m4s'))) {
      const seg = await fetch(`${h.standin.origin}/media/preview/${name}`, { headers: FOREIGN });
      assert.equal(seg.status, 200);
      assert.equal(seg.headers.get('content-type'), 'video/iso.segment');
      assert.equal(seg.headers.get('access-control-allow-origin'), '*');
      total += (await seg.arrayBuffer()).byteLength;
    }
    assert.ok(total > 10_000 && total < 150_000, `${total} bytes`);
  });

  test('byte ranges: 206 with Content-Range (exposed to scripts); out of range 416', async () => {
    const res = await fetch(`${h.standin.origin}/media/preview/init.mp4`, { headers: { ...FOREIGN, range: 'bytes=0-99' } });
    assert.equal(res.status, 206);
    assert.equal(res.headers.get('content-length'), '100');
    assert.match(res.headers.get('content-range') ?? '', /^bytes 0-99\/\d+$/);
    assert.equal(res.headers.get('accept-ranges'), 'bytes');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Content-Range/);
    assert.equal((await res.arrayBuffer()).byteLength, 100);
    const size = Number(res.headers.get('content-range')!.split('/')[1]);
    const tail = await fetch(`${h.standin.origin}/media/preview/init.mp4`, { headers: { range: 'bytes=-10' } });
    assert.equal(tail.headers.get('content-range'), `bytes ${size - 10}-${size - 1}/${size}`);
    const beyond = await fetch(`${h.standin.origin}/media/preview/init.mp4`, { headers: { range: `bytes=${size}-` } });
    assert.equal(beyond.status, 416);
    await beyond.arrayBuffer();
  });

  test('a preflight for a Range request from another origin is allowed', async () => {
    const res = await fetch(`${h.standin.origin}/media/preview/segment000.m4s`, {
      method: 'OPTIONS',
      headers: { ...FOREIGN, 'access-control-request-method': 'GET', 'access-control-request-headers': 'range' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.match(res.headers.get('access-control-allow-headers') ?? '', /Range/i);
  });

  test('HEAD works; unknown files, other types and escapes from the folder are 404', async () => {
    const head = await fetch(`${h.standin.origin}/media/preview/index.m3u8`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    for (const path of ['/media/preview/nope.m4s', '/media/preview/make-stream.sh', '/media/preview/..%2F..%2F..%2Fpackage.json', '/media/preview/%2e%2e/make-stream.sh']) {
      const res = await h.call(path);
      assert.equal(res.status, 404, path);
    }
  });
});

describe('GET /media/img/{name}.svg', () => {
  test('a deterministic SVG with a colour from the name and the name as label, CORS-open', async () => {
    const a = await h.call('/media/img/broadcast-1.svg', { headers: FOREIGN });
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.equal(a.headers.get('access-control-allow-origin'), '*');
    assert.match(a.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="640" height="360"/);
    assert.match(a.text, />broadcast 1<\/text>/);
    assert.equal((await h.call('/media/img/broadcast-1.svg')).text, a.text);
    const b = await h.call('/media/img/broadcast-2.svg');
    const hue = (svg: string) => svg.match(/hsl\((\d+)/)![1];
    assert.notEqual(hue(a.text), hue(b.text));
    const square = await h.call('/media/img/product-3.svg');
    assert.match(square.text, /width="400" height="400"/);
  });

  test('names are escaped into the SVG; non-svg names are 404', async () => {
    const res = await h.call(`/media/img/${encodeURIComponent('a<b>&"c')}.svg`);
    assert.ok(!res.text.includes('<b>'));
    assert.match(res.text, /a&lt;b&gt;&amp;&quot;c/);
    assert.equal((await h.call('/media/img/broadcast-1.png')).status, 404);
  });
});

describe('player page and short links', () => {
  test('outputPath is a page naming the broadcast (escaped) and saying whether a token came along', async () => {
    const items = (await h.call('/V1/front/broadcast?partnerId=mobidoo&searchType=2&returnLimit=100')).json.response.items as any[];
    const marked = items.find((b) => b.broadcastName.includes('<b>'));
    const page = await fetch(marked.outputPath);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.ok(html.includes('&lt;b&gt;최대 70%&lt;/b&gt;'));
    assert.ok(!html.includes('<b>최대'));
    assert.match(html, /data-token="no"/);
    const withToken = await (await fetch(`${marked.outputPath}?accessToken=abc`)).text();
    assert.match(withToken, /data-token="yes"/);
    assert.equal((await h.call('/player/broadcast/lkmobidoo-nope')).status, 404);
  });

  test('shortUrl redirects (302) to the player page', async () => {
    const item = (await h.call('/V1/front/broadcast?partnerId=mobidoo&returnLimit=1')).json.response.items[0];
    assert.match(item.shortUrl, new RegExp(`^${h.standin.origin}/s/[1-9A-Za-z]{7}$`));
    const res = await fetch(item.shortUrl, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), item.outputPath);
    assert.equal((await h.call('/s/zzzzzzz')).status, 404);
  });
});

describe('CORS on the API, and unknown routes', () => {
  test('a GET from another origin is allowed (Access-Control-Allow-Origin *)', async () => {
    const res = await h.call('/V1/front/broadcast?partnerId=mobidoo', { headers: FOREIGN });
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const refused = await h.call('/V1/front/broadcast?partnerId=mobidoo&returnLimit=0', { headers: FOREIGN });
    assert.equal(refused.headers.get('access-control-allow-origin'), '*', 'errors carry CORS too, so the browser can read them');
  });

  test('preflight for JSON bodies and X-SauceFlex-Authorize is answered 204 and never counted', async () => {
    for (const [path, method] of [
      ['/V1/front/product/payments', 'POST'],
      ['/V1/front/product/payment', 'PATCH'],
      ['/V1/front/product/mobidoo-x', 'GET'],
      ['/shop/coupons/issue', 'POST'],
    ]) {
      const res = await fetch(`${h.standin.origin}${path}`, {
        method: 'OPTIONS',
        headers: { ...FOREIGN, 'access-control-request-method': method!, 'access-control-request-headers': 'content-type,x-sauceflex-authorize' },
      });
      assert.equal(res.status, 204, path);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.match(res.headers.get('access-control-allow-methods') ?? '', new RegExp(method!));
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      assert.ok(allowed.includes('content-type') && allowed.includes('x-sauceflex-authorize'), allowed);
    }
    assert.deepEqual(h.standin.state().counts['payments.batch'], undefined);
  });

  test('an unknown route is 404 in the envelope, with CORS', async () => {
    const res = await h.call('/V1/front/nothing', { headers: FOREIGN });
    assert.equal(res.status, 404);
    assert.equal(res.json.code, 'NOT_FOUND');
    assert.equal(typeof res.json.message, 'string');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.equal((await h.call('/V1/authorize', { method: 'PUT' })).status, 404);
  });
});
