/**
 * The demo shop's language, one way for every page: chosen with the header's switch, kept across
 * pages (localStorage), applied to <html lang>, <sf-config lang>, the switch's pressed state and the
 * shop's own chrome (the logo and the navigation, the same on every page). Each page then renders
 * its own texts in it.
 */
export type DemoLang = 'ko' | 'en';

const KEY = 'demo-lang';

/** The shop's chrome, marked `data-i18n="nav.*"` / `shop.*` in every page's header. */
const chrome: Record<DemoLang, Record<string, string>> = {
  ko: { 'shop.name': '모비두 스토어', 'nav.live': '라이브', 'nav.product': '상품', 'nav.cart': '장바구니', 'nav.payments': '결제 기록' },
  en: { 'shop.name': 'Mobidoo Store', 'nav.live': 'Live', 'nav.product': 'Products', 'nav.cart': 'Cart', 'nav.payments': 'Payments' },
};

export function savedLang(): DemoLang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

/** Applies `lang` to the page (see above) and remembers it for the next page. */
export function applyLang(lang: DemoLang): void {
  try {
    localStorage.setItem(KEY, lang);
  } catch {
    // private mode: this page still switches
  }
  document.documentElement.lang = lang;
  document.querySelector('sf-config')?.setAttribute('lang', lang);
  for (const button of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = chrome[lang][node.dataset.i18n!];
    if (text) node.textContent = text;
  }
}

/** Applies the saved language now and on every press of the switch, then calls `render` with it. */
export function useLang(render: (lang: DemoLang) => void): void {
  const set = (lang: DemoLang) => {
    applyLang(lang);
    render(lang);
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    button.addEventListener('click', () => set(button.dataset.lang === 'en' ? 'en' : 'ko'));
  }
  set(savedLang());
}
