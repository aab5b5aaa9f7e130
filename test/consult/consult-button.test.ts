import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/consult-button/consult-button.js';
import type { SfConsultButton } from '../../src/elements/consult-button/consult-button.component.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { consultEndpoint, liveminutes, liveminutesOrigin } from '../support/other-standins.js';

/** `<sf-consult-button>` against our backend's consultation route and the LiveMinutes stand-in. */
const MEMBER_COOKIE = 'sf_demo_member';
const signIn = (id: string) => (document.cookie = `${MEMBER_COOKIE}=${id}; path=/`);
const signOut = () => (document.cookie = `${MEMBER_COOKIE}=; path=/; max-age=0`);

async function button(attrs: { openIn?: string; lang?: string; endpoint?: string; loginUrl?: string } = {}, style = '') {
  return fixture<SfConsultButton>(html`<sf-consult-button style=${style} consult-endpoint=${attrs.endpoint ?? consultEndpoint()}
    open-in=${attrs.openIn ?? 'tab'} lang=${attrs.lang ?? 'ko'} login-url=${attrs.loginUrl ?? ''}></sf-consult-button>`);
}
const root = (el: SfConsultButton) => el.shadowRoot!;
const press = (el: SfConsultButton) => root(el).querySelector<HTMLButtonElement>('[part="button"]')!.click();
const status = (el: SfConsultButton) => root(el).querySelector('[part="status"]')!.textContent!.trim();
/** Until the press has an outcome on screen: not busy, and a message under the button. */
const settled = (el: SfConsultButton) =>
  waitUntil(() => root(el).querySelector('[part="button"]')?.getAttribute('aria-busy') === 'false' && status(el) !== '', 'settled', { timeout: 8000 });

describe('<sf-consult-button>', () => {
  let opened: { url: string; target: string }[] = [];
  let restore: () => void = () => {};
  beforeEach(async () => {
    await liveminutes.reset();
    opened = [];
    restore = setNavigator((url, target) => void opened.push({ url, target }));
  });
  afterEach(async () => {
    restore();
    signOut();
    await liveminutes.reset();
  });

  it('a member’s press opens their own join URL in a new tab, with a link in case it was blocked', async () => {
    signIn('consult-member-1');
    const el = await button({}, 'width:320px');
    const event = oneEvent(el, 'sf-consult-open');
    press(el);
    await el.updateComplete;
    expect(root(el).querySelector('[part="button"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(status(el), 'nothing said yet').to.equal('');
    const { detail } = await event;
    expect(detail.joinUrl).to.match(new RegExp(`^${liveminutesOrigin()}/e/LIVE[0-9A-F]{24}$`));
    expect(detail).to.include({ reused: false, mode: 'tab' });
    await settled(el);
    expect(opened).to.deep.equal([{ url: detail.joinUrl, target: '_blank' }]);
    const link = root(el).querySelector<HTMLAnchorElement>('[part="link"]')!;
    expect(link.href).to.equal(detail.joinUrl);
    expect(link.rel).to.contain('noopener');
    const calls = (await liveminutes.calls()).calls.map((c) => c.method);
    expect(calls).to.deep.equal(['createMeeting', 'addParticipant']);
    // Pressing again joins the same consultation.
    const again = oneEvent(el, 'sf-consult-open');
    press(el);
    expect((await again).detail).to.include({ joinUrl: detail.joinUrl, reused: true });
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    await expect(el).to.be.accessible();
  });

  it('open-in="dialog": the meeting in a modal dialog; Escape closes it, the frame goes, focus comes back', async () => {
    signIn('consult-member-2');
    const el = await button({ openIn: 'dialog', lang: 'en' });
    expect(root(el).querySelector('[part="button"]')!.textContent).to.contain('Talk to us live');
    press(el);
    await waitUntil(() => root(el).querySelector<HTMLDialogElement>('dialog')?.open, 'dialog open', { timeout: 8000 });
    const frame = root(el).querySelector<HTMLIFrameElement>('[part="frame"]')!;
    expect(frame.src).to.match(new RegExp(`^${liveminutesOrigin()}/e/`));
    expect(frame.title).to.equal('Live consultation');
    expect(opened, 'no tab in dialog mode').to.deep.equal([]);
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[part="close"]')!.click();
    await waitUntil(() => !root(el).querySelector<HTMLDialogElement>('dialog')!.open, 'dialog closed');
    await waitUntil(() => !root(el).querySelector('[part="frame"]'), 'frame removed');
    expect(root(el).activeElement?.getAttribute('part')).to.equal('button');
  });

  it('a guest gets sf-login-required and the shop’s login, and LiveMinutes is never asked', async () => {
    const el = await button({ loginUrl: '/login' });
    const event = oneEvent(el, 'sf-login-required');
    press(el);
    const { detail } = await event;
    expect(detail).to.deep.include({ source: 'consultation', reason: 'guest' });
    await settled(el);
    expect(opened.length).to.equal(1);
    const login = new URL(opened[0]!.url);
    expect(login.pathname).to.equal('/login');
    expect(login.searchParams.get('returnUrl')).to.equal(location.href);
    expect(status(el)).to.contain('로그인한 회원만');
    expect((await liveminutes.calls()).calls.length).to.equal(0);
  });

  it('LiveMinutes down: a clear message, and the next press works once it is back', async () => {
    signIn('consult-member-3');
    await liveminutes.setFault({ kind: 'serverError' });
    const el = await button({ lang: 'en' });
    press(el);
    await settled(el);
    expect(status(el)).to.contain('We cannot connect you right now');
    expect(opened).to.deep.equal([]);
    await liveminutes.reset();
    const event = oneEvent(el, 'sf-consult-open');
    press(el);
    expect((await event).detail.joinUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+\/e\//);
  });

  it('a hostile join URL from LiveMinutes never reaches a link, a frame or the navigator', async () => {
    signIn('consult-member-4');
    await liveminutes.setFault({ kind: 'hostileUrl' });
    const el = await button({ openIn: 'dialog' });
    press(el);
    await settled(el);
    expect(status(el)).to.contain('상담을 시작하지 못했습니다');
    expect(root(el).querySelector('iframe, [part="link"]')).to.equal(null);
    expect(opened).to.deep.equal([]);
  });

  it('a missing or non-http endpoint is a configuration message', async () => {
    const el = await button({ endpoint: 'javascript:alert(1)' });
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('consult-endpoint');
    expect(root(el).querySelector('[part="button"]')).to.equal(null);
  });
});
