/**
 * The demo shop's product page (product.html): where a product card's link lands.
 *
 * 1. The shop shows the product from its own catalog (`?id=` is the shop's product code; the demo's
 *    catalog is the stand-in's fixtures, as the shop registered them with sauceFlex).
 * 2. It keeps the orderCallBackId the URL brought (`tracking.capture`), with the product, and takes
 *    it out of the address bar so a shared link does not carry it.
 * 3. "Add to cart" keeps the id with the cart line (`tracking.forProduct`).
 * Below, broadcasts' products as cards, to click and land here again.
 */
import '../src/index.js';
import '../src/elements/product-list/product-list.js';
import { tracking } from '../src/tracking/index.js';
import { formatMoney, formatPercent, toAmount } from '../src/i18n/format.js';
import { broadcastIdAt, productFixtures, type ProductFixture } from './standin/fixtures.js';
import { addToCart, placeholder } from './checkout.js';
import { savedLang, useLang } from './lang.js';

type Lang = 'ko' | 'en';

const texts = {
  ko: {
    'buy.quantity': '수량',
    'buy.add': '장바구니 담기',
    'buy.toCart': '장바구니 보기',
    'lead.noProduct': '아래 라이브 방송의 상품을 눌러 보세요. 상품 페이지가 orderCallBackId와 함께 열립니다.',
    'section.live': '지금 방송 중인 상품',
    'section.more': '다른 방송의 상품',
    fromBroadcast: '라이브 방송에서 온 방문입니다. 이 상품을 사면 아래 orderCallBackId로 결제가 연동됩니다:',
    direct: '방송을 거치지 않은 방문입니다 (orderCallBackId 없음).',
    soldOut: '품절',
    added: '장바구니에 담았습니다.',
    notFound: '상품을 찾을 수 없습니다: {id}',
  },
  en: {
    'buy.quantity': 'Qty',
    'buy.add': 'Add to cart',
    'buy.toCart': 'View cart',
    'lead.noProduct': "Click a product of the live broadcast below. Its page opens with an orderCallBackId.",
    'section.live': 'On air now',
    'section.more': 'From other broadcasts',
    fromBroadcast: 'This visit came from a live broadcast. Buying this product reports the purchase with this orderCallBackId:',
    direct: 'This visit did not come from a broadcast (no orderCallBackId).',
    soldOut: 'Sold out',
    added: 'Added to your cart.',
    notFound: 'No such product: {id}',
  },
} as const;
type Key = keyof (typeof texts)['ko'];
const t = (lang: Lang, key: Key, params: Record<string, string> = {}) =>
  texts[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);

const config = document.querySelector('sf-config')!;
for (const attribute of ['token-endpoint', 'product-endpoint', 'api-base']) {
  if (config.getAttribute(attribute)?.startsWith('%')) config.removeAttribute(attribute);
}
const standinOrigin = placeholder(document.body.dataset.standinOrigin) ?? 'http://127.0.0.1:8787';
const catalog = productFixtures(standinOrigin, { shopOrigin: location.origin });
const id = new URLSearchParams(location.search).get('id');
const product = id ? catalog.find((p) => p.externalProductId === id || p.productId === id) : undefined;

// The landing: keep the id this URL brought, with the product it is for, and clean the address bar.
const landed = product ? tracking.capture({ externalProductId: product.externalProductId ?? undefined, productId: product.productId, clean: true }) : tracking.capture({ clean: true });

let lang: Lang = savedLang();

