// The render benchmark's page side: <sf-schedule> (the built bundle) against plain DOM code
// (document.createElement + textContent) showing the same broadcasts, actions row included, with the same CSS boxes.
// Every function returns milliseconds measured with performance.now() in the page.
import { layout, settle, until } from './common.js';

const stage = () => document.getElementById('stage');

// ---- <sf-schedule> ----------------------------------------------------------------------------

/** Element connected → every card in the DOM, rendered, and laid out. */
export async function elementFirst({ apiBase, limit, expected }) {
  stage().replaceChildren();
  await settle();
  const el = document.createElement('sf-schedule');
  el.setAttribute('partner-id', 'mobidoo');
  el.setAttribute('api-base', apiBase);
  el.setAttribute('limit', String(limit));
  el.setAttribute('layout', 'list');
  el.setAttribute('refresh-interval', '0');
  el.setAttribute('lang', 'ko');
  const t0 = performance.now();
  stage().append(el);
  const root = el.shadowRoot;
  // The schedule draws its cards in its own shadow root (no element per card): one list item each.
  const shown = () => root.querySelectorAll('li[data-broadcast-id]');
  const step = Math.min(limit, expected);
  await until(root, () => shown().length >= step || root.querySelector('[role=alert]'));
  // More than one step (`limit` caps at the API's 100): the rest is already fetched (one page of N),
  // so each "more" shows the next `limit` without a request; the presses are inside the timing.
  while (shown().length < expected && !root.querySelector('[role=alert]')) {
    const before = shown().length;
    await el.updateComplete;
    root.querySelector('[part=more]').click();
    await until(root, () => shown().length > before || root.querySelector('[role=alert]'));
  }
  await el.updateComplete;
  const cards = [...shown()];
  layout();
  const t1 = performance.now();
  if (root.querySelector('[role=alert]')) throw new Error(`sf-schedule failed: ${root.querySelector('[role=alert]').textContent}`);
  const last = cards[cards.length - 1];
  if (cards.length !== expected || !last?.querySelector('[part=title]')?.textContent) {
    throw new Error(`expected ${expected} rendered cards, got ${cards.length}`);
  }
  return t1 - t0;
}

/** refresh() with one broadcast renamed on the server → that card's title shows the new name (all cards settled, laid out). */
export async function elementUpdate({ broadcastId, name }) {
  const el = stage().querySelector('sf-schedule');
  const card = [...el.shadowRoot.querySelectorAll('li[data-broadcast-id]')].find((c) => c.dataset.broadcastId === broadcastId);
  if (!card) throw new Error(`no card for ${broadcastId}`);
  const title = () => card.querySelector('[part=title]')?.textContent;
  await settle();
  const t0 = performance.now();
  void el.refresh();
  await until(card, () => title() === name);
  await el.updateComplete;
  layout();
  const t1 = performance.now();
  if (!card.isConnected) throw new Error('the card was replaced instead of updated');
  return t1 - t0;
}

// ---- plain DOM --------------------------------------------------------------------------------

const fmtTime = new Intl.DateTimeFormat('ko-KR', { hour: 'numeric', minute: '2-digit' });
const fmtDay = new Intl.DateTimeFormat('ko-KR', { month: 'short', day: 'numeric', weekday: 'short' });
const fmtKey = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

function dayLabel(date, now) {
  const diff = Math.round((Date.parse(`${fmtKey.format(date)}T00:00:00Z`) - Date.parse(`${fmtKey.format(now)}T00:00:00Z`)) / 86_400_000);
  return diff === 0 ? '오늘' : diff === 1 ? '내일' : fmtDay.format(date);
}

const BADGES = { accepted: '방송 예정', standby: '방송 예정', ready: '방송 예정', cancel: '방송 취소' };
const representative = (list) => (list ?? []).find((t) => t.isRepresentative)?.thumbnailUrl ?? list?.[0]?.thumbnailUrl;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function texts(b, now) {
  const start = new Date(b.programmingStartDt);
  return { title: b.broadcastName, badge: BADGES[b.broadcastStateCode] ?? '방송 예정', meta: `${dayLabel(start, now)} ${fmtTime.format(start)}`, shop: b.shopName ?? '' };
}

