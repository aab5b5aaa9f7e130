/**
 * The stand-in's hostile fixtures (PUT /__control/fixtures `{mode: 'hostile'}`): what a compromised
 * or careless sauceFlex, shop or proxy could send, on the same routes and in the same envelope.
 *
 * - Every text field (broadcast, product, brand, shop and coupon names, explanations, hashtags, ids
 *   that are shown) carries a payload from `TEXT_PAYLOADS`; every URL field (thumbnails, outputPath,
 *   previewUrl, shortUrl, partnerProfileImageUrl, redirectUrl) one from `URL_PAYLOADS`.
 * - Each payload, if anything ever ran it, calls `window.__sfTrap('<payload id>.<where>')`, so a test
 *   that arms the trap (test/support/hostile.ts) learns which payload ran and from which field.
 * - Besides the payloads: wrong types, missing required fields, items that are not objects, huge
 *   strings (100 kB names) and long lists, unknown state / type / price / discount codes, dates at
 *   the edge of what `Date` reads, duplicate ids and ids such as `__proto__` and `constructor`.
 *
 * Deterministic: every value derives from an index (no randomness, no clock but the anchor), so a
 * failure names the same payload in the same field on every run. Browser-safe (no node imports).
 */
import { broadcastFixtures, fixtureAnchor, DEFAULT_PARTNER_ID } from './fixtures.js';

/** One payload: `make(tag)` embeds `tag` in the `__sfTrap` call it would make if it ever ran. */
export interface Payload {
  id: string;
  make(tag: string): string;
}

const trap = (tag: string) => `__sfTrap('${tag}')`;

/** Text that runs script if anything renders it as HTML, evaluates it, or pastes it into code. */
export const TEXT_PAYLOADS: readonly Payload[] = [
  { id: 'img-onerror', make: (t) => `<img src=x onerror="${trap(t)}">` },
  { id: 'script', make: (t) => `<script>${trap(t)}</script>` },
  { id: 'svg-onload', make: (t) => `"><svg onload="${trap(t)}">` },
  { id: 'attr-dq', make: (t) => `" autofocus onfocus="${trap(t)}" x="` },
  { id: 'attr-sq', make: (t) => `' autofocus onfocus='__sfTrap("${t}")' x='` },
  { id: 'js-string', make: (t) => `'); ${trap(t)}; ('` },
  { id: 'js-template', make: (t) => '${' + trap(t) + '}' },
  { id: 'iframe-srcdoc', make: (t) => `<iframe srcdoc="<script>parent.${trap(t)}</script>"></iframe>` },
  { id: 'iframe-js', make: (t) => `<iframe src="javascript:parent.${trap(t)}"></iframe>` },
  { id: 'a-href-js', make: (t) => `<a href="javascript:${trap(t)}">click</a>` },
  { id: 'details-toggle', make: (t) => `<details open ontoggle="${trap(t)}"><summary>x</summary></details>` },
  { id: 'body-onload', make: (t) => `<body onload="${trap(t)}">` },
  { id: 'input-autofocus', make: (t) => `<input autofocus onfocus="${trap(t)}">` },
  { id: 'video-source', make: (t) => `<video><source onerror="${trap(t)}"></video>` },
  { id: 'mxss-math', make: (t) => `<math><mtext><table><mglyph><style><img src=x onerror="${trap(t)}">` },
  { id: 'nested-script', make: (t) => `<<script>script>${trap(t)}<</script>/script>` },
  { id: 'style-breakout', make: (t) => `</style><img src=x onerror="${trap(t)}">` },
  { id: 'title-breakout', make: (t) => `</title><script>${trap(t)}</script>` },
  { id: 'textarea-breakout', make: (t) => `</textarea><script>${trap(t)}</script>` },
  { id: 'object-data', make: (t) => `<object data="javascript:${trap(t)}"></object>` },
  { id: 'embed-src', make: (t) => `<embed src="javascript:${trap(t)}">` },
  { id: 'form-action', make: (t) => `<form><button formaction="javascript:${trap(t)}">go</button></form>` },
  { id: 'svg-animate', make: (t) => `<svg><animate onbegin="${trap(t)}" attributeName="x" dur="1s"></svg>` },
  { id: 'entities', make: (t) => `<img src=x onerror="&#95;&#95;sfTrap&#40;'${t}'&#41;">` },
  { id: 'angular', make: (t) => `{{constructor.constructor('__sfTrap("${t}")')()}}` },
  { id: 'lit-marker', make: (t) => `<!--?lit$1234$--><img src=x onerror="${trap(t)}"><?lit$1234$>` },
  { id: 'css-url', make: (t) => `</style><style>:host{background:url("javascript:${trap(t)}")}</style>` },
  { id: 'meta-refresh', make: (t) => `<meta http-equiv="refresh" content="0;url=javascript:${trap(t)}">` },
  { id: 'base-href', make: (t) => `<base href="javascript:${trap(t)}//">` },
  { id: 'bidi-zero-width', make: (t) => `\u202e\u200b\u2066<img src=x onerror="${trap(t)}">\u2028\u2029` },
  { id: 'nul-byte', make: (t) => `\u0000<script>${trap(t)}</script>\u0000` },
  { id: 'lone-surrogate', make: (t) => `\ud800<img src=x onerror="${trap(t)}">\udfff` },
  { id: 'json-breakout', make: (t) => `"}]}<script>${trap(t)}</script>` },
  { id: 'markdown-link', make: (t) => `[click](javascript:${trap(t)})` },
  { id: 'img-slashes', make: (t) => `<img/src=x/onerror=${trap(t)}>` },
  { id: 'contenteditable', make: (t) => `<x contenteditable autofocus onfocus=${trap(t)}>x</x>` },
  { id: 'text-js-url', make: (t) => `javascript:${trap(t)}` },
  { id: 'text-data-url', make: (t) => `data:text/html,<script>parent.${trap(t)}</script>` },
  { id: 'srcset-onerror', make: (t) => `<img srcset="x 1w" onerror="${trap(t)}">` },
  { id: 'svg-foreign', make: (t) => `<svg><foreignObject><iframe srcdoc="<script>parent.parent.${trap(t)}</script>"></iframe></foreignObject></svg>` },
];

