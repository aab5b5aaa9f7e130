/**
 * Configuration from three places, weakest first: `configure({...})` in JS, then the page-wide
 * layer (`<sf-config>` or `data-*` on the script tag), then each element's own attributes.
 * The first two live here, in one zustand store; elements merge their attributes on top with
 * `resolveConfig()`.
 */
import { createStore } from 'zustand/vanilla';

export type Lang = 'ko' | 'en';
/** The shopper's say on storage (cookies, localStorage): `pending` until asked, then `granted` or `denied`. */
export type Consent = 'pending' | 'granted' | 'denied';
/** Where the widgets' measurements go besides their `sf-` events: `datalayer` pushes GA4 events to `window.dataLayer`. */
export type Analytics = 'datalayer' | 'none';

export interface SfConfig {
  /** The partner id sauceFlex issued (`partner-id`). Required. */
  partnerId?: string;
  /** sauceFlex API base, e.g. https://api.sauceFlex.com/V1 (`api-base`). */
  apiBase?: string;
  /** The backend route that answers `{ token, expiresAt }` for the current shopper (`token-endpoint`). */
  tokenEndpoint?: string;
  /** The backend route that serves product details by id (`product-endpoint`). */
  productEndpoint?: string;
  /** The backend route that serves a broadcast's stats to the partner's staff (`stats-endpoint`). */
  statsEndpoint?: string;
  /** The shop's coupon list endpoint (`coupon-endpoint`). */
  couponEndpoint?: string;
  /** The shop's coupon issue endpoint (`coupon-issue-endpoint`). */
  couponIssueEndpoint?: string;
  /** Interface language (`lang`): ko or en. */
  lang?: Lang;
  /** IANA time zone for dates (`time-zone`); the viewer's own by default. */
  timeZone?: string;
  /** A URL to load hls.js from instead of the bundled chunk (`hls-src`). */
  hlsSrc?: string;
  /** The shop's login page, opened with a return URL when a guest asks for a coupon (`login-url`). */
  loginUrl?: string;
  /** Storage consent (`consent`): until `granted` nothing is written to cookies or storage. Unset: granted, unless Google Consent Mode says otherwise. */
  consent?: Consent;
  /** `datalayer` pushes GA4 events to `window.dataLayer` (`analytics`); off by default. */
  analytics?: Analytics;
}

/** Attribute name of each option, for messages that tell a CMS editor what to fix. */
export const CONFIG_ATTRIBUTES = {
  partnerId: 'partner-id',
  apiBase: 'api-base',
  tokenEndpoint: 'token-endpoint',
  productEndpoint: 'product-endpoint',
  statsEndpoint: 'stats-endpoint',
  couponEndpoint: 'coupon-endpoint',
  couponIssueEndpoint: 'coupon-issue-endpoint',
  lang: 'lang',
  timeZone: 'time-zone',
  hlsSrc: 'hls-src',
  loginUrl: 'login-url',
  consent: 'consent',
  analytics: 'analytics',
} as const satisfies Record<keyof SfConfig, string>;

export const DEFAULT_API_BASE = 'https://api.sauceFlex.com/V1';

export interface ConfigState {
  /** From `configure()`. */
  script: SfConfig;
  /** From `<sf-config>` or the script tag's data-* attributes. */
  page: SfConfig;
}

export const configStore = createStore<ConfigState>()(() => ({ script: {}, page: {} }));

/** Set options from JavaScript; the weakest of the three layers. Returns the merged JS layer. */
export function configure(options: SfConfig): SfConfig {
  configStore.setState((state) => ({ script: { ...state.script, ...defined(options) } }));
  return configStore.getState().script;
}

/** The page-wide layer; `<sf-config>` calls this whenever its attributes change. */
export function setPageConfig(options: SfConfig): void {
  configStore.setState({ page: defined(options) });
}

/** Merge the layers with an element's own attributes (strongest) and fill the defaults. */
export function resolveConfig(own: SfConfig = {}, state: ConfigState = configStore.getState()): Required<Pick<SfConfig, 'apiBase' | 'lang'>> & SfConfig {
  const merged = { ...state.script, ...state.page, ...defined(own) };
  return { ...merged, apiBase: merged.apiBase ?? DEFAULT_API_BASE, lang: merged.lang ?? documentLang() };
}

export interface ConfigProblem {
  attribute: string;
  message: string;
}

/** What stops an element from working, each naming the attribute to fix. */
export function configProblems(config: SfConfig, needs: ReadonlyArray<keyof SfConfig> = ['partnerId', 'apiBase']): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const key of needs) {
    const value = config[key];
    const attribute = CONFIG_ATTRIBUTES[key];
    if (value === undefined || value === '') {
      problems.push({ attribute, message: `${attribute} is missing` });
    } else if (key !== 'partnerId' && key !== 'lang' && key !== 'timeZone' && !isHttpUrl(String(value))) {
      problems.push({ attribute, message: `${attribute} must be an http(s) URL, got "${String(value).slice(0, 80)}"` });
    }
  }
  if (config.partnerId !== undefined && config.partnerId !== '' && !/^[\w.-]{1,64}$/.test(config.partnerId)) {
    problems.push({ attribute: 'partner-id', message: `partner-id "${config.partnerId.slice(0, 80)}" is not a partner id` });
  }
  return problems;
}

/** http(s) URLs, absolute or relative to the page (a backend route like `/sauceflex/token`). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value, globalThis.location?.href ?? 'http://localhost/');
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The page's language when the config names none: <html lang>, then the browser's. */
export function documentLang(): Lang {
  const candidates = [globalThis.document?.documentElement?.lang, globalThis.navigator?.language];
  for (const candidate of candidates) {
    if (candidate) return candidate.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  }
  return 'ko';
}

export function toLang(value: string | null | undefined): Lang | undefined {
  if (!value) return undefined;
  const lower = value.toLowerCase();
  return lower.startsWith('ko') ? 'ko' : lower.startsWith('en') ? 'en' : undefined;
}

/** Read options from a set of attributes named as in `CONFIG_ATTRIBUTES` (with an optional prefix). */
export function configFromAttributes(read: (name: string) => string | null, prefix = ''): SfConfig {
  const config: SfConfig = {};
  for (const [key, attribute] of Object.entries(CONFIG_ATTRIBUTES) as [keyof SfConfig, string][]) {
    const value = read(prefix + attribute);
    if (value === null || value.trim() === '') continue;
    // consent and analytics are checked where they are used (tracking/consent.ts, shared/analytics.ts).
    if (key === 'lang') config.lang = toLang(value);
    else (config as Record<string, string>)[key] = value.trim();
  }
  return config;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}
