/**
 * How a product shows on a card, as pure functions (no DOM): the price by `priceTypeCode`, the
 * picture, sold out. Kept apart from the element so every rule here is tested on its own.
 *
 * | priceTypeCode | the card shows |
 * |---|---|
 * | `basic`, discounted (`discountTypeCode` rate, selling price below price) | discount badge (rate) on the picture; the selling price; the price struck through; the amount saved |
 * | `basic`, not discounted | the selling price (or the price when the selling price is 0 or missing, as in the guide's example) |
 * | `text` | the `price` field as text (e.g. "방송에서 공개"), nothing formatted |
 * | `hide` | no price at all |
 * | anything else | as `basic` when the price is a number, else as `text` |
 */
import type { BroadcastProduct, Thumbnail } from '../../api/models.js';
import { formatMoney, formatPercent, toAmount } from '../../i18n/format.js';
import type { Lang } from '../../store/config.js';
import { safeUrl } from '../../shared/safe-url.js';

export type PriceView =
  | {
      kind: 'basic';
      /** What the shopper pays, as a number (for events) and formatted. */
      amount: number;
      price: string;
      /** Present when discounted: the regular price, the rate ("34%") and the amount saved, formatted. */
      original?: string;
      rate?: string;
      saved?: string;
    }
  | { kind: 'text'; text: string }
  | { kind: 'hide' };

type PriceFields = Pick<
  BroadcastProduct,
  'priceTypeCode' | 'price' | 'sellingPrice' | 'discountTypeCode' | 'discountRate' | 'discountPrice' | 'currencyId' | 'currencyNotation' | 'languageTag'
>;

export function priceView(product: PriceFields, lang: Lang): PriceView {
  const code = String(product.priceTypeCode ?? '');
  if (code === 'hide') return { kind: 'hide' };
  const price = toAmount(product.price);
  if (code === 'text' || !Number.isFinite(price)) {
    const text = typeof product.price === 'string' ? product.price.trim() : Number.isFinite(price) ? String(price) : '';
    return text ? { kind: 'text', text } : { kind: 'hide' };
  }
  const money = { currencyId: product.currencyId, currencyNotation: product.currencyNotation, languageTag: product.languageTag };
  const selling = toAmount(product.sellingPrice);
  // The guide's own example sends sellingPrice "0" with no discount: the price is then what is paid.
  const amount = Number.isFinite(selling) && selling > 0 ? selling : price;
  const view: PriceView = { kind: 'basic', amount, price: formatMoney(amount, lang, money) };
  if (product.discountTypeCode === 'rate' && amount < price) {
    const given = toAmount(product.discountRate);
    const rate = Number.isFinite(given) && given > 0 ? given : (1 - amount / price) * 100;
    const listed = toAmount(product.discountPrice);
    const saved = Number.isFinite(listed) && listed > 0 ? listed : price - amount;
    view.original = formatMoney(price, lang, money);
    view.rate = formatPercent(rate, lang);
    view.saved = formatMoney(saved, lang, money);
  }
  return view;
}

/** The number a shop's analytics want for the click: what is paid, for basic prices only. */
export function clickPrice(view: PriceView): number | undefined {
  return view.kind === 'basic' ? view.amount : undefined;
}

/** isSoldout arrives as 1/0 (the guide), sometimes as "1" or true. */
export function isSoldOut(product: { isSoldout?: unknown }): boolean {
  const value = product.isSoldout;
  return value === 1 || value === '1' || value === true;
}

export interface ThumbnailSources {
  src?: string;
  /** Only when the list holds several sizes of the representative picture (see below). */
  srcset?: string;
}

/**
 * The representative picture (the one marked, else the first), and a `srcset` when the list holds
 * several sizes of that same picture. The guide's list is "product pictures, one representative", not
 * sizes: putting different pictures in one srcset would show a different picture per screen density.
 * So a URL joins the srcset only when it is the representative's URL with another width marker —
 * `?w=400` / `?width=400`, or `…-400w.jpg` / `…_400w.jpg` / `…@400w.jpg` — and the width is its descriptor.
 */
export function thumbnailSources(list: readonly Thumbnail[] | undefined): ThumbnailSources {
  if (!Array.isArray(list) || list.length === 0) return {};
  const usable = list.filter((item) => item && typeof item === 'object' && safeUrl(item.thumbnailUrl));
  const marked = usable.find((item) => item.isRepresentative === true) ?? usable[0];
  const src = marked ? safeUrl(marked.thumbnailUrl) : undefined;
  if (!src) return {};
  const base = sized(src);
  if (!base || usable.length < 2) return { src };
  const widths = new Map<number, string>();
  for (const item of usable) {
    const url = safeUrl(item.thumbnailUrl)!;
    const variant = sized(url);
    if (variant && variant.key === base.key && !widths.has(variant.width)) widths.set(variant.width, url);
  }
  if (widths.size < 2) return { src };
  const srcset = [...widths.entries()]
    .sort(([a], [b]) => a - b)
    .map(([width, url]) => `${url.replace(/,/g, '%2C').replace(/\s/g, '%20')} ${width}w`)
    .join(', ');
  return { src, srcset };
}

/** A URL's width marker and the URL without it, or undefined when it has none. */
function sized(url: string): { key: string; width: number } | undefined {
  const parsed = new URL(url);
  for (const name of ['w', 'width']) {
    const value = parsed.searchParams.get(name);
    if (value && /^\d{2,5}$/.test(value)) {
      parsed.searchParams.delete(name);
      return { key: parsed.toString(), width: Number(value) };
    }
  }
  const match = /[-_@](\d{2,5})w(\.[a-z0-9]+)$/i.exec(parsed.pathname);
  if (match) {
    parsed.pathname = parsed.pathname.slice(0, match.index) + match[2];
    return { key: parsed.toString(), width: Number(match[1]) };
  }
  return undefined;
}