/** URLs that must never reach an href, a src or location: only absolute http(s) may. */
export const URL_PAYLOADS: readonly Payload[] = [
  { id: 'js', make: (t) => `javascript:${trap(t)}` },
  { id: 'js-case-space', make: (t) => ` JaVaScRiPt:${trap(t)}` },
  { id: 'js-newline', make: (t) => `java\nscript:${trap(t)}` },
  { id: 'js-tab', make: (t) => `java\tscript:${trap(t)}` },
  { id: 'js-control-char', make: (t) => `\u0001javascript:${trap(t)}` },
  { id: 'js-percent', make: (t) => `javascript:%5F%5FsfTrap('${t}')` },
  { id: 'js-comment-newline', make: (t) => `javascript://%0a${trap(t)}` },
  { id: 'js-entity', make: (t) => `javascript&#58;${trap(t)}` },
  { id: 'data-html', make: (t) => `data:text/html,<script>parent.${trap(t)}</script>` },
  { id: 'data-base64', make: (t) => `data:text/html;charset=utf-8;tag=${t};base64,${base64(`<script>parent.${trap(t)}</script>`)}` },
  { id: 'data-svg', make: (t) => `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="parent.${trap(t)}"/>` },
  { id: 'vbscript', make: (t) => `vbscript:msgbox("${t}")` },
  { id: 'protocol-relative', make: (t) => `//evil.invalid/${t}.png` },
  { id: 'backslashes', make: (t) => `\\\\evil.invalid\\${t}.png` },
  { id: 'slash-backslash', make: (t) => `/\\evil.invalid/${t}` },
  { id: 'blob', make: (t) => `blob:http://evil.invalid/${t}` },
  { id: 'file', make: (t) => `file:///etc/passwd#${t}` },
  { id: 'about', make: (t) => `about:blank#${t}` },
  { id: 'relative', make: (t) => `../../${t}.png` },
  { id: 'ftp', make: (t) => `ftp://evil.invalid/${t}` },
  // http(s), so allowed through, but with markup in it: must stay one attribute value. Port 9 is
  // closed on loopback, so nothing is fetched from anywhere.
  { id: 'http-markup', make: (t) => `http://127.0.0.1:9/${t}"><svg onload="${trap(t)}">` },
];