function renderProduct(): void {
  const article = document.getElementById('product')!;
  const none = document.getElementById('no-product')!;
  if (!product) {
    article.hidden = true;
    none.hidden = false;
    if (id) none.textContent = t(lang, 'notFound', { id });
    return;
  }
  article.hidden = false;
  none.hidden = true;
  document.title = `${product.productName} — 모비두 스토어`;
  const image = document.getElementById('product-image') as HTMLImageElement;
  const picture = product.productThumbnailUrlList.find((p) => p.isRepresentative) ?? product.productThumbnailUrlList[0];
  if (picture) image.src = picture.thumbnailUrl;
  document.getElementById('product-brand')!.textContent = product.brandName;
  document.getElementById('product-name')!.textContent = product.productName;
  document.getElementById('product-explanation')!.textContent = product.explanation ?? '';
  renderPrice(document.getElementById('product-price')!, product);

  const attribution = document.getElementById('attribution')!;
  const known = tracking.forProduct(product.externalProductId ?? product.productId) ?? tracking.forProduct(product.productId);
  attribution.replaceChildren();
  if (known) {
    attribution.dataset.kind = 'broadcast';
    const code = document.createElement('code');
    code.textContent = known.orderCallBackId;
    attribution.append(`${t(lang, 'fromBroadcast')} `, code);
  } else {
    attribution.dataset.kind = 'none';
    attribution.textContent = t(lang, 'direct');
  }
  const soldOut = product.isSoldout === 1;
  (document.getElementById('add-to-cart') as HTMLButtonElement).disabled = soldOut;
}

function renderPrice(box: HTMLElement, p: ProductFixture): void {
  box.replaceChildren();
  if (p.isSoldout === 1) {
    const mark = document.createElement('span');
    mark.className = 'soldout';
    mark.textContent = `${t(lang, 'soldOut')} `;
    box.append(mark);
  }
  if (p.priceTypeCode === 'hide') return;
  if (p.priceTypeCode === 'text') {
    box.append(String(p.price));
    return;
  }
  const price = toAmount(p.price);
  const selling = toAmount(p.sellingPrice) > 0 ? toAmount(p.sellingPrice) : price;
  if (p.discountTypeCode === 'rate' && selling < price) {
    const rate = document.createElement('span');
    rate.className = 'rate';
    rate.textContent = formatPercent(p.discountRate, lang);
    box.append(rate);
  }
  box.append(formatMoney(selling, lang, p));
  if (selling < price) {
    const del = document.createElement('del');
    del.textContent = formatMoney(price, lang, p);
    box.append(del);
  }
}

/** What one unit costs (shown in the cart; the server prices the order itself). */
function unitPrice(p: ProductFixture): number {
  const price = toAmount(p.price);
  const selling = toAmount(p.sellingPrice);
  if (p.priceTypeCode === 'text') return 0;
  return Number.isFinite(selling) && selling > 0 ? selling : Number.isFinite(price) ? price : 0;
}

document.getElementById('buy')!.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!product) return;
  const quantity = Math.max(1, Math.min(99, Math.trunc(Number((document.getElementById('quantity') as HTMLInputElement).value) || 1)));
  addToCart({
    externalProductId: product.externalProductId ?? product.productId,
    productId: product.productId,
    name: product.productName,
    unitPrice: unitPrice(product),
    quantity,
    orderCallBackId: (tracking.forProduct(product.externalProductId ?? product.productId) ?? tracking.forProduct(product.productId))?.orderCallBackId,
  });
  document.getElementById('notice')!.textContent = t(lang, 'added');
});

// Broadcasts to click from: the first one on air, and another whose products differ from its (the
// fixture broadcast 17, used here before, lists all four of the first one's again: the same cards twice).
document.getElementById('live-products')!.setAttribute('broadcast-id', broadcastIdAt(0));
document.getElementById('more-products')!.setAttribute('broadcast-id', broadcastIdAt(30));

useLang((next) => {
  lang = next;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n as Key;
    if (key in texts[lang]) node.textContent = t(lang, key);
  }
  renderProduct();
});

const log = document.getElementById('event-log')!;
document.addEventListener('sf-product-click', (event) => {
  const { detail } = event;
  const name = detail.source === 'card' ? detail.product.productName : (detail.externalProductId ?? detail.url);
  log.textContent = `sf-product-click: ${name} · orderCallBackId ${detail.orderCallBackId} → ${detail.url}`;
});

if (landed) console.info('[demo] landed with orderCallBackId', landed.orderCallBackId);
