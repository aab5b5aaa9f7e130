/** Every string an element shows, in Korean and English. Keys say where the string is used. */
import type { Lang } from '../store/config.js';
import { LOCALE } from './locale.js';

const ko = {
  'state.live': 'LIVE',
  'state.upcoming': '방송 예정',
  'state.replay': '다시보기',
  'state.cancel': '방송 취소',
  'state.paused': '일시 중단',
  'state.ended': '방송 종료',
  'state.converting': '다시보기 준비 중',
  'day.today': '오늘',
  'day.tomorrow': '내일',
  'day.yesterday': '어제',
  'countdown.label': '다음 방송까지',
  'countdown.startsIn': '{time} 후 시작',
  'countdown.soon': '곧 시작',
  'time.days': '{n}일',
  'time.hours': '{n}시간',
  'time.minutes': '{n}분',
  'time.seconds': '{n}초',
  'schedule.title': '라이브 방송',
  'schedule.empty': '예정된 방송이 없습니다.',
  'schedule.emptySearch': '"{query}"에 맞는 방송이 없습니다.',
  'schedule.more': '방송 더 보기',
  'schedule.loadingMore': '불러오는 중…',
  'schedule.loading': '방송 목록을 불러오는 중',
  'schedule.count': '방송 {n}개',
  'card.viewers': '시청 {n}',
  'card.products': '상품 {n}개',
  'card.watch': '방송 보기',
  'card.notFound': '방송을 찾을 수 없습니다.',
  'error.load': '불러오지 못했습니다.',
  'error.retry': '다시 시도',
  'error.config': '설정 오류: {detail}',
  'error.timeout': '응답이 늦어지고 있습니다. 잠시 후 다시 시도해 주세요.',
  'error.network': '네트워크 연결을 확인해 주세요.',
  'error.csp': '이 페이지의 콘텐츠 보안 정책(CSP)이 막았습니다. 정책에 {directive}을(를) 추가해야 합니다.',
} as const;

export type MessageKey = keyof typeof ko;

const en: Record<MessageKey, Message> = {
  'state.live': 'LIVE',
  'state.upcoming': 'Upcoming',
  'state.replay': 'Replay',
  'state.cancel': 'Cancelled',
  'state.paused': 'Interrupted',
  'state.ended': 'Ended',
  'state.converting': 'Replay coming soon',
  'day.today': 'Today',
  'day.tomorrow': 'Tomorrow',
  'day.yesterday': 'Yesterday',
  'countdown.label': 'Next broadcast in',
  'countdown.startsIn': 'Starts in {time}',
  'countdown.soon': 'Starting soon',
  'time.days': '{n}d',
  'time.hours': '{n}h',
  'time.minutes': '{n}m',
  'time.seconds': '{n}s',
  'schedule.title': 'Live shopping',
  'schedule.empty': 'No broadcasts scheduled.',
  'schedule.emptySearch': 'No broadcasts match "{query}".',
  'schedule.more': 'More broadcasts',
  'schedule.loadingMore': 'Loading…',
  'schedule.loading': 'Loading broadcasts',
  'schedule.count': { one: '{n} broadcast', other: '{n} broadcasts' },
  'card.viewers': { one: '{n} view', other: '{n} views' },
  'card.products': { one: '{n} product', other: '{n} products' },
  'card.watch': 'Watch',
  'card.notFound': 'Broadcast not found.',
  'error.load': 'Could not load.',
  'error.retry': 'Try again',
  'error.config': 'Configuration error: {detail}',
  'error.timeout': 'The server is slow to answer. Please try again in a moment.',
  'error.network': 'Please check your network connection.',
  'error.csp': "Blocked by this page's Content Security Policy: it needs {directive}.",
};

/** A message, or one per plural category (`Intl.PluralRules`: Korean has only `other`, English `one` and `other`). */
export type Message = string | ({ other: string } & Partial<Record<Intl.LDMLPluralRule, string>>);

/**
 * `n` (or, when `n` is shown pre-formatted, `count`) is the count a message carries: a number picks
 * the plural form and is shown with the language's digit grouping ("1,234").
 */
export type Messages<K extends string> = (lang: Lang, key: K, params?: Record<string, string | number>) => string;

const plurals = new Map<Lang, Intl.PluralRules>();
const numbers = new Map<Lang, Intl.NumberFormat>();
const pluralOf = (lang: Lang) => plurals.get(lang) ?? plurals.set(lang, new Intl.PluralRules(LOCALE[lang])).get(lang)!;
const numberOf = (lang: Lang) => numbers.get(lang) ?? numbers.set(lang, new Intl.NumberFormat(LOCALE[lang])).get(lang)!;

/**
 * A message catalog for one area (each element family keeps its strings in `src/i18n/<area>.ts`
 * and builds its own lookup with this). English must have every Korean key: the type says so.
 */
export function defineMessages<K extends string>(catalog: { ko: Record<K, Message>; en: Record<K, Message> }): Messages<K> {
  return (lang, key, params = {}) => {
    const language: Lang = catalog[lang] ? lang : 'ko';
    const message = catalog[language][key] ?? catalog.ko[key];
    const count = typeof params.count === 'number' ? params.count : typeof params.n === 'number' ? params.n : undefined;
    const template = typeof message === 'string' ? message : (count === undefined ? undefined : message[pluralOf(language).select(count)]) ?? message.other;
    if (!template.includes('{')) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (!(name in params)) return whole;
      const value = params[name]!;
      return typeof value === 'number' ? numberOf(language).format(value) : value;
    });
  };
}

/** Strings shared by every element (states, days, errors) and the schedule's own. */
export const msg = defineMessages<MessageKey>({ ko, en });