/** How many payloads the corpus holds (text and URL). */
export const HOSTILE_PAYLOAD_COUNT = TEXT_PAYLOADS.length + URL_PAYLOADS.length;

function base64(text: string): string {
  // btoa exists in browsers and in node ≥ 16; the payloads are ASCII.
  return btoa(text);
}

/** The payload at a position, round-robin: every index gives the same payload on every run. */
const textAt = (n: number, where: string): string => {
  const p = TEXT_PAYLOADS[((n % TEXT_PAYLOADS.length) + TEXT_PAYLOADS.length) % TEXT_PAYLOADS.length]!;
  return p.make(`${p.id}.${where}`);
};
const urlAt = (n: number, where: string): string => {
  const p = URL_PAYLOADS[((n % URL_PAYLOADS.length) + URL_PAYLOADS.length) % URL_PAYLOADS.length]!;
  return p.make(`${p.id}.${where}`);
};

/** About 100 kB of text that starts with a payload and keeps repeating payloads. */
function huge(n: number, where: string, bytes = 100_000): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = `${textAt(n + i, `${where}.${i}`)} 긴텍스트 `;
    parts.push(part);
    size += part.length;
  }
  return parts.join('');
}

// ---- products --------------------------------------------------------------------------------------

/** `mobidoo-hostile-p<n>`: ids our backend's product route accepts, so hostile details come through it. */
export const hostileProductId = (n: number, partnerId = DEFAULT_PARTNER_ID) => `${partnerId}-hostile-p${n}`;

/** The index of a hostile product id, or undefined. */
export function hostileProductIndex(productId: string, partnerId = DEFAULT_PARTNER_ID): number | undefined {
  const m = new RegExp(`^${partnerId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-hostile-p(\\d{1,5})$`).exec(productId);
  return m ? Number(m[1]) : undefined;
}

const PRICE_TYPES = ['basic', 'text', 'hide', 'free', '<b>basic</b>', 'BASIC', 'basic', 'basic'];
const DISCOUNT_TYPES = ['rate', 'none', 'percent', '', 'rate'];
/** Of the right type, but odd: not numbers, negative, out of range, 400 digits, formatted. */
const PRICES: unknown[] = ['39000', 39000, 'NaN', '-100', '1e400', '9'.repeat(400), '39,000원', '', '0x1F', 0.5, -1, '  12  '];
const SOLDOUT: unknown[] = [0, 1, '1', true, 2, 'yes', null];
/** One in ten products has one field of the wrong type (the product must then be dropped, not shown half-built). */
const WRONG_TYPES: [string, unknown][] = [
  ['priceTypeCode', 7],
  ['price', { amount: 1 }],
  ['sellingPrice', [1]],
  ['discountRate', true],
  ['productName', null],
  ['productId', ''],
];

