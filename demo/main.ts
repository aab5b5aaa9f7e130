/**
 * The demo shop's script: loads the widgets from src/ (as a shop would load the built bundle),
 * switches the language of the page and of every widget at once, and shows the widgets' events.
 */
import '../src/index.js';

const texts = {
  ko: { title: '라이브 쇼핑', live: '지금 방송 중', upcoming: '방송 예정', replay: '다시보기' },
  en: { title: 'Live shopping', live: 'Live now', upcoming: 'Coming up', replay: 'Replays' },
} as const;

const config = document.querySelector('sf-config')!;
// `npm start` fills the placeholders; an unfilled one means the page is served some other way.
for (const attribute of ['token-endpoint']) {
  if (config.getAttribute(attribute)?.startsWith('%')) config.removeAttribute(attribute);
}

function setLang(lang: 'ko' | 'en') {
  document.documentElement.lang = lang;
  config.setAttribute('lang', lang);
  for (const [key, text] of Object.entries(texts[lang])) {
    for (const node of document.querySelectorAll(`[data-i18n="${key}"]`)) node.textContent = text;
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
  button.addEventListener('click', () => setLang(button.dataset.lang === 'en' ? 'en' : 'ko'));
}

const log = document.querySelector('#event-log')!;
document.addEventListener('sf-broadcast-select', (event) => {
  log.textContent = `sf-broadcast-select: ${event.detail.broadcast.broadcastName} → ${event.detail.url ?? '(no player URL)'}`;
});
