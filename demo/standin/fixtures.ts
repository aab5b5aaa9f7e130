/**
 * The stand-in's data: broadcasts, products, curations and coupons, in Korean, with ₩ prices as the
 * guide's strings. Deterministic (ids derive from an index through a small seeded generator) and
 * browser-safe (no node imports), so Storybook shows exactly what the stand-in serves.
 *
 * Broadcast times are offsets from `now` (rounded down to 5 minutes, so times look like a real
 * schedule): some days ago, live now, later today, tomorrow, next week.
 */
import type {
  Broadcast,
  BroadcastProduct,
  BroadcastStateCode,
  BroadcastTypeCode,
  Coupon,
  Curation,
  PriceTypeCode,
  DiscountTypeCode,
  Product,
  Thumbnail,
} from '../../src/api/models.js';

export const DEFAULT_PARTNER_ID = 'mobidoo';
export const PARTNER_NAME = '모비두';
export const DEFAULT_SHOP_ORIGIN = 'http://127.0.0.1:5173';
/** The demo shop's signed-in member; one coupon is already issued to it. */
export const DEMO_MEMBER_ID = 'demo-member';

export interface FixtureOptions {
  partnerId?: string;
  shopOrigin?: string;
}

/** A product as the admin route answers it; the guide's example also carries these two. */
export type ProductFixture = Product & { regName: string; modName: string };

// ---- deterministic ids -------------------------------------------------------------------------

