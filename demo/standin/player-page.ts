/**
 * The stand-in for sauceFlex's player page (`outputPath`, `/player/broadcast/{id}`): it plays the
 * broadcast's stream and has a button for every bridge event sauceFlex documents, each sending the
 * documented payload through the transport `src/player/bridge.ts` assumes (postMessage to the parent),
 * so `<sf-live-player>` is tested end to end. Its messages are built here with the adapter's own
 * `bridgeMessage()`: both sides agree by construction, and only the transport is an assumption.
 *
 * Test hook (the stand-in only): the parent may post `{ standin: 'press', button: '<data-press>' }`
 * (with `status: '<code>'` for the status button) and the page presses that button itself, as a shopper would (the iframe is cross-origin, so a test
 * cannot reach into it). The "hostile" button (pressed on load in hostile mode) posts every message of
 * `HOSTILE_MESSAGES`, then a well-formed product message from a nested frame of another origin (a
 * `data:` URL: origin "null"): the element must ignore all of them.
 *
 * No node import here: browser tests import `HOSTILE_MESSAGES` and `STANDIN_PLAYER_BUTTONS`.
 */
import type { Broadcast } from '../../src/api/models.js';
import { bridgeMessage } from '../../src/player/bridge.js';

/** Malformed messages the hostile button posts from the player's own frame and origin (each must be ignored). */
export const HOSTILE_MESSAGES: readonly unknown[] = [
  null,
  42,
  'not json {',
  '[1,2,3]',
  JSON.stringify({ event: 'sauceflexMoveProduct', payload: 'linkUrl' }),
  { event: 'sauceflexReward' },
  { event: '__proto__', payload: {} },
  { event: 'constructor' },
  { event: 12 },
  { type: 'sauceflexMoveProduct', data: { linkUrl: 'https://shop.example/p/1' } },
  { event: 'sauceflexMoveProduct', payload: { linkUrl: 42, isSoldout: false } },
  { event: 'sauceflexMoveProduct', payload: { linkUrl: 'https://shop.example/p/1', isSoldout: 'no' } },
  { event: 'sauceflexMoveProduct', payload: { linkUrl: 'javascript:alert(1)', externalProductId: 'X', isSoldout: false } },
  { event: 'sauceflexOnShare', payload: { shortUrl: 'https://s.example/x' } },
  { event: 'sauceflexSendPlayTime', payload: { position: 'NaN' } },
  { event: 'sauceflexSendPlayTime', payload: { position: -1 } },
  { event: 'sauceflexBroadcastStatus', payload: { broadcastStateCode: { toString: null } } },
  { event: 'sauceflexMoveBanner', payload: [] },
  'x'.repeat(20_000),
];

/** The buttons a test can press (`data-press`), each emitting one documented event. */
export const STANDIN_PLAYER_BUTTONS = ['enter', 'status', 'banner', 'exit', 'login', 'product-0', 'product-1', 'share', 'pip', 'time', 'hostile'] as const;

