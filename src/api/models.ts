/**
 * Types of the sauceFlex front API, read from the integration guide (v1.7.1).
 * Field names are the guide's; where the guide's tables and its examples disagree on a type
 * (prices are strings in examples and numbers in tables), the union says so and `money.ts`
 * normalises it. Every API time is an ISO 8601 string in UTC.
 */

/** The envelope every sauceFlex answer comes in. `SU0000` is success. */
export interface Envelope<T> {
  code: string;
  message: string;
  timestamp?: number;
  response?: T;
}

/** FA1010's body: which parameters were refused and why. */
export interface ValidErrorBody {
  validError: string[];
}

export const BroadcastStateCode = {
  accepted: 'accepted',
  standby: 'standby',
  ready: 'ready',
  onair: 'onair',
  vod: 'vod',
  error: 'error',
  warning: 'warning',
  converting: 'converting',
  rehearsal: 'rehearsal',
  rehearsalonair: 'rehearsalonair',
  cancel: 'cancel',
} as const;
export type BroadcastStateCode = (typeof BroadcastStateCode)[keyof typeof BroadcastStateCode];

/** True when `value` is one of the codes of a `const` code table (`BroadcastStateCode`, …). */
export function isKnownCode<C extends Record<string, string>>(table: C, value: unknown): value is C[keyof C] {
  return typeof value === 'string' && Object.values(table).includes(value);
}

export const BroadcastTypeCode = { live: 'live', catchup: 'catchup', vod: 'vod' } as const;
export type BroadcastTypeCode = (typeof BroadcastTypeCode)[keyof typeof BroadcastTypeCode];

export const PriceTypeCode = { basic: 'basic', text: 'text', hide: 'hide' } as const;
export type PriceTypeCode = (typeof PriceTypeCode)[keyof typeof PriceTypeCode];

export const DiscountTypeCode = { rate: 'rate', none: 'none' } as const;
export type DiscountTypeCode = (typeof DiscountTypeCode)[keyof typeof DiscountTypeCode];

/** `searchType` of GET /front/broadcast: 0 live+catchup, 1 vod, 2 all, 3 live, 4 catchup. */
export const SearchType = { liveAndCatchup: '0', vod: '1', all: '2', live: '3', catchup: '4' } as const;
export type SearchType = (typeof SearchType)[keyof typeof SearchType];

export interface Thumbnail {
  thumbnailUrl: string;
  isRepresentative: boolean;
}

/** A product as listed inside a broadcast (`productListDetail`). */
export interface BroadcastProduct {
  productId: string;
  productName: string;
  externalProductId?: string | null;
  productThumbnailUrlList: Thumbnail[];
  priceTypeCode: PriceTypeCode;
  price: string | number;
  sellingPrice: string | number;
  discountTypeCode: DiscountTypeCode;
  discountRate: string | number;
  discountPrice?: string | number;
  /** Not in the guide's list model, but present on product details; kept when the API sends it. */
  brandName?: string;
  redirectUrl?: string;
  isSoldout?: 0 | 1;
  languageTag?: string;
  currencyId?: string;
  currencyNotation?: string;
}

export interface RoomCounters {
  chatCounterInfo: number;
  incomingCounterInfo: number;
  reactionCounterInfo: number;
}

export interface Broadcast {
  partnerId?: string;
  broadcastId: string;
  roomId?: string;
  broadcastName: string;
  explanation?: string;
  broadcastTypeCode: BroadcastTypeCode;
  broadcastStateCode: BroadcastStateCode;
  programmingStartDt: string;
  programmingEndDt: string;
  broadcastStartDt?: string | null;
  broadcastEndDt?: string | null;
  /** Seconds; the guide sends it as a number or a numeric string. */
  totalDuration?: number | string;
  thumbnailList?: Thumbnail[];
  broadcastThumbnailList?: Thumbnail[];
  hashTagList?: string[];
  shortUrl?: string;
  outputPath?: string;
  previewUrl?: string;
  shopName?: string;
  partnerProfileImageUrl?: string;
  productListDetail?: BroadcastProduct[];
  room?: RoomCounters;
}

/** A page of a paged list. `nextKey` is present when there is more. */
export interface Page<T> {
  totalCount: number;
  count: number;
  nextKey?: string | null;
  items: T[];
}

export interface Curation {
  curationId: string;
  curationName?: string;
  partnerId: string;
  partnerName: string;
  imageUrl: string;
  ord: number;
  isPublic: boolean;
  liveCount: number;
  vodCount: number;
  regDt: string;
}

/** A product's full details (GET /front/product/{productId}, admin token required). */
export interface Product extends BroadcastProduct {
  productCategoryId1: string;
  productCategoryId2: string;
  productEventTypeCode?: 'basic' | 'event';
  productTypeCode?: 'brand' | 'soho';
  brandName: string;
  explanation?: string;
  redirectUrl: string;
  isSoldout: 0 | 1;
  liveCount: number;
  vodCount: number;
  countryId?: string;
  currencyId?: string;
  languageTag?: string;
  currencyNotation?: string;
  regDt?: string;
  modDt?: string;
}