/** A listed product (`productListDetail`) with payloads everywhere, some with a redirectUrl of their own. */
export function hostileListedProduct(n: number, origin: string, partnerId = DEFAULT_PARTNER_ID): Record<string, unknown> {
  const where = `p${n}`;
  const item: Record<string, unknown> = {
    productId: hostileProductId(n, partnerId),
    productName: textAt(n, `${where}.name`),
    externalProductId: textAt(n + 3, `${where}.ext`),
    productThumbnailUrlList: [
      { thumbnailUrl: urlAt(n, `${where}.thumb`), isRepresentative: n % 2 === 0 },
      { thumbnailUrl: n % 4 === 0 ? `${origin}/media/img/product-${(n % 20) + 1}.svg` : urlAt(n + 1, `${where}.thumb2`), isRepresentative: 'yes' },
    ],
    priceTypeCode: PRICE_TYPES[n % PRICE_TYPES.length],
    price: PRICES[n % PRICES.length],
    sellingPrice: PRICES[(n + 5) % PRICES.length],
    discountTypeCode: DISCOUNT_TYPES[n % DISCOUNT_TYPES.length],
    discountRate: PRICES[(n + 2) % PRICES.length],
    // Optional: a wrong type here removes the field, not the product.
    discountPrice: n % 6 === 5 ? { value: 1 } : PRICES[(n + 7) % PRICES.length],
    brandName: textAt(n + 1, `${where}.brand`),
    currencyNotation: textAt(n + 2, `${where}.notation`),
    currencyId: n % 3 === 0 ? 'X<S' : 'KRW',
    languageTag: textAt(n + 4, `${where}.lang`),
  };
  if (n % 10 === 9) {
    const [field, value] = WRONG_TYPES[Math.floor(n / 10) % WRONG_TYPES.length]!;
    item[field] = value;
  }
  // A third carry their own URL (the card then needs no details): hostile ones, and a few real ones
  // so that some cards become links with an orderCallBackId.
  if (n % 3 === 1) item.redirectUrl = n % 9 === 1 ? `http://127.0.0.1:5173/product.html?id=hostile-${n}` : urlAt(n + 2, `${where}.redirect`);
  return item;
}

/** The same product as the admin product route answers it (through our backend to the cards). */
export function hostileProduct(n: number, origin: string, partnerId = DEFAULT_PARTNER_ID): Record<string, unknown> {
  const where = `P${n}`;
  return {
    ...hostileListedProduct(n, origin, partnerId),
    productName: n === 7 ? huge(n, `${where}.name`) : textAt(n + 5, `${where}.name`),
    brandName: textAt(n + 6, `${where}.brand`),
    explanation: textAt(n + 7, `${where}.explanation`),
    redirectUrl: n % 5 === 0 ? `http://127.0.0.1:5173/product.html?id=hostile-detail-${n}` : urlAt(n + 3, `${where}.redirect`),
    isSoldout: SOLDOUT[n % SOLDOUT.length],
    productCategoryId1: textAt(n + 8, `${where}.cat1`),
    productCategoryId2: textAt(n + 9, `${where}.cat2`),
    productEventTypeCode: 'basic',
    productTypeCode: textAt(n + 10, `${where}.type`),
    liveCount: '<b>1</b>',
    vodCount: -1,
    countryId: 'KR',
    regDt: 'not a date',
    modDt: new Date(0).toISOString(),
    regName: textAt(n + 11, `${where}.regName`),
    modName: textAt(n + 12, `${where}.modName`),
  };
}

// ---- broadcasts ------------------------------------------------------------------------------------

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Ids of the hostile broadcasts a test can ask for by id (`broadcast-id`). */
export const HOSTILE_BROADCAST_IDS = {
  /** Payloads everywhere, a playable previewUrl and a real outputPath: renders as content, and plays. */
  playable: 'lkmobidoo-hostile-playable',
  /** Payloads everywhere and every URL hostile: renders, but nothing can be opened or played. */
  allUrlsHostile: 'lkmobidoo-hostile-urls',
  /** A 100 kB name, a 100 kB explanation, 5000 hashtags, 300 products, 1000 thumbnails. */
  huge: 'lkmobidoo-hostile-huge',
  /** Unknown state and type codes, and dates at the edge of what Date reads. */
  unknownCodes: 'lkmobidoo-hostile-codes',
  /** Optional fields of the wrong type (a string for a list, an object for a URL, …). */
  wrongTypes: 'lkmobidoo-hostile-types',
  /** previewUrl is http(s) but points at an HTML page: the player must fail cleanly. */
  htmlPreview: 'lkmobidoo-hostile-html-preview',
  /** Ids that are also names of Object.prototype members. */
  proto: '__proto__',
  ctor: 'constructor',
  toString: 'toString',
} as const;

