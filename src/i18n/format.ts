/**
 * Money, dates and durations through Intl, in the viewer's language and time zone. The API speaks
 * UTC ISO 8601; prices arrive as strings or numbers with the product's languageTag / currencyId /
 * currencyNotation. Formatters are cached: constructing Intl objects is the slow part.
 */
import type { Lang } from '../store/config.js';
import { msg } from './messages.js';
import { LOCALE } from './locale.js';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** A number from the API's price fields ("39000", 39000, "39,000"); NaN when it is not one. */
export function toAmount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value.replace(/,/g, ''));
  return Number.NaN;
}

export interface MoneyOptions {
  currencyId?: string;
  currencyNotation?: string;
  languageTag?: string;
}

/**
 * Format an amount in the product's currency. The viewer's language picks the digits' style
 * (₩39,000 / ₩39,000); an unknown currency code falls back to the notation the API gave.
 */
export function formatMoney(amount: unknown, lang: Lang, options: MoneyOptions = {}): string {
  const value = toAmount(amount);
  if (!Number.isFinite(value)) return '';
  const currency = options.currencyId ?? 'KRW';
  const locale = LOCALE[lang];
  try {
    return cached(`money|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: 'currency', currency })).format(value);
  } catch {
    const digits = cached(`number|${locale}`, () => new Intl.NumberFormat(locale)).format(value);
    const notation = options.currencyNotation ?? currency;
    return lang === 'ko' && notation === '원' ? `${digits}원` : `${notation}${digits}`;
  }
}

export function formatPercent(rate: unknown, lang: Lang): string {
  const value = toAmount(rate);
  if (!Number.isFinite(value)) return '';
  // Whole percents, as shops show them ("21%", not "21.2%"); Intl rounds half away from zero.
  return cached(`pct|${LOCALE[lang]}`, () => new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 0 })).format(value / 100);
}

export function formatCount(value: number, lang: Lang): string {
  return cached(`compact|${LOCALE[lang]}`, () => new Intl.NumberFormat(LOCALE[lang], { notation: 'compact', maximumFractionDigits: 1 })).format(value);
}

/** "오후 8:00" / "8:00 PM" in the viewer's zone. */
export function formatTime(date: Date, lang: Lang, timeZone?: string): string {
  return cached(`time|${LOCALE[lang]}|${timeZone}`, () => new Intl.DateTimeFormat(LOCALE[lang], { hour: 'numeric', minute: '2-digit', timeZone })).format(date);
}

/** "11월 24일 (화)" / "Tue, Nov 24". */
export function formatDay(date: Date, lang: Lang, timeZone?: string): string {
  return cached(`day|${LOCALE[lang]}|${timeZone}`, () => new Intl.DateTimeFormat(LOCALE[lang], { month: 'short', day: 'numeric', weekday: 'short', timeZone })).format(date);
}

export function formatDateTime(date: Date, lang: Lang, timeZone?: string): string {
  return cached(`dt|${LOCALE[lang]}|${timeZone}`, () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(date);
}

/** The calendar day of `date` in `timeZone` as YYYY-MM-DD: the key for grouping by day. */
export function dayKey(date: Date, timeZone?: string): string {
  const time = date.getTime();
  if (Number.isNaN(time)) return '--';
  // The zone's offset is read once per quarter hour (offsets change on quarter hours at most) and
  // added to the time: formatToParts for every card and every "today" was a schedule's slowest call.
  const quarter = Math.floor(time / QUARTER_HOUR);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 2000) offsets.clear();
    offset = zoneOffset(new Date(quarter * QUARTER_HOUR), timeZone);
    offsets.set(key, offset);
  }
  return new Date(time + offset).toISOString().slice(0, 10);
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

/** How far `timeZone`'s wall clock is ahead of UTC at `date`, in ms. */
function zoneOffset(date: Date, timeZone?: string): number {
  const parts = cached(`key|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23', timeZone }),
  ).formatToParts(date);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - (date.getTime() - date.getUTCMilliseconds());
}

/** 오늘 / 내일 / 어제, else the formatted date, counted in the viewer's zone. */
export function dayLabel(date: Date, now: Date, lang: Lang, timeZone?: string): string {
  const diff = daysBetween(dayKey(now, timeZone), dayKey(date, timeZone));
  if (diff === 0) return msg(lang, 'day.today');
  if (diff === 1) return msg(lang, 'day.tomorrow');
  if (diff === -1) return msg(lang, 'day.yesterday');
  return formatDay(date, lang, timeZone);
}

function daysBetween(fromKey: string, toKey: string): number {
  return Math.round((Date.parse(`${toKey}T00:00:00Z`) - Date.parse(`${fromKey}T00:00:00Z`)) / 86_400_000);
}

/** "2시간 5분" / "2h 5m": the two largest units, for countdowns. */
export function formatDuration(ms: number, lang: Lang): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const units: [number, Parameters<typeof msg>[1]][] = [
    [Math.floor(total / 86_400), 'time.days'],
    [Math.floor((total % 86_400) / 3600), 'time.hours'],
    [Math.floor((total % 3600) / 60), 'time.minutes'],
    [total % 60, 'time.seconds'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  if (first === -1) return msg(lang, 'time.seconds', { n: 0 });
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, key]) => msg(lang, key, { n }))
    .join(' ');
}

/** A parsed API time, or undefined when the API sent something that is not one. */
export function parseApiDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
