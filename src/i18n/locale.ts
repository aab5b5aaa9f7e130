/** The locale each interface language formats in: one table for the messages, the formats and the loader. */
import type { Lang } from '../store/config.js';

export const LOCALE: Record<Lang, string> = { ko: 'ko-KR', en: 'en-US' };
export const localeOf = (lang: Lang): string => LOCALE[lang];

const warmed = new Set<Lang>();

/**
 * The first `Intl` formatter of a locale loads that locale's data: `new Intl.NumberFormat('ko-KR')`
 * took ~12 ms, ~50 ms at the page bench's 4× CPU slowdown, where a second one took 0.03 ms (measured;
 * a profile of the page showed it as a third of the first schedule's render). The loader calls this
 * when it finds an element, so that the data loads while the page waits for the element's code, when
 * the main thread has nothing else to do; the elements' own (cached) formatters then cost little.
 */
export function warmLocale(lang: Lang): void {
  if (warmed.has(lang)) return;
  warmed.add(lang);
  // One formatter per idle task: together they would be a long task of their own.
  const steps = [
    () => new Intl.NumberFormat(LOCALE[lang]).format(1),
    () => new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(0),
    () => new Intl.PluralRules(LOCALE[lang]).select(1),
  ];
  const next = () => {
    steps.shift()?.();
    if (steps.length) later(next);
  };
  later(next);
}

const later = (task: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 500 }) : setTimeout(task));
