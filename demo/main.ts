/**
 * The demo shop's script: loads the widgets from src/ (as a shop would load the built bundle),
 * switches the language of the page and of every widget at once, and shows the widgets' events.
 */
import '../src/index.js';
import { useLang } from './lang.js';

const texts = {
  ko: { products: '방송 상품', preview: '미리보기', title: '라이브 쇼핑', live: '지금 방송 중', upcoming: '방송 예정', curations: '큐레이션', replay: '다시보기', coupons: '방송 쿠폰', productCoupons: '이 상품의 쿠폰', guest: '비회원', member: 'demo-member 님', signIn: 'demo-member로 로그인', signOut: '로그아웃' },
  en: { products: 'On this broadcast', preview: 'Preview', title: 'Live shopping', live: 'Live now', upcoming: 'Coming up', curations: 'Curations', replay: 'Replays', coupons: 'Broadcast coupons', productCoupons: 'Coupons for this product', guest: 'Guest', member: 'Hi, demo-member', signIn: 'Sign in as demo-member', signOut: 'Sign out' },
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
  log.textContent = `sf-login-required: ${event.detail.couponId ?? event.detail.broadcastId} (${event.detail.action ?? 'coupon'}, ${event.detail.reason})`;
  if (confirm(document.documentElement.lang === 'en' ? 'Sign in to go on? (demo-member)' : '로그인이 필요합니다. demo-member로 로그인할까요?')) demoLogin('demo-member');
});
document.addEventListener('sf-coupon-issue', (event) => {
  const { coupon, status, code } = event.detail;
  log.textContent = `sf-coupon-issue: ${coupon.couponName} → ${status}${code ? ` (${code})` : ''}`;
});
// A shop would subscribe the shopper in its own KakaoTalk / SMS / e-mail system here; its server can also
// read sauceFlex's list through the backend's GET /sauceflex/notifications/:broadcastId (server to server).
document.addEventListener('sf-remind', (event) => {
  const { name, start, on } = event.detail;
  log.textContent = `sf-remind: ${name} (${start}) → ${on ? 'on' : 'off'}`;
});
document.addEventListener('sf-share', (event) => {
  log.textContent = `sf-share: ${event.detail.title} → ${event.detail.url}`;
});
document.addEventListener('sf-curation-select', (event) => {
  log.textContent = `sf-curation-select: ${event.detail.curation.curationName ?? event.detail.curation.curationId}`;
});
document.addEventListener('sf-broadcast-select', (event) => {
  log.textContent = `sf-broadcast-select: ${event.detail.broadcast.broadcastName} → ${event.detail.url ?? '(no player URL)'}`;
});

useLang((lang) => {
  for (const [key, text] of Object.entries(texts[lang])) {
    for (const node of document.querySelectorAll(`[data-i18n="${key}"]`)) node.textContent = text;
  }
});