/** Broadcasts whose items are not broadcasts at all: a page must drop them and keep the rest. */
function brokenItems(anchor: number): unknown[] {
  const start = new Date(anchor + HOUR).toISOString();
  const end = new Date(anchor + 2 * HOUR).toISOString();
  const base = { broadcastTypeCode: 'live', broadcastStateCode: 'accepted', programmingStartDt: start, programmingEndDt: end };
  return [
    null,
    'a string, not a broadcast',
    42,
    [],
    {},
    // Required fields missing or of the wrong type: each must be dropped, not shown half-built.
    { ...base, broadcastName: textAt(90, 'missing-id.name') },
    { ...base, broadcastId: 'lkmobidoo-hostile-no-name' },
    { ...base, broadcastId: 'lkmobidoo-hostile-number-name', broadcastName: 12345 },
    { ...base, broadcastId: 'lkmobidoo-hostile-null-name', broadcastName: null },
    { ...base, broadcastId: 'lkmobidoo-hostile-bad-date', broadcastName: textAt(91, 'bad-date.name'), programmingStartDt: 'tomorrow-ish' },
    { ...base, broadcastId: '', broadcastName: textAt(92, 'empty-id.name') },
    { ...base, broadcastId: { $ne: null }, broadcastName: textAt(93, 'object-id.name') },
    { ...base, broadcastId: 'lkmobidoo-hostile-no-start', broadcastName: textAt(94, 'no-start.name'), programmingStartDt: undefined },
  ];
}

/** One broadcast with payloads in every text and URL field. */
function hostileBroadcast(
  i: number,
  template: Record<string, unknown>,
  origin: string,
  partnerId: string,
  options: { id?: string; playable?: boolean; products?: number[] } = {},
): Record<string, unknown> {
  const where = `b${i}`;
  const id = options.id ?? `lkmobidoo-hostile-${String(i).padStart(3, '0')}`;
  const playable = options.playable ?? i % 3 === 0;
  const products = options.products ?? [i * 3, i * 3 + 1, i * 3 + 2];
  const broadcast: Record<string, unknown> = {
    ...template,
    partnerId: i % 4 === 0 ? textAt(i, `${where}.partnerId`) : partnerId,
    broadcastId: id,
    roomId: textAt(i + 1, `${where}.roomId`),
    broadcastName: textAt(i, `${where}.name`),
    explanation: textAt(i + 2, `${where}.explanation`),
    shopName: textAt(i + 3, `${where}.shop`),
    hashTagList: [textAt(i + 4, `${where}.tag0`), textAt(i + 5, `${where}.tag1`), textAt(i + 6, `${where}.tag2`)],
    thumbnailList: [{ thumbnailUrl: urlAt(i, `${where}.thumb`), isRepresentative: true }],
    broadcastThumbnailList: [
      { thumbnailUrl: urlAt(i + 1, `${where}.bthumb0`), isRepresentative: i % 2 === 0 },
      { thumbnailUrl: i % 2 === 0 ? `${origin}/media/img/broadcast-${(i % 30) + 1}.svg` : urlAt(i + 2, `${where}.bthumb1`), isRepresentative: true },
    ],
    shortUrl: urlAt(i + 3, `${where}.short`),
    outputPath: playable ? `${origin}/player/broadcast/${encodeURIComponent(id)}` : urlAt(i + 4, `${where}.output`),
    partnerProfileImageUrl: urlAt(i + 5, `${where}.profile`),
    productListDetail: products.map((n) => hostileListedProduct(n, origin, partnerId)),
  };
  if (playable) broadcast.previewUrl = `${origin}/media/preview/index.m3u8?hostile=${i}`;
  else broadcast.previewUrl = urlAt(i + 6, `${where}.preview`);
  // Own property named __proto__ and constructor on the item: a naive merge would pollute prototypes.
  Object.defineProperty(broadcast, '__proto__', { value: { polluted: textAt(i + 7, `${where}.proto`) }, enumerable: true, configurable: true, writable: true });
  broadcast['constructor'] = { prototype: { polluted: 'yes' } };
  return broadcast;
}