/** The banner's link on the player's own site; none when the player's URL is not one (hostile data). */
function bannerLink(playerUrl: string): string {
  try {
    return new URL('/banner/spring', playerUrl).href;
  } catch {
    return '';
  }
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
const attr = (value: unknown) => escapeHtml(JSON.stringify(value));

export interface PlayerPageOptions {
  /** Whether a viewer token came along (`accessToken`). */
  tokenPassed: boolean;
  /** Send the hostile messages on load (the stand-in's hostile fixture mode). */
  hostile: boolean;
  /** Where the page loads hls.js from when the browser has no native HLS. */
  hlsUrl: string;
  /** The product's own page and sold-out flag, as sauceFlex knows them (the broadcast's list does not carry them). */
  productOf: (productId: string) => { redirectUrl?: string; isSoldout?: 0 | 1 } | undefined;
}

/** The page's HTML. Every field of the broadcast is text (in hostile mode it may be of any type). */
export function playerPage(broadcast: Broadcast, options: PlayerPageOptions): string {
  const name = escapeHtml(String(broadcast.broadcastName));
  const id = String(broadcast.broadcastId);
  const code = String(broadcast.broadcastStateCode);
  // http(s), or a path on the page's own origin (Storybook serves the page and the stream side by side).
  const stream = typeof broadcast.previewUrl === 'string' && /^(https?:\/\/|\/(?![/\\]))/i.test(broadcast.previewUrl) ? broadcast.previewUrl : '';
  const products = Array.isArray(broadcast.productListDetail) ? broadcast.productListDetail.slice(0, 2) : [];
  const linkUrl = typeof broadcast.outputPath === 'string' ? broadcast.outputPath : '';
  const shortUrl = typeof broadcast.shortUrl === 'string' ? broadcast.shortUrl : null;
  const button = (press: string, label: string, message: unknown) =>
    `<button type="button" data-press="${press}" data-message="${attr(message)}">${escapeHtml(label)}</button>`;
  const productButtons = products.map((product, i) => {
    const known = options.productOf(String(product.productId));
    const link = known?.redirectUrl ?? product.redirectUrl;
    return button(
      `product-${i}`,
      `상품: ${String(product.productName)}`,
      bridgeMessage('sauceflexMoveProduct', {
        linkUrl: typeof link === 'string' ? link : '',
        broadcastIdx: id,
        // The player sends the price as it has it: the guide's strings or numbers.
        price: product.sellingPrice ?? product.price,
        externalProductId: product.externalProductId ?? null,
        isSoldout: (known?.isSoldout ?? product.isSoldout) === 1,
      }),
    );
  });
  const foreign = `<!doctype html><script>top.postMessage(${JSON.stringify(
    bridgeMessage('sauceflexMoveProduct', { linkUrl: 'https://foreign.example/p/1', broadcastIdx: id, price: 1, externalProductId: 'FOREIGN', isSoldout: false }),
  )}, '*')</script>`;
  return `<!doctype html>
<html lang="ko">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${name} · sauceFlex player (stand-in)</title>
<style>
body{font:14px system-ui,sans-serif;margin:0;background:#111;color:#fff;display:flex;flex-direction:column;min-height:100vh}
video{width:100%;flex:1;min-height:0;background:#000;object-fit:contain}
header,.controls{padding:.5rem}
h1{font-size:1rem;margin:.25rem 0}
.controls{display:flex;flex-wrap:wrap;gap:.25rem}
button,select{font:inherit;padding:.35rem .5rem;border-radius:.25rem;border:1px solid #555;background:#222;color:#fff}
.token{padding:.1rem .4rem;border-radius:.25rem;background:#333}
</style></head>
<body>
<header>
<p>sauceFlex player (local stand-in)</p>
<h1>${name}</h1>
<p>상태: <strong data-state="${escapeHtml(code)}">${escapeHtml(code)}</strong>
<span class="token" data-token="${options.tokenPassed ? 'yes' : 'no'}">${options.tokenPassed ? '시청자 토큰: 전달됨' : '시청자 토큰: 없음 (비회원)'}</span></p>
</header>
${stream ? `<video data-src="${escapeHtml(stream)}" muted playsinline autoplay></video>` : '<p>미리보기 스트림이 없습니다.</p>'}
<div class="controls">
${button('enter', '입장', bridgeMessage('sauceflexEnter'))}
<select aria-label="방송 상태" data-status>${['onair', 'standby', 'ready', 'warning', 'converting', 'vod', 'cancel'].map((c) => `<option${c === code ? ' selected' : ''}>${c}</option>`).join('')}</select>
<button type="button" data-press="status">상태 보내기</button>
${button('banner', '배너', bridgeMessage('sauceflexMoveBanner', { linkUrl: bannerLink(linkUrl), broadcastIdx: id, bannerId: 'BN-1' }))}
${productButtons.join('\n')}
${button('login', '로그인', bridgeMessage('sauceflexMoveLogin'))}
${button('share', '공유', bridgeMessage('sauceflexOnShare', { linkUrl, shortUrl }))}
${button('pip', 'PiP', bridgeMessage('sauceflexPictureInPicture'))}
<button type="button" data-press="time">재생 위치 보내기</button>
${button('exit', '나가기', bridgeMessage('sauceflexMoveExit'))}
<button type="button" data-press="hostile" data-hostile="${attr(HOSTILE_MESSAGES)}" data-foreign="${escapeHtml(`data:text/html,${encodeURIComponent(foreign)}`)}">이상한 메시지</button>
</div>
<script type="module">
const post = (message) => window.parent.postMessage(message, '*');
const video = document.querySelector('video');
for (const el of document.querySelectorAll('[data-message]')) el.addEventListener('click', () => post(JSON.parse(el.dataset.message)));
document.querySelector('[data-press="status"]').addEventListener('click', () =>
  post(${JSON.stringify(bridgeMessage('sauceflexBroadcastStatus', { broadcastStateCode: '__CODE__' }))
    .replace('"__CODE__"', 'document.querySelector("[data-status]").value')}));
const sendTime = () => post(${JSON.stringify(bridgeMessage('sauceflexSendPlayTime', { position: 0 })).replace('"position":0', '"position":video ? video.currentTime : 0')});
document.querySelector('[data-press="time"]').addEventListener('click', sendTime);
const hostile = document.querySelector('[data-press="hostile"]');
hostile.addEventListener('click', () => {
  for (const message of JSON.parse(hostile.dataset.hostile)) post(message);
  const frame = document.createElement('iframe');
  frame.hidden = true;
  frame.src = hostile.dataset.foreign;
  document.body.append(frame);
});
// The test hook: the parent presses a button (only the stand-in has this).
window.addEventListener('message', (event) => {
  if (event.source !== window.parent || !event.data || event.data.standin !== 'press') return;
  if (typeof event.data.status === 'string') document.querySelector('[data-status]').value = event.data.status;
  document.querySelector('[data-press="' + CSS.escape(String(event.data.button)) + '"]')?.click();
});
// "Continuously while playing": at most once a second.
let lastSent = -1;
video?.addEventListener('timeupdate', () => {
  if (Math.abs(video.currentTime - lastSent) < 1) return;
  lastSent = video.currentTime;
  sendTime();
});
if (video) {
  const src = video.dataset.src;
  if (video.canPlayType('application/vnd.apple.mpegurl')) video.src = src;
  else import(${JSON.stringify(options.hlsUrl)}).then(({ default: Hls }) => { if (Hls.isSupported()) { const hls = new Hls(); hls.loadSource(src); hls.attachMedia(video); } }).catch(() => {});
  video.play?.().catch(() => {});
}
post(JSON.parse(document.querySelector('[data-press="enter"]').dataset.message));
${options.hostile ? 'hostile.click();' : ''}
</script>
</body>
</html>
`;
}
