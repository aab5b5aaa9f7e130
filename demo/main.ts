/**
 * The demo shop's script: loads the widgets from src/ (as a shop would load the built bundle),
 * switches the language of the page and of every widget at once, and shows the widgets' events.
 */
import '../src/index.js';
import { useLang } from './lang.js';
import { startConsentBanner } from './consent-banner.js';
import { startDataLayerConsole } from './datalayer-console.js';

// Before any widget can push or store: the console is listening, the consent is said.
startDataLayerConsole();
const renderConsent = startConsentBanner();

const texts = {
  ko: { curations: '큐레이션', dataLayer: 'GA4 dataLayer 이벤트', smartstream: 'SmartSTREAM 라이브 일정', consult: '실시간 상담', watch: '여기서 라이브 보기', products: '방송 상품', preview: '미리보기', title: '라이브 쇼핑', live: '지금 방송 중', upcoming: '방송 예정', replay: '다시보기', coupons: '방송 쿠폰', productCoupons: '이 상품의 쿠폰', guest: '비회원', member: 'demo-member 님', signIn: 'demo-member로 로그인', signOut: '로그아웃' },
  en: { curations: 'Curations', dataLayer: 'GA4 dataLayer events', smartstream: 'SmartSTREAM live events', consult: 'Live consultation', watch: 'Watch live here', products: 'On this broadcast', preview: 'Preview', title: 'Live shopping', live: 'Live now', upcoming: 'Coming up', replay: 'Replays', coupons: 'Broadcast coupons', productCoupons: 'Coupons for this product', guest: 'Guest', member: 'Hi, demo-member', signIn: 'Sign in as demo-member', signOut: 'Sign out' },
} as const;

const config = document.querySelector('sf-config')!;
// `npm start` fills the placeholders; an unfilled one means the page is served some other way.
for (const attribute of ['token-endpoint', 'product-endpoint', 'coupon-endpoint']) {
  if (config.getAttribute(attribute)?.startsWith('%')) config.removeAttribute(attribute);
}

// The demo's login: a cookie the backend's demoResolveMember reads (a shop wires its own session).
const MEMBER_COOKIE = 'sf_demo_member';
const signedIn = document.cookie.split('; ').some((c) => c.startsWith(`${MEMBER_COOKIE}=`) && c.length > MEMBER_COOKIE.length + 1);
function demoLogin(memberId?: string) {
  document.cookie = memberId ? `${MEMBER_COOKIE}=${encodeURIComponent(memberId)}; path=/; SameSite=Lax` : `${MEMBER_COOKIE}=; path=/; max-age=0`;
  location.reload(); // as a shop's login would; the session then fetches a member token
}
const signInButton = document.querySelector<HTMLButtonElement>('#demo-sign-in')!;
const signOutButton = document.querySelector<HTMLButtonElement>('#demo-sign-out')!;
document.querySelector('#demo-who')!.setAttribute('data-i18n', signedIn ? 'member' : 'guest');
signInButton.hidden = signedIn;
signOutButton.hidden = !signedIn;
signInButton.addEventListener('click', () => demoLogin('demo-member'));
signOutButton.addEventListener('click', () => demoLogin());

const log = document.querySelector('#event-log')!;
document.addEventListener('sf-login-required', (event) => {
  const { source, couponId, reason } = event.detail;
  const en = document.documentElement.lang === 'en';
  log.textContent = `sf-login-required: ${source === 'player' ? 'live player' : source === 'consultation' ? 'consultation' : source === 'remind' ? event.detail.broadcastId : couponId} (${source ?? 'coupon'}, ${reason})`;
  // The demo's login is a cookie and a reload: back on this page, the player opens again with the member's token.
  if (source === 'player') event.preventDefault();
  const question =
    source === 'player'
      ? en ? 'Sign in to chat and buy as a member? (demo-member)' : '회원으로 시청하려면 로그인이 필요합니다. demo-member로 로그인할까요?'
      : source === 'consultation'
        ? en ? 'Sign in to talk to us live? (demo-member)' : '상담은 로그인이 필요합니다. demo-member로 로그인할까요?'
        : source === 'remind'
          ? en ? 'Sign in to get a reminder? (demo-member)' : '알림을 받으려면 로그인이 필요합니다. demo-member로 로그인할까요?'
          : en ? 'Sign in to get this coupon? (demo-member)' : '쿠폰을 받으려면 로그인이 필요합니다. demo-member로 로그인할까요?';
  if (confirm(question)) demoLogin('demo-member');
});
document.addEventListener('sf-product-click', (event) => {
  const { detail } = event;
  log.textContent = `sf-product-click (${detail.source}): orderCallBackId ${detail.orderCallBackId} → ${detail.url}`;
});
document.addEventListener('sf-share', (event) => {
  log.textContent = `sf-share: ${event.detail.title} → ${event.detail.url}`;
});
document.addEventListener('sf-coupon-issue', (event) => {
  const { coupon, status, code } = event.detail;
  log.textContent = `sf-coupon-issue: ${coupon.couponName} → ${status}${code ? ` (${code})` : ''}`;
});
document.addEventListener('sf-consult-open', (event) => {
  log.textContent = `sf-consult-open: ${event.detail.reused ? 'rejoined' : 'new'} consultation (${event.detail.mode})`;
});
// A shop would subscribe the shopper in its own KakaoTalk / SMS / e-mail system here; its server can also
// read sauceFlex's list through the backend's GET /sauceflex/notifications/:broadcastId (server to server).
document.addEventListener('sf-remind', (event) => {
  const { name, start, on } = event.detail;
  log.textContent = `sf-remind: ${name} (${start}) → ${on ? 'on' : 'off'}`;
});
document.addEventListener('sf-curation-select', (event) => {
  log.textContent = `sf-curation-select: ${event.detail.curation.curationName ?? event.detail.curation.curationId}`;
});
document.addEventListener('sf-broadcast-select', (event) => {
  log.textContent = `sf-broadcast-select: ${event.detail.broadcast.broadcastName} → ${event.detail.url ?? '(no player URL)'}`;
});

useLang((lang) => {
  renderConsent(lang);
  for (const [key, text] of Object.entries(texts[lang])) {
    for (const node of document.querySelectorAll(`[data-i18n="${key}"]`)) node.textContent = text;
  }
});