/**
 * The hostile broadcast list: every normal fixture re-dressed with payloads, then the special cases
 * of `HOSTILE_BROADCAST_IDS`, duplicates, and items that are not broadcasts. Times stay around `now`
 * (past, on air, upcoming), so every schedule type has something to show.
 */
export function hostileBroadcasts(now: number, origin: string, options: { partnerId?: string } = {}): unknown[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  const anchor = fixtureAnchor(now);
  const normal = broadcastFixtures(now, origin, { partnerId }) as unknown as Record<string, unknown>[];
  const list: unknown[] = normal.map((template, i) => hostileBroadcast(i, template, origin, partnerId));
  const onAir = normal.find((b) => b.broadcastStateCode === 'onair')!;
  const upcoming = normal.find((b) => b.broadcastStateCode === 'accepted')!;
  const ids = HOSTILE_BROADCAST_IDS;

  list.push(hostileBroadcast(100, onAir, origin, partnerId, { id: ids.playable, playable: true }));
  list.push(hostileBroadcast(101, upcoming, origin, partnerId, { id: ids.allUrlsHostile, playable: false }));

  const hugeOne = hostileBroadcast(102, onAir, origin, partnerId, { id: ids.huge, playable: true, products: Array.from({ length: 300 }, (_, k) => 1000 + k) });
  hugeOne.broadcastName = huge(102, 'b102.name');
  hugeOne.explanation = huge(103, 'b102.explanation');
  hugeOne.shopName = huge(104, 'b102.shop', 20_000);
  hugeOne.hashTagList = Array.from({ length: 5000 }, (_, k) => textAt(k, `b102.tag${k}`));
  hugeOne.thumbnailList = Array.from({ length: 1000 }, (_, k) => ({ thumbnailUrl: urlAt(k, `b102.thumb${k}`), isRepresentative: k === 999 }));
  list.push(hugeOne);

  const codes = hostileBroadcast(103, upcoming, origin, partnerId, { id: ids.unknownCodes });
  codes.broadcastStateCode = '<script>__sfTrap(\'state-code.b103\')</script>';
  codes.broadcastTypeCode = 'hologram';
  codes.programmingStartDt = '+275760-09-13T00:00:00.000Z';
  codes.programmingEndDt = '1970-01-01T00:00:00.000Z';
  codes.broadcastStartDt = '0000-01-01T00:00:00Z';
  codes.totalDuration = '1e308';
  codes.room = { chatCounterInfo: 1e21, incomingCounterInfo: -5, reactionCounterInfo: 0.5 };
  list.push(codes);
  const codes2 = hostileBroadcast(104, onAir, origin, partnerId, { id: `${ids.unknownCodes}-2` });
  codes2.broadcastStateCode = 'hacked';
  codes2.totalDuration = -1;
  list.push(codes2);

  const types = hostileBroadcast(105, onAir, origin, partnerId, { id: ids.wrongTypes });
  Object.assign(types, {
    explanation: ['not', 'a', 'string'],
    shopName: { name: textAt(105, 'b105.shopObject') },
    hashTagList: textAt(106, 'b105.tagsString'),
    thumbnailList: { thumbnailUrl: urlAt(105, 'b105.thumbObject') },
    broadcastThumbnailList: [null, 5, { thumbnailUrl: 7 }, { thumbnailUrl: ['javascript:__sfTrap(\'array-url.b105\')'] }],
    shortUrl: 42,
    outputPath: ['javascript:__sfTrap(\'array-output.b105\')'],
    previewUrl: { href: 'javascript:__sfTrap(\'object-preview.b105\')' },
    partnerProfileImageUrl: true,
    productListDetail: { productId: 'not-a-list' },
    room: 'full',
    totalDuration: { seconds: 10 },
    broadcastStartDt: 0,
    broadcastEndDt: false,
  });
  list.push(types);

  const html = hostileBroadcast(106, onAir, origin, partnerId, { id: ids.htmlPreview, playable: true });
  html.previewUrl = `${origin}/player/broadcast/${ids.htmlPreview}`;
  list.push(html);

  // Duplicates: the same id twice in one page (a keyed list must not break), and prototype names.
  list.push(hostileBroadcast(107, onAir, origin, partnerId, { id: ids.playable, playable: true }));
  list.push(hostileBroadcast(108, upcoming, origin, partnerId, { id: ids.proto }));
  list.push(hostileBroadcast(109, upcoming, origin, partnerId, { id: ids.ctor }));
  list.push(hostileBroadcast(110, onAir, origin, partnerId, { id: ids.toString }));

  list.push(...brokenItems(anchor));
  return list;
}