/** GET /authorize and POST /token answer. Times are epoch seconds. */
export interface AdminTokens {
  accessToken: string;
  refreshToken: string;
  accessIat: number;
  accessExp: number;
  refreshIat: number;
  refreshExp: number;
  partnerId: string;
  partnerName: string;
  userId: string;
  userName: string;
  userNickName: string;
  locale: string;
  roleCode: string;
}

/** The viewer JWT's claims (회원 연동). All values are strings in the guide. */
export interface ViewerClaims {
  partnerId: string;
  memberId: string;
  nickName?: string;
  age?: '10' | '20' | '30' | '40' | '50' | '60' | 'etc';
  gender?: 'm' | 'w' | 'e';
  memberType?: '0' | '1';
}

/** One purchase report (결제 트래킹). The guide sends every value as a string. */
export interface PaymentReport {
  orderCallBackId: string;
  orderId: string;
  /** ISO 8601, e.g. 2021-01-01T01:00:00.000Z */
  payClickTime: string;
  productQuantity: string;
  amount: string;
  memberId: string;
}

export interface PaymentsResult {
  success: { orderCallBackId: string }[];
  fail: { orderCallBackId: string; messageCode: string }[];
}

export interface PaymentUpdate {
  orderCallBackId: string;
  orderId: string;
  findProductQuantity: string;
  findAmount: string;
  updateProductQuantity: string;
  updateAmount: string;
}

export interface PaymentCancel {
  orderCallBackId: string;
  orderId: string;
  payCancelTime: string;
}

/** A coupon from the shop's own coupon API (쿠폰 연동). */
export interface Coupon {
  couponId: string;
  couponName: string;
  partnerId: string;
  /** 0 means none are left. */
  maxIssueCount: number;
  dcType: 'Rate' | 'Fixed';
  dcPrice: number;
  dcRate: number;
  limitMaxPrice: number;
  possiblePrice: number;
  startDt: string;
  endDt: string;
  isShow: boolean;
  /** Present when the list was asked for with a viewer accessToken: has this viewer got it already. */
  isIssued?: boolean;
}

/** Codes of the guide's error table that the widgets and the backend act upon. */
/** The counters of GET /front/analysis/broadcast/{partnerId}/{broadcastId}/timeSeries, per point. */
export interface AnalysisCounts {
  chatCount: number;
  orderCount: number;
  likeCount: number;
  /** Distinct viewers. */
  uniqueVisitor: number;
  productClickCount: number;
  pageView: number;
}

/** GET /front/analysis/broadcast/{partnerId}/{broadcastId}: a broadcast's totals over a time range. */
export interface BroadcastAnalysis extends AnalysisCounts {
  /** Total watch time, seconds. */
  playTime: number;
  /** Watch time per viewer, seconds. */
  avgPlayTime: number;
  avgProductClickCount: number;
  /** Viewers and views by age band: 10, 20, 30, 40, 50, gte60, etc (guests and unknown). */
  age: Record<string, { uniqueVisitor: number; pageView: number }>;
}

/** One bucket of the time series; sauceFlex gives `date` as local wall-clock time of the `tzo` asked. */
export interface AnalysisPoint extends AnalysisCounts {
  date: string;
}

export const AnalysisInterval = { minute: '1m', tenMinutes: '10m', hour: '1h' } as const;
export type AnalysisInterval = (typeof AnalysisInterval)[keyof typeof AnalysisInterval];

/** One point of our backend's stats answer: the bucket's start as an ISO instant (UTC). */
export interface StatsPoint extends AnalysisCounts {
  at: string;
}

/** What our backend's `GET {stats}/:broadcastId` answers: the two analysis routes, over one range. */
export interface BroadcastStats {
  broadcastId: string;
  broadcastName: string;
  /** ISO instants. */
  from: string;
  to: string;
  interval: AnalysisInterval;
  totals: BroadcastAnalysis;
  series: StatsPoint[];
}

export const ErrorCode = {
  success: 'SU0000',
  noAccount: 'FA1000',
  accountMismatch: 'FA1006',
  invalidToken: 'FA1007',
  expiredToken: 'FA1008',
  forbidden: 'FA1009',
  badParameter: 'FA1010',
  internal: 'FA1011',
  noPartner: 'FA1012',
  badCuration: 'FA1018',
  unknownProduct: 'FA1026',
  unknownOrderCallBackId: 'FA1027',
  usedOrderCallBackId: 'FA1028',
  noMatchingPayment: 'FA1031',
  badCoupon: 'FA1040',
  couponAlreadyIssued: 'FA1041',
  couponIssueFailed: 'FA1042',
  paymentAlreadyDeleted: 'FA1125',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
