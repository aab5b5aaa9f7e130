/**
 * The demo shop's consent banner: what a shop's consent tool does for the widgets. Until the
 * shopper answers, `<sf-config consent="pending">` keeps the widgets from writing cookies or
 * storage; the answer goes to them with `consent()` (a classic-script page calls
 * `SauceflexWidgets.consent(…)`). The shop remembers the answer itself (`demo-consent`, in its
 * own storage: remembering a choice about storage is what the choice allows), and the footer's
 * "privacy settings" button asks again.
 */
import { consent } from '../src/index.js';
import type { DemoLang } from './lang.js';

const KEY = 'demo-consent';
type Answer = 'granted' | 'denied';

const texts = {
  ko: {
    label: '쿠키 동의',
    text: '라이브 쇼핑 위젯이 구매 연결(orderCallBackId)과 비회원 시청자 구분을 위해 이 브라우저에 정보를 저장해도 될까요? 거부해도 상품 링크는 이 페이지 안에서 그대로 연결됩니다.',
    accept: '동의',
    decline: '거부',
    settings: '쿠키 설정',
    state: { pending: '동의 대기 중', granted: '동의함', denied: '거부함' },
  },
  en: {
    label: 'Cookie consent',
    text: 'May the live-shopping widgets store data in this browser to link purchases to broadcasts (orderCallBackId) and tell guest viewers apart? If you decline, product links still carry the link within this page.',
    accept: 'Accept',
    decline: 'Decline',
    settings: 'Privacy settings',
    state: { pending: 'consent pending', granted: 'consent granted', denied: 'consent declined' },
  },
} as const;

function saved(): Answer | undefined {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'granted' || value === 'denied' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function startConsentBanner(): (lang: DemoLang) => void {
  const config = document.querySelector('sf-config')!;
  const banner = document.querySelector<HTMLElement>('#consent-banner')!;
  const settings = document.querySelector<HTMLButtonElement>('#consent-settings')!;
  const status = document.querySelector<HTMLElement>('#consent-state')!;
  let lang: DemoLang = 'ko';

  // The page's first say, before anything is stored: the saved answer, or pending.
  config.setAttribute('consent', saved() ?? 'pending');
  banner.hidden = saved() !== undefined;

  const render = () => {
    const t = texts[lang];
    banner.setAttribute('aria-label', t.label);
    banner.querySelector('p')!.textContent = t.text;
    banner.querySelector<HTMLButtonElement>('[data-answer="granted"]')!.textContent = t.accept;
    banner.querySelector<HTMLButtonElement>('[data-answer="denied"]')!.textContent = t.decline;
    settings.textContent = t.settings;
    status.textContent = t.state[consent()];
  };

  for (const button of banner.querySelectorAll<HTMLButtonElement>('[data-answer]')) {
    button.addEventListener('click', () => {
      const answer = button.dataset.answer as Answer;
      try {
        localStorage.setItem(KEY, answer);
      } catch {
        // storage blocked: the answer holds for this page
      }
      consent(answer);
      banner.hidden = true;
      render();
      settings.focus();
    });
  }
  settings.addEventListener('click', () => {
    banner.hidden = false;
    banner.querySelector<HTMLButtonElement>('[data-answer="granted"]')!.focus();
  });

  return (next) => {
    lang = next;
    render();
  };
}
