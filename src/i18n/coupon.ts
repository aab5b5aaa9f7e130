/** The coupon panel's strings (Korean and English) and its date-range formatting. */
import type { Lang } from '../store/config.js';
import { localeOf } from './locale.js';
import { defineMessages, type Message } from './messages.js';

const ko = {
  'coupon.list': '쿠폰',
  'coupon.loading': '쿠폰을 불러오는 중',
  'coupon.empty': '지금 받을 수 있는 쿠폰이 없습니다.',
  'coupon.error': '쿠폰을 불러오지 못했습니다.',
  'coupon.count': '쿠폰 {n}장',
  'coupon.discount': '{value} 할인',
  'coupon.cap': '최대 {amount} 할인',
  'coupon.minimum': '{amount} 이상 구매 시',
  'coupon.noMinimum': '최소 주문 금액 없음',
  'coupon.validity': '사용 기간',
  'coupon.left': '{n}장 남음',
  'coupon.exhausted': '선착순 마감',
  'coupon.upcoming': '{date}부터 받을 수 있어요',
  'coupon.expired': '사용 기간이 끝났습니다',
  'coupon.failed': '발급하지 못했습니다. 다시 시도해 주세요.',
  'coupon.error.issue': '발급 여부를 확인하지 못했습니다. 다시 시도해 주세요.',
  'coupon.unauthorized': '로그인이 만료되었습니다. 다시 로그인해 주세요.',
  'button.get': '쿠폰 받기',
  'button.login': '로그인하고 받기',
  'button.issuing': '발급 중…',
  'button.issued': '발급 완료',
  'button.already': '받은 쿠폰',
  'button.retry': '다시 받기',
  'button.exhausted': '마감',
  'button.upcoming': '오픈 예정',
  'button.expired': '기간 만료',
  'button.unknown': '받을 수 없음',
  'announce.issued': '‘{name}’ 쿠폰을 받았습니다.',
  'announce.already': '‘{name}’ 쿠폰은 이미 받은 쿠폰입니다.',
  'announce.failed': '‘{name}’ 쿠폰을 발급하지 못했습니다. 다시 시도할 수 있습니다.',
  'announce.exhausted': '‘{name}’ 쿠폰이 모두 소진되었습니다.',
  'announce.unknown': '‘{name}’ 쿠폰은 받을 수 없는 쿠폰입니다.',
  'announce.unauthorized': '로그인이 만료되어 ‘{name}’ 쿠폰을 받지 못했습니다. 다시 로그인해 주세요.',
  'announce.error': '‘{name}’ 쿠폰 발급 중 문제가 생겼습니다. 다시 시도해 주세요.',
  'announce.login': '쿠폰을 받으려면 로그인해 주세요.',
  'coupon.loginPrompt': '로그인하면 이 쿠폰을 받을 수 있어요.',
} as const;

export type CouponMessageKey = keyof typeof ko;

const en: Record<CouponMessageKey, Message> = {
  'coupon.list': 'Coupons',
  'coupon.loading': 'Loading coupons',
  'coupon.empty': 'No coupons available right now.',
  'coupon.error': 'Could not load coupons.',
  'coupon.count': { one: '{n} coupon', other: '{n} coupons' },
  'coupon.discount': '{value} off',
  'coupon.cap': 'Up to {amount} off',
  'coupon.minimum': 'On orders of {amount} or more',
  'coupon.noMinimum': 'No minimum order',
  'coupon.validity': 'Valid',
  'coupon.left': '{n} left',
  'coupon.exhausted': 'All claimed',
  'coupon.upcoming': 'Available from {date}',
  'coupon.expired': 'This coupon has expired',
  'coupon.failed': 'Could not issue it. Please try again.',
  'coupon.error.issue': 'Could not confirm the coupon. Please try again.',
  'coupon.unauthorized': 'Your sign-in has expired. Please sign in again.',
  'button.get': 'Get coupon',
  'button.login': 'Sign in to get',
  'button.issuing': 'Issuing…',
  'button.issued': 'Issued',
  'button.already': 'Already yours',
  'button.retry': 'Try again',
  'button.exhausted': 'All claimed',
  'button.upcoming': 'Coming soon',
  'button.expired': 'Expired',
  'button.unknown': 'Unavailable',
  'announce.issued': 'Coupon “{name}” is yours.',
  'announce.already': 'You already have the coupon “{name}”.',
  'announce.failed': 'Could not issue the coupon “{name}”. You can try again.',
  'announce.exhausted': 'The coupon “{name}” is all claimed.',
  'announce.unknown': 'The coupon “{name}” is not available.',
  'announce.unauthorized': 'Your sign-in has expired, so the coupon “{name}” was not issued. Please sign in again.',
  'announce.error': 'Something went wrong issuing the coupon “{name}”. Please try again.',
  'announce.login': 'Please sign in to get coupons.',
  'coupon.loginPrompt': 'Sign in to get this coupon.',
};

export const couponMsg = defineMessages<CouponMessageKey>({ ko, en });

const formats = new Map<string, Intl.DateTimeFormat>();
function cachedFormat(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/**
 * A coupon's validity in the viewer's zone, as one range: "11월 22일 오전 12:00 ~ 11월 30일 오후 11:59"
 * / "Nov 22, 12:00 AM – Nov 30, 11:59 PM". The year is shown when either end is not in this year.
 */
export function formatValidity(start: Date, end: Date, lang: Lang, timeZone?: string, now: Date = new Date()): string {
  const year = (date: Date) => cachedFormat(`year|${timeZone}`, () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', timeZone })).format(date);
  const withYear = year(start) !== year(now) || year(end) !== year(now);
  const format = cachedFormat(`range|${lang}|${timeZone}|${withYear}`, () =>
    new Intl.DateTimeFormat(localeOf(lang), {
      year: withYear ? 'numeric' : undefined,
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZone,
    }),
  );
  return format.formatRange(start, end);
}

/** A coupon's opening time, short: "11월 24일 오전 12:00" / "Nov 24, 12:00 AM". */
export function formatOpening(date: Date, lang: Lang, timeZone?: string): string {
  return cachedFormat(`open|${lang}|${timeZone}`, () =>
    new Intl.DateTimeFormat(localeOf(lang), { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone }),
  ).format(date);
}