/** FNV-1a, to seed the generator from a readable key. Not for security: ids only need to look right. */
function seedOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded generator, so the same key always gives the same sequence. */
export function generator(key: string): () => number {
  let a = seedOf(key);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(key: string, length: number, alphabet: string): string {
  const next = generator(key);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

const HEX = '0123456789abcdef';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** `lkmobidoo-<32 hex>`, as the guide's broadcast ids. */
export const broadcastIdAt = (index: number, partnerId = DEFAULT_PARTNER_ID) =>
  `lk${partnerId}-${randomString(`broadcast-${index}`, 32, HEX)}`;
/** `mobidoo-<32 hex>`, as the guide's product ids. */
export const productIdAt = (index: number, partnerId = DEFAULT_PARTNER_ID) =>
  `${partnerId}-${randomString(`product-${index}`, 32, HEX)}`;
/** 22 characters, as the guide's `a7szzK56tfkuFUTTmXAFuf`. */
export const curationIdAt = (index: number) => randomString(`curation-${index}`, 22, BASE58);
/** The `/s/<code>` of a broadcast's shortUrl. */
export const shortCodeAt = (index: number) => randomString(`short-${index}`, 7, BASE58);

const img = (origin: string, name: string): string => `${origin}/media/img/${name}.svg`;

// ---- products ----------------------------------------------------------------------------------

interface ProductRow {
  name: string;
  brand: string;
  cat: [string, string];
  priceType: PriceTypeCode;
  price: string;
  selling: string;
  discount: DiscountTypeCode;
  rate: string;
  soldout?: boolean;
  ext: string | null;
  /** How the shop URL looks: plain `?id=`, with more query, with a hash, both, or a path without query. */
  url: 'plain' | 'query' | 'hash' | 'both' | 'path';
  event?: boolean;
  soho?: boolean;
  explanation: string;
}

const PRODUCTS: ProductRow[] = [
  { name: '메리노 울 라운드 니트', brand: '모비두니트', cat: ['CAT1', 'CAT1#KNIT'], priceType: 'basic', price: '59000', selling: '39000', discount: 'rate', rate: '34.0', ext: 'MBD-1001', url: 'plain', explanation: '부드러운 메리노 울 100% 니트입니다.' },
  { name: '캐시미어 머플러', brand: '모비두니트', cat: ['CAT1', 'CAT1#ACC'], priceType: 'basic', price: '45000', selling: '45000', discount: 'none', rate: '0.0', ext: 'MBD-1002', url: 'query', explanation: '가볍고 따뜻한 캐시미어 머플러.' },
  { name: '구스다운 롱패딩', brand: '노스라인', cat: ['CAT1', 'CAT1#OUTER'], priceType: 'basic', price: '289000', selling: '199000', discount: 'rate', rate: '31.1', soldout: true, ext: 'MBD-1003', url: 'hash', explanation: '구스다운 90:10 충전재의 롱패딩.' },
  { name: '히알루론 수분 크림 50ml', brand: '소스뷰티', cat: ['CAT3', 'CAT3#SKIN'], priceType: 'basic', price: '32000', selling: '25600', discount: 'rate', rate: '20.0', ext: 'SFB-2001', url: 'plain', explanation: '건조한 피부를 위한 고보습 크림.' },
  { name: '비타민C 앰플 30ml', brand: '소스뷰티', cat: ['CAT3', 'CAT3#SKIN'], priceType: 'basic', price: '28000', selling: '19600', discount: 'rate', rate: '30.0', ext: 'SFB-2002', url: 'both', event: true, explanation: '순수 비타민C 15% 앰플.' },
  { name: '쿠션 파운데이션 (리필 포함)', brand: '글로우랩', cat: ['CAT3', 'CAT3#MAKEUP'], priceType: 'basic', price: '38000', selling: '38000', discount: 'none', rate: '0.0', ext: null, url: 'plain', explanation: '리필이 함께 들어 있는 쿠션.' },
  { name: '립 틴트 6종 세트', brand: '글로우랩', cat: ['CAT3', 'CAT3#MAKEUP'], priceType: 'text', price: '방송에서 공개', selling: '0', discount: 'none', rate: '0.0', ext: 'SFB-2004', url: 'query', event: true, explanation: '가격은 방송에서 공개합니다.' },
  { name: '무선 핸디 청소기', brand: '클린홈', cat: ['CAT4', 'CAT4#APPLIANCE'], priceType: 'basic', price: '189000', selling: '149000', discount: 'rate', rate: '21.2', ext: 'DLV-3001', url: 'plain', explanation: '1.2kg 초경량 무선 청소기.' },
  { name: '호텔식 구스 이불 세트 (Q)', brand: '슬립웰', cat: ['CAT4', 'CAT4#BEDDING'], priceType: 'basic', price: '159000', selling: '99000', discount: 'rate', rate: '37.7', soldout: true, ext: 'DLV-3002', url: 'hash', explanation: '퀸 사이즈 구스 이불과 베개 커버 세트.' },
  { name: '스테인리스 냄비 3종', brand: '쿡앤홈', cat: ['CAT4', 'CAT4#KITCHEN'], priceType: 'basic', price: '89000', selling: '69000', discount: 'rate', rate: '22.5', ext: 'DLV-3003', url: 'both', explanation: '인덕션 겸용 통3중 냄비 세트.' },
  { name: '아로마 디퓨저 200ml', brand: '데일리센트', cat: ['CAT4', 'CAT4#DECO'], priceType: 'hide', price: '25000', selling: '25000', discount: 'none', rate: '0.0', ext: 'DLV-3004', url: 'plain', soho: true, explanation: '은은한 우디 향 디퓨저.' },
  { name: '제주 감귤 5kg', brand: '그린팜', cat: ['CAT5', 'CAT5#FRUIT'], priceType: 'basic', price: '29900', selling: '24900', discount: 'rate', rate: '16.7', ext: 'GFM-4001', url: 'plain', soho: true, explanation: '제주에서 산지 직송하는 햇감귤.' },
  { name: '한우 1++ 등심 500g', brand: '그린팜', cat: ['CAT5', 'CAT5#MEAT'], priceType: 'basic', price: '89000', selling: '79000', discount: 'rate', rate: '11.2', soldout: true, ext: 'GFM-4002', url: 'query', explanation: '1++ 등급 한우 등심.' },
  { name: '유기농 현미 4kg', brand: '그린팜', cat: ['CAT5', 'CAT5#GRAIN'], priceType: 'basic', price: '18000', selling: '18000', discount: 'none', rate: '0.0', ext: 'GFM-4003', url: 'path', soho: true, explanation: '무농약 인증 유기농 현미.' },
  { name: '수제 그래놀라 3종', brand: '아침공방', cat: ['CAT5', 'CAT5#SNACK'], priceType: 'text', price: '1+1 행사가', selling: '0', discount: 'none', rate: '0.0', ext: 'GFM-4004', url: 'plain', soho: true, event: true, explanation: '견과류가 듬뿍 들어간 수제 그래놀라.' },
  { name: '요가 매트 8mm', brand: '어반핏', cat: ['CAT6', 'CAT6#FITNESS'], priceType: 'basic', price: '49000', selling: '34300', discount: 'rate', rate: '30.0', ext: 'URB-5001', url: 'plain', explanation: '미끄럼 방지 TPE 요가 매트.' },
  { name: '러닝화 에어 쿠션', brand: '어반핏', cat: ['CAT6', 'CAT6#SHOES'], priceType: 'basic', price: '129000', selling: '89000', discount: 'rate', rate: '31.0', ext: 'URB-5002', url: 'hash', explanation: '충격 흡수 에어 쿠션 러닝화.' },
  { name: '스마트 줄넘기', brand: '어반핏', cat: ['CAT6', 'CAT6#FITNESS'], priceType: 'hide', price: '19900', selling: '19900', discount: 'none', rate: '0.0', ext: 'URB-5003', url: 'plain', explanation: '횟수와 칼로리를 세어 주는 줄넘기.' },
  // The shape of the guide's own example product (sellingPrice "0", no discount), under a believable name.
  { name: '모비두 캔버스 에코백', brand: '모비두굿즈', cat: ['CAT1', 'CAT1#ETC'], priceType: 'basic', price: '1000', selling: '0', discount: 'none', rate: '0.0', ext: null, url: 'plain', explanation: '방송 기념 에코백 (1,000원 구매 이벤트).' },
  { name: '모비두 텀블러 473ml', brand: '모비두굿즈', cat: ['CAT4', 'CAT4#KITCHEN'], priceType: 'basic', price: '25000', selling: '17500', discount: 'rate', rate: '30.0', ext: 'MBD-1004', url: 'query', explanation: '보온 보냉 스테인리스 텀블러.' },
  { name: '[단독] 겨울 한정 프리미엄 캐시미어 블렌드 오버사이즈 핸드메이드 더블 코트 (5 colors) 무료배송', brand: '모비두니트', cat: ['CAT1', 'CAT1#OUTER'], priceType: 'basic', price: '399000', selling: '239400', discount: 'rate', rate: '40.0', ext: 'MBD-1005', url: 'both', explanation: '이름이 긴 상품: 말줄임 확인용.' },
];

function redirectUrl(row: ProductRow, productId: string, shopOrigin: string): string {
  const id = encodeURIComponent(row.ext ?? productId);
  switch (row.url) {
    case 'plain':
      return `${shopOrigin}/product.html?id=${id}`;
    case 'query':
      return `${shopOrigin}/product.html?id=${id}&color=charcoal&utm_source=sauceflex`;
    case 'hash':
      return `${shopOrigin}/product.html?id=${id}#size-guide`;
    case 'both':
      return `${shopOrigin}/product.html?id=${id}&ref=live#reviews`;
    case 'path':
      return `${shopOrigin}/goods/${id}`;
  }
}

function discountPrice(row: ProductRow): string {
  return row.discount === 'rate' ? String(Number(row.price) - Number(row.selling)) : '0';
}

function productThumbnails(origin: string, index: number): Thumbnail[] {
  const list: Thumbnail[] = [{ thumbnailUrl: img(origin, `product-${index + 1}`), isRepresentative: true }];
  if (index % 3 === 0) list.push({ thumbnailUrl: img(origin, `product-${index + 1}-detail`), isRepresentative: false });
  return list;
}

/** ~20 products covering every priceTypeCode and discountTypeCode, some sold out. */
export function productFixtures(origin: string, options: FixtureOptions = {}): ProductFixture[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  const shopOrigin = options.shopOrigin ?? DEFAULT_SHOP_ORIGIN;
  return PRODUCTS.map((row, index) => {
    const productId = productIdAt(index, partnerId);
    const usedBy = BROADCASTS.filter((b) => b.products.includes(index));
    return {
      productId,
      externalProductId: row.ext,
      productCategoryId1: row.cat[0],
      productCategoryId2: row.cat[1],
      productEventTypeCode: row.event ? 'event' : 'basic',
      productTypeCode: row.soho ? 'soho' : 'brand',
      brandName: row.brand,
      productName: row.name,
      productThumbnailUrlList: productThumbnails(origin, index),
      explanation: row.explanation,
      priceTypeCode: row.priceType,
      price: row.price,
      sellingPrice: row.selling,
      discountTypeCode: row.discount,
      discountRate: row.rate,
      redirectUrl: redirectUrl(row, productId, shopOrigin),
      isSoldout: row.soldout ? 1 : 0,
      liveCount: usedBy.filter((b) => b.type === 'live').length,
      vodCount: usedBy.filter((b) => b.type !== 'live').length,
      countryId: 'KR',
      currencyId: 'KRW',
      languageTag: 'ko-KR',
      currencyNotation: '₩',
      regDt: new Date(Date.UTC(2024, 0, 10 + index, 6, 28, 14, 761)).toISOString(),
      modDt: new Date(Date.UTC(2024, 1, 1 + index, 6, 28, 14, 761)).toISOString(),
      regName: 'system',
      modName: 'system',
    };
  });
}

/**
 * A product as a broadcast lists it (`productListDetail`): only the guide's fields. In particular
 * there is no redirectUrl, brandName or isSoldout here; those come from the admin product route.
 */
function listedProduct(origin: string, index: number, partnerId: string, asNumbers: boolean): BroadcastProduct {
  const row = PRODUCTS[index]!;
  // The guide's tables say number where its examples send strings; one broadcast uses numbers.
  const num = (value: string) => (asNumbers && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value);
  return {
    productId: productIdAt(index, partnerId),
    productName: row.name,
    externalProductId: row.ext,
    productThumbnailUrlList: productThumbnails(origin, index),
    priceTypeCode: row.priceType,
    price: row.price,
    sellingPrice: num(row.selling),
    discountTypeCode: row.discount,
    discountRate: num(row.rate),
    discountPrice: num(discountPrice(row)),
  };
}

// ---- broadcasts --------------------------------------------------------------------------------

const SHOPS = [
  { name: '모비두 스토어', image: 'shop-mobidoo' },
  { name: '소스플렉스 뷰티', image: 'shop-beauty' },
  { name: '데일리 리빙', image: 'shop-living' },
  { name: '그린푸드마켓', image: 'shop-food' },
  { name: '어반 스포츠', image: 'shop-sports' },
];

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface BroadcastRow {
  name: string;
  explanation?: string;
  type: BroadcastTypeCode;
  state: BroadcastStateCode;
  /** Programming start relative to now, ms. */
  start: number;
  /** Programmed length, ms. */
  length: number;
  shop: number;
  products: number[];
  tags: string[];
  noPreview?: boolean;
  /** Sent as the guide's single example does: a numeric string. */
  durationAsString?: boolean;
  numericPrices?: boolean;
}

const BROADCASTS: BroadcastRow[] = [
  // On air now
  { name: '[LIVE] 겨울 니트 특가 라이브', explanation: '메리노 울 니트를 방송 중에만 34% 할인합니다.', type: 'live', state: 'onair', start: -30 * MIN, length: 2 * HOUR, shop: 0, products: [0, 1, 19, 20], tags: ['겨울코디', '니트', '특가'] },
  { name: '소스뷰티 수분 크림 1+1 라이브', explanation: '건조한 겨울, 수분 크림 1+1 혜택을 만나 보세요.', type: 'live', state: 'onair', start: -10 * MIN, length: HOUR, shop: 1, products: [3, 4], tags: ['스킨케어', '수분크림'] },
  { name: '클린홈 무선청소기 런칭 방송', explanation: '신제품 무선청소기를 처음 공개합니다.', type: 'live', state: 'onair', start: -HOUR, length: 2 * HOUR, shop: 2, products: [7, 9], tags: ['가전', '신제품'] },
  { name: '제주 감귤 산지 직송 라이브', explanation: '제주 농장에서 바로 연결합니다.', type: 'live', state: 'onair', start: -5 * MIN, length: 90 * MIN, shop: 3, products: [11, 12, 13, 14], tags: ['제철과일', '산지직송'] },
  { name: '어반핏 홈트레이닝 라이브', explanation: '방송 중 연결이 잠시 끊겼습니다.', type: 'live', state: 'warning', start: -20 * MIN, length: HOUR, shop: 4, products: [15, 16, 17], tags: ['홈트', '운동'] },
  { name: '리허설: 봄 신상 미리보기', explanation: '본 방송 전 리허설입니다.', type: 'live', state: 'rehearsalonair', start: -15 * MIN, length: HOUR, shop: 0, products: [0], tags: ['리허설'] },
  { name: '늦게 시작하는 방송: 텀블러 타임세일', explanation: '진행자가 곧 입장합니다.', type: 'live', state: 'standby', start: -3 * MIN, length: HOUR, shop: 0, products: [19], tags: ['타임세일'] },
  // Ended: replays, catch-ups, uploaded VODs, and the ones that went wrong
  { name: '다시보기: 크리스마스 홈데코 라이브', explanation: '지난 라이브를 다시 볼 수 있습니다.', type: 'live', state: 'vod', start: -27 * HOUR, length: 90 * MIN, shop: 2, products: [8, 9, 10], tags: ['홈데코', '크리스마스'] },
  { name: '글로우랩 메이크업 클래스', explanation: '쿠션과 틴트로 완성하는 데일리 메이크업.', type: 'live', state: 'vod', start: -2 * DAY, length: HOUR, shop: 1, products: [5, 6], tags: ['메이크업'], durationAsString: true, numericPrices: true },
  { name: '한우 설 선물세트 특집', explanation: '설 명절 선물을 미리 준비하세요.', type: 'live', state: 'vod', start: -3 * DAY, length: 2 * HOUR, shop: 3, products: [12, 13], tags: ['설선물', '한우'] },
  { name: '[VOD] 5분 요가 스트레칭', explanation: '5분 스트레칭 영상.', type: 'vod', state: 'vod', start: -4 * DAY, length: 10 * MIN, shop: 4, products: [15], tags: ['요가'] },
  { name: '[VOD] 스킨케어 루틴 가이드', explanation: '계절별 스킨케어 순서를 알려 드립니다.', type: 'vod', state: 'vod', start: -6 * DAY, length: 15 * MIN, shop: 1, products: [3, 4, 5], tags: ['스킨케어', '가이드'] },
  { name: '캐치업: 주방용품 베스트 5', explanation: '라이브 하이라이트만 모았습니다.', type: 'catchup', state: 'vod', start: -21 * HOUR, length: 45 * MIN, shop: 2, products: [9, 10], tags: ['주방'] },
  { name: '캐치업: 러닝화 고르는 법', explanation: '발 모양에 맞는 러닝화 고르기.', type: 'catchup', state: 'vod', start: -(2 * DAY + 4 * HOUR), length: 30 * MIN, shop: 4, products: [16], tags: ['러닝'], durationAsString: true },
  { name: '방금 끝난 텀블러 라이브', explanation: 'VOD로 변환하고 있습니다.', type: 'live', state: 'converting', start: -3 * HOUR, length: 2 * HOUR, shop: 0, products: [19], tags: ['굿즈'] },
  { name: '장애로 중단된 감귤 라이브', explanation: '송출 장애로 방송이 중단되었습니다.', type: 'live', state: 'error', start: -5 * HOUR, length: HOUR, shop: 3, products: [11], tags: [] },
  { name: '취소된 방송: 겨울 아우터 대전', explanation: '사정으로 방송이 취소되었습니다.', type: 'live', state: 'cancel', start: -DAY, length: HOUR, shop: 0, products: [2, 20], tags: ['아우터'], noPreview: true },
  // Markup-looking text and the most products, to prove the widgets render text as text.
  { name: '<b>최대 70%</b> 봄맞이 세일 & 무료배송 "특가"', explanation: '<script>alert(1)</script> 는 글자로 보여야 합니다.', type: 'live', state: 'vod', start: -5 * DAY, length: HOUR, shop: 0, products: [0, 1, 2, 19, 20, 18], tags: ['세일', '<i>태그</i>'] },
  // Not started yet
  { name: '곧 시작! 무선청소기 앵콜 라이브', explanation: '준비가 끝났습니다. 곧 시작합니다.', type: 'live', state: 'ready', start: 15 * MIN, length: HOUR, shop: 2, products: [7], tags: ['앵콜'] },
  { name: '리허설 준비: 뷰티 신제품 발표', explanation: '리허설을 준비하고 있습니다.', type: 'live', state: 'rehearsal', start: 30 * MIN, length: HOUR, shop: 1, products: [4, 6], tags: ['신제품'] },
  { name: '캐시미어 머플러 스타일링 라이브', explanation: '캐시미어 머플러 스타일링 팁.', type: 'live', state: 'standby', start: 45 * MIN, length: HOUR, shop: 0, products: [1], tags: ['머플러'] },
  { name: '수제 그래놀라 먹방 라이브', explanation: '수제 그래놀라 3종 시식.', type: 'live', state: 'standby', start: 3 * HOUR, length: HOUR, shop: 3, products: [14, 11], tags: ['먹방'] },
  { name: '한정 수량 특가: 호텔식 구스 이불', explanation: '한정 수량 특가.', type: 'live', state: 'accepted', start: 5 * HOUR, length: HOUR, shop: 2, products: [8], tags: ['침구'] },
  { name: '출근 전 20분 홈트 라이브', explanation: '출근 전 20분 홈트.', type: 'live', state: 'accepted', start: DAY + HOUR, length: HOUR, shop: 4, products: [15, 17], tags: ['홈트'] },
  { name: '한우 1++ 등심 특가', explanation: '방송 시간 한정 한우 특가.', type: 'live', state: 'accepted', start: DAY + 4 * HOUR, length: 90 * MIN, shop: 3, products: [12], tags: ['한우'] },
  { name: '취소 예정: 롱패딩 재입고 라이브', explanation: '재입고 지연으로 취소되었습니다.', type: 'live', state: 'cancel', start: DAY + 6 * HOUR, length: HOUR, shop: 0, products: [2], tags: [], noPreview: true },
  { name: '립 틴트 신상 6종 공개', explanation: '신상 립 틴트 6종을 공개합니다.', type: 'live', state: 'standby', start: DAY + 9 * HOUR, length: HOUR, shop: 1, products: [6, 5], tags: ['립틴트'], noPreview: true },
  { name: '모레 주방 살림 라이브', explanation: '살림 고수의 주방 정리 팁.', type: 'live', state: 'accepted', start: 2 * DAY + 2 * HOUR, length: HOUR, shop: 2, products: [9, 10], tags: ['살림'] },
  { name: '주말 캠핑 먹거리 라이브', explanation: '캠핑장에서 바로 먹는 한우와 감귤.', type: 'live', state: 'accepted', start: 3 * DAY, length: 2 * HOUR, shop: 3, products: [11, 13, 12], tags: ['캠핑'] },
  { name: '다음 주 러닝 클래스', explanation: '초보 러너를 위한 클래스.', type: 'live', state: 'accepted', start: 7 * DAY, length: HOUR, shop: 4, products: [16], tags: ['러닝'], noPreview: true },
  { name: '다음 주 뷰티 위크 오프닝', explanation: '뷰티 위크 첫날, 전 품목 할인.', type: 'live', state: 'accepted', start: 7 * DAY + 5 * HOUR, length: 2 * HOUR, shop: 1, products: [3, 4, 5, 6], tags: ['뷰티위크'] },
  // A long name and no explanation, for truncation and optional fields.
  { name: '[단독] 겨울 한정 프리미엄 캐시미어 블렌드 오버사이즈 핸드메이드 더블 코트 신상 런칭 라이브 방송 – 무료배송 & 사은품 증정', type: 'live', state: 'accepted', start: 9 * DAY, length: HOUR, shop: 0, products: [20], tags: [] },
];

const STARTED: ReadonlySet<BroadcastStateCode> = new Set(['onair', 'warning', 'rehearsalonair', 'vod', 'converting', 'error']);
const ENDED: ReadonlySet<BroadcastStateCode> = new Set(['vod', 'converting', 'error']);

/** Rounds `now` down to 5 minutes, so fixture times look like a programmed schedule. */
export function fixtureAnchor(now: number): number {
  return Math.floor(now / (5 * MIN)) * (5 * MIN);
}

/** At least 30 broadcasts covering every broadcastStateCode; times are offsets from `now`. */
export function broadcastFixtures(now: number, origin: string, options: FixtureOptions = {}): Broadcast[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  const anchor = fixtureAnchor(now);
  return BROADCASTS.map((row, index) => {
    const broadcastId = broadcastIdAt(index, partnerId);
    const start = anchor + row.start;
    const end = start + row.length;
    const started = STARTED.has(row.state);
    const ended = ENDED.has(row.state);
    // Real starts slip a minute or two; an error cuts the broadcast short.
    const actualStart = start + ((index % 3) + 1) * MIN;
    const actualEnd = row.state === 'error' ? actualStart + 17 * MIN : actualStart + row.length - 2 * MIN;
    const seconds = ended ? (actualEnd - actualStart) / 1000 + (index % 7) / 10 : 0;
    const shop = SHOPS[row.shop]!;
    const broadcast: Broadcast = {
      partnerId,
      broadcastId,
      roomId: broadcastId,
      broadcastName: row.name,
      broadcastTypeCode: row.type,
      broadcastStateCode: row.state,
      programmingStartDt: new Date(start).toISOString(),
      programmingEndDt: new Date(end).toISOString(),
      broadcastStartDt: started ? new Date(actualStart).toISOString() : null,
      broadcastEndDt: ended ? new Date(actualEnd).toISOString() : null,
      totalDuration: row.durationAsString ? seconds.toFixed(6) : seconds,
      thumbnailList: [{ thumbnailUrl: img(origin, `broadcast-${index + 1}`), isRepresentative: true }],
      broadcastThumbnailList: [
        { thumbnailUrl: img(origin, `broadcast-${index + 1}`), isRepresentative: true },
        { thumbnailUrl: img(origin, `broadcast-${index + 1}-alt`), isRepresentative: false },
      ],
      hashTagList: row.tags,
      shortUrl: `${origin}/s/${shortCodeAt(index)}`,
      outputPath: `${origin}/player/broadcast/${broadcastId}`,
      shopName: shop.name,
      partnerProfileImageUrl: img(origin, shop.image),
      productListDetail: row.products.map((p) => listedProduct(origin, p, partnerId, row.numericPrices === true)),
      room: started
        ? { chatCounterInfo: (index * 37) % 500, incomingCounterInfo: 120 + index * 113, reactionCounterInfo: index * 29 }
        : { chatCounterInfo: 0, incomingCounterInfo: 0, reactionCounterInfo: 0 },
    };
    if (row.explanation !== undefined) broadcast.explanation = row.explanation;
    if (!row.noPreview) broadcast.previewUrl = `${origin}/media/preview/index.m3u8`;
    return broadcast;
  });
}

// ---- curations ---------------------------------------------------------------------------------

const CURATIONS = [
  { name: 'HOT Live', members: [0, 1, 2, 3, 18, 20, 21], isPublic: true },
  { name: '뷰티 특집', members: [1, 8, 11, 19, 26, 30], isPublic: true },
  { name: '리빙 VOD 모음', members: [7, 12, 14, 17], isPublic: true },
  { name: '주말 먹거리', members: [3, 9, 15, 24, 28], isPublic: true },
  { name: '비공개 테스트 큐레이션', members: [], isPublic: false },
];

/** The broadcasts of each curation, in the curation's own order. */
export function curationMembers(partnerId = DEFAULT_PARTNER_ID): Record<string, string[]> {
  return Object.fromEntries(CURATIONS.map((c, i) => [curationIdAt(i), c.members.map((m) => broadcastIdAt(m, partnerId))]));
}

export function curationFixtures(origin: string, options: FixtureOptions = {}): Curation[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  return CURATIONS.map((c, index) => ({
    curationId: curationIdAt(index),
    curationName: c.name,
    partnerId,
    partnerName: PARTNER_NAME,
    imageUrl: img(origin, `curation-${index + 1}`),
    ord: index + 1,
    isPublic: c.isPublic,
    liveCount: c.members.filter((m) => BROADCASTS[m]!.state !== 'vod').length,
    vodCount: c.members.filter((m) => BROADCASTS[m]!.state === 'vod').length,
    regDt: new Date(Date.UTC(2024, 1, 15 + index, 7, 15, 44, 837)).toISOString(),
  }));
}

// ---- coupons -----------------------------------------------------------------------------------

/** What the shop's coupon API knows about a coupon beyond what it shows. */
export interface CouponRule {
  /** Issued only in these broadcasts; unset: any. */
  broadcastIds?: string[];
  /** Applies only to these shop product codes; unset: any. */
  externalProductIds?: string[];
  /** Issuing always fails (FA1042), as a shop's coupon system sometimes does. */
  alwaysFails?: boolean;
  /** Members who hold it from the start. */
  issuedTo?: string[];
}

interface CouponRow {
  id: string;
  name: string;
  type: 'Rate' | 'Fixed';
  value: number;
  limitMaxPrice?: number;
  possiblePrice: number;
  maxIssueCount: number;
  startDays: number;
  endDays: number;
  isShow?: boolean;
  rule?: (partnerId: string) => CouponRule;
}

const COUPONS: CouponRow[] = [
  { id: 'CP-RATE-10', name: '라이브 시청 감사 10% 할인', type: 'Rate', value: 10, limitMaxPrice: 10000, possiblePrice: 30000, maxIssueCount: 100, startDays: -1, endDays: 7 },
  { id: 'CP-FIXED-3000', name: '3,000원 즉시 할인', type: 'Fixed', value: 3000, possiblePrice: 20000, maxIssueCount: 50, startDays: -2, endDays: 14 },
  { id: 'CP-EXHAUSTED', name: '선착순 50% 할인 (마감)', type: 'Rate', value: 50, limitMaxPrice: 20000, possiblePrice: 10000, maxIssueCount: 0, startDays: -3, endDays: 3 },
  { id: 'CP-EXPIRED', name: '지난 주 5,000원 쿠폰', type: 'Fixed', value: 5000, possiblePrice: 30000, maxIssueCount: 30, startDays: -10, endDays: -1 },
  { id: 'CP-UPCOMING', name: '오픈 예정 15% 쿠폰', type: 'Rate', value: 15, limitMaxPrice: 15000, possiblePrice: 50000, maxIssueCount: 30, startDays: 1, endDays: 8 },
  { id: 'CP-HIDDEN', name: '숨김 처리된 쿠폰', type: 'Fixed', value: 1000, possiblePrice: 0, maxIssueCount: 10, startDays: -1, endDays: 7, isShow: false },
  { id: 'CP-ALWAYS-FAILS', name: '발급 오류 테스트 쿠폰', type: 'Fixed', value: 1000, possiblePrice: 10000, maxIssueCount: 999, startDays: -1, endDays: 7, rule: () => ({ alwaysFails: true }) },
  { id: 'CP-WELCOME-2000', name: '신규 회원 2,000원 할인', type: 'Fixed', value: 2000, possiblePrice: 15000, maxIssueCount: 200, startDays: -30, endDays: 30, rule: () => ({ issuedTo: [DEMO_MEMBER_ID] }) },
  {
    id: 'CP-BEAUTY-20', name: '뷰티 위크 20% 할인', type: 'Rate', value: 20, limitMaxPrice: 8000, possiblePrice: 20000, maxIssueCount: 300, startDays: -1, endDays: 10,
    rule: (partnerId) => ({ broadcastIds: [1, 8, 11, 19, 30].map((i) => broadcastIdAt(i, partnerId)), externalProductIds: ['SFB-2001', 'SFB-2002', 'SFB-2004'] }),
  },
  {
    id: 'CP-FOOD-4000', name: '신선식품 4,000원 할인', type: 'Fixed', value: 4000, possiblePrice: 25000, maxIssueCount: 80, startDays: -1, endDays: 5,
    rule: (partnerId) => ({ broadcastIds: [3, 24, 28].map((i) => broadcastIdAt(i, partnerId)), externalProductIds: ['GFM-4001', 'GFM-4002', 'GFM-4003', 'GFM-4004'] }),
  },
];

/** The shop's coupons: Rate and Fixed, one exhausted, expired, not yet valid, hidden, failing, pre-issued. */
export function couponFixtures(now: number, options: FixtureOptions = {}): Coupon[] {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  const day0 = Math.floor(now / DAY) * DAY;
  return COUPONS.map((row) => ({
    couponId: row.id,
    couponName: row.name,
    partnerId,
    maxIssueCount: row.maxIssueCount,
    dcType: row.type,
    dcPrice: row.type === 'Fixed' ? row.value : 0,
    dcRate: row.type === 'Rate' ? row.value : 0,
    limitMaxPrice: row.type === 'Rate' ? (row.limitMaxPrice ?? 0) : row.value,
    possiblePrice: row.possiblePrice,
    startDt: new Date(day0 + row.startDays * DAY).toISOString(),
    endDt: new Date(day0 + row.endDays * DAY + DAY - 1000).toISOString(),
    isShow: row.isShow ?? true,
  }));
}

export function couponRules(options: FixtureOptions = {}): Record<string, CouponRule> {
  const partnerId = options.partnerId ?? DEFAULT_PARTNER_ID;
  return Object.fromEntries(COUPONS.map((row) => [row.id, row.rule?.(partnerId) ?? {}]));
}