// ---- curations and coupons ---------------------------------------------------------------------

export function hostileCurations(origin: string, options: { partnerId?: string } = {}): unknown[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  return Array.from({ length: 6 }, (_, i) => ({
    curationId: i === 5 ? '__proto__' : `hostile-curation-${i}`,
    curationName: textAt(i + 20, `c${i}.name`),
    partnerId,
    partnerName: textAt(i + 21, `c${i}.partnerName`),
    imageUrl: i === 0 ? `${origin}/media/img/curation-1.svg` : urlAt(i + 20, `c${i}.image`),
    ord: i === 4 ? 'first' : i + 1,
    isPublic: i !== 3,
    liveCount: 1,
    vodCount: 1,
    regDt: new Date(Date.UTC(2024, 1, 15 + i)).toISOString(),
  }));
}

const COUPON_TYPES: unknown[] = ['Rate', 'Fixed', 'Percent', '<b>Rate</b>', 3, 'Fixed', 'Rate'];

/** The shop's coupons, hostile: payload names, odd numbers, unknown types, duplicates, 300 of them. */
export function hostileCoupons(now: number, options: { partnerId?: string } = {}): Record<string, unknown>[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  const day = 24 * HOUR;
  const list: Record<string, unknown>[] = Array.from({ length: 300 }, (_, i) => ({
    couponId: i === 0 ? '__proto__' : i === 1 ? 'constructor' : i === 2 ? textAt(i, `k${i}.id`) : i === 3 ? 'HOSTILE-DUP' : i === 4 ? 'HOSTILE-DUP' : `HOSTILE-${i}`,
    couponName: i === 5 ? huge(i, `k${i}.name`) : textAt(i + 30, `k${i}.name`),
    partnerId: i % 7 === 0 ? textAt(i + 31, `k${i}.partnerId`) : partnerId,
    maxIssueCount: [100, '50', -1, 0, 1e21, '1,000', 'many'][i % 7],
    dcType: COUPON_TYPES[i % COUPON_TYPES.length],
    dcPrice: [3000, '2,000', -100, 1e21, 'free'][i % 5],
    dcRate: [10, '15', 150, -5, 'half'][i % 5],
    limitMaxPrice: [10000, 0, -1, '∞'][i % 4],
    possiblePrice: [20000, 0, '1e400', null][i % 4],
    startDt: i % 11 === 0 ? 'yesterday' : new Date(now - day).toISOString(),
    endDt: i % 13 === 0 ? '+275760-09-13T00:00:00.000Z' : new Date(now + (i % 5 === 4 ? -1 : 7) * day).toISOString(),
    isShow: [true, 'true', 1, false, true][i % 5],
    isIssued: [false, 'no', true, null][i % 4],
  }));
  list.push({ couponName: textAt(40, 'k-missing-id.name'), dcType: 'Rate' });
  return list;
}

/** What an issue answers in hostile mode: SU0000 with a coupon that is not the one asked for, full of payloads. */
export function hostileIssuedCoupon(couponId: string, now: number): Record<string, unknown> {
  return {
    couponId: `${couponId}-other`,
    couponName: textAt(7, 'issue.name'),
    maxIssueCount: '∞',
    dcType: 'Fixed',
    dcPrice: 1000,
    startDt: new Date(now).toISOString(),
    endDt: 'never',
    isShow: 'sure',
  };
}

/** Every payload id, for tests that count what was tried. */
export const payloadIds = (): string[] => [...TEXT_PAYLOADS.map((p) => `text:${p.id}`), ...URL_PAYLOADS.map((p) => `url:${p.id}`)];