/** One card, keeping references to the nodes an update may change. */
function card(b, now) {
  const t = texts(b, now);
  const cancelled = b.broadcastStateCode === 'cancel';
  const li = el('li');
  const box = el(cancelled ? 'div' : 'a', 'card');
  if (cancelled) box.setAttribute('aria-disabled', 'true');
  else box.href = b.outputPath;
  const thumb = el('div', 'thumb');
  const src = representative(b.thumbnailList);
  if (src) {
    const img = el('img');
    img.alt = '';
    img.loading = 'lazy';
    img.decoding = 'async';
    img.src = src;
    thumb.append(img);
  }
  const badge = el('span', `badge ${cancelled ? 'cancelled' : 'upcoming'}`, t.badge);
  thumb.append(badge);
  const body = el('div', 'body');
  const title = el('span', cancelled ? 'title cancelled-text' : 'title', t.title);
  const meta = el('span', 'meta', t.meta);
  const shop = el('span', 'shop');
  if (b.partnerProfileImageUrl) {
    const logo = el('img');
    logo.alt = '';
    logo.loading = 'lazy';
    logo.src = b.partnerProfileImageUrl;
    shop.append(logo);
  }
  const shopName = document.createTextNode(t.shop);
  shop.append(shopName);
  body.append(title, meta, shop);
  const products = b.productListDetail ?? [];
  if (products.length) {
    const ul = el('ul', 'products');
    ul.setAttribute('aria-hidden', 'true');
    for (const p of products.slice(0, 3)) {
      const item = el('li');
      const psrc = representative(p.productThumbnailUrlList);
      if (psrc) {
        const img = el('img');
        img.alt = '';
        img.loading = 'lazy';
        img.src = psrc;
        item.append(img);
      }
      ul.append(item);
    }
    if (products.length > 3) ul.append(el('li', 'more', `+${products.length - 3}`));
    body.append(ul);
  }
  box.append(thumb, body);
  // The actions row every card of the element carries (remind for upcoming, share unless cancelled,
  // the polite note): required product, so the baseline draws it too.
  const names = [];
  const actions = el('div', 'actions');
  if (!cancelled) {
    actions.append(action('remind', REMIND_ICON, '알림 받기', t.title, names), action('share', SHARE_ICON, '공유', t.title, names));
    actions.firstChild.setAttribute('aria-pressed', 'false');
  }
  const note = el('div', 'note');
  note.setAttribute('role', 'status');
  li.append(box, actions, note);
  return { li, nodes: { title, badge, meta, shop: shopName }, names, texts: t };
}

const SVG = 'http://www.w3.org/2000/svg';
const REMIND_ICON = 'M6 8a6 6 0 0 1 12 0c0 7 3 8 3 8H3s3-1 3-8M10 20a2 2 0 0 0 4 0';
const SHARE_ICON = 'M4 12v7a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-7M16 6l-4-4-4 4M12 2v13';

/** A remind or share button as the element draws it: icon, visible label, the broadcast's name for screen readers. */
function action(kind, icon, label, title, names) {
  const button = el('button', `action ${kind}`);
  button.type = 'button';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', icon);
  svg.append(path);
  const name = el('span', 'visually-hidden', `: ${title}`);
  names.push(name);
  button.append(svg, el('span', 'label', label), name);
  return button;
}

let plainState;

/** fetch → JSON → cards grouped by day → in the DOM → laid out. */
export async function plainFirst({ apiBase, limit }) {
  stage().replaceChildren();
  plainState = undefined;
  await settle();
  const t0 = performance.now();
  const res = await fetch(`${apiBase}/front/broadcast/schedule?partnerId=mobidoo&returnLimit=${limit}`, { headers: { accept: 'application/json' } });
  const items = (await res.json()).response.items;
  const now = new Date();
  const root = el('div', 'plain');
  root.append(el('div', 'header'));
  const byId = new Map();
  let group;
  let groupKey;
  for (const b of items) {
    const key = fmtKey.format(new Date(b.programmingStartDt));
    if (key !== groupKey) {
      groupKey = key;
      const section = el('section', 'group');
      section.append(el('div', 'day', dayLabel(new Date(b.programmingStartDt), now)));
      group = el('ul', 'list');
      section.append(group);
      root.append(section);
    }
    const made = card(b, now);
    group.append(made.li);
    byId.set(b.broadcastId, made);
  }
  stage().append(root);
  layout();
  const t1 = performance.now();
  plainState = { apiBase, limit, byId };
  return t1 - t0;
}

/** fetch → JSON → compare each shown text by id → change what differs → laid out. */
export async function plainUpdate({ broadcastId, name }) {
  const { apiBase, limit, byId } = plainState;
  await settle();
  const t0 = performance.now();
  const res = await fetch(`${apiBase}/front/broadcast/schedule?partnerId=mobidoo&returnLimit=${limit}`, { headers: { accept: 'application/json' } });
  const items = (await res.json()).response.items;
  const now = new Date();
  for (const b of items) {
    const shown = byId.get(b.broadcastId);
    if (!shown) continue;
    const next = texts(b, now);
    for (const key of ['title', 'badge', 'meta', 'shop']) {
      if (next[key] !== shown.texts[key]) shown.nodes[key].textContent = next[key];
    }
    if (next.title !== shown.texts.title) for (const name of shown.names) name.textContent = `: ${next.title}`;
    shown.texts = next;
  }
  layout();
  const t1 = performance.now();
  if (byId.get(broadcastId)?.nodes.title.textContent !== name) throw new Error('plain update did not show the new name');
  return t1 - t0;
}

/** fetch + JSON alone: the floor both sides share. */
export async function fetchOnly({ apiBase, limit }) {
  await settle();
  const t0 = performance.now();
  const res = await fetch(`${apiBase}/front/broadcast/schedule?partnerId=mobidoo&returnLimit=${limit}`, { headers: { accept: 'application/json' } });
  const body = await res.json();
  const t1 = performance.now();
  if (!Array.isArray(body.response.items)) throw new Error('no items');
  return t1 - t0;
}

export function clear() {
  stage().replaceChildren();
  plainState = undefined;
}
