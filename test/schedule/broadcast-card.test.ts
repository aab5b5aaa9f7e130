import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/broadcast-card/broadcast-card.js';
import type { SfBroadcastCard } from '../../src/elements/broadcast-card/broadcast-card.component.js';
import type { Broadcast, BroadcastStateCode } from '../../src/api/models.js';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { sessionStore, initialSession } from '../../src/store/session.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { armTrap, HOSTILE_TEXT, HOSTILE_URLS, trapped } from '../support/hostile.js';
import { standinApiBase, standinOrigin } from '../support/standin-control.js';

const NOW = Date.now();
const base = (): Broadcast => structuredClone(broadcastFixtures(NOW, 'http://127.0.0.1:9')[0]!);

function withState(state: BroadcastStateCode, overrides: Partial<Broadcast> = {}): Broadcast {
  return { ...base(), broadcastStateCode: state, ...overrides };
}

async function card(broadcast: Broadcast, attrs: { lang?: string; target?: string } = {}) {
  const el = await fixture<SfBroadcastCard>(html`<sf-broadcast-card .broadcast=${broadcast} lang=${attrs.lang ?? 'ko'} target=${attrs.target ?? '_self'}></sf-broadcast-card>`);
  await el.updateComplete;
  return el;
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`);

describe('<sf-broadcast-card>', () => {
  beforeEach(() => resetSession());

  const expected: [BroadcastStateCode, string, string][] = [
    ['accepted', '방송 예정', 'Upcoming'],
    ['standby', '방송 예정', 'Upcoming'],
    ['ready', '방송 예정', 'Upcoming'],
    ['onair', 'LIVE', 'LIVE'],
    ['warning', '일시 중단', 'Interrupted'],
    ['error', '일시 중단', 'Interrupted'],
    ['converting', '다시보기 준비 중', 'Replay coming soon'],
    ['vod', '다시보기', 'Replay'],
    ['cancel', '방송 취소', 'Cancelled'],
  ];
  for (const [state, ko, en] of expected) {
    it(`shows ${state} as "${ko}" / "${en}"`, async () => {
      const koCard = await card(withState(state));
      expect(part(koCard, 'badge')!.textContent!.trim()).to.equal(ko);
      const enCard = await card(withState(state), { lang: 'en' });
      expect(part(enCard, 'badge')!.textContent!.trim()).to.equal(en);
    });
  }

  it('links to the player with the viewer token as accessToken, and announces title, state and time', async () => {
    sessionStore.setState({ ...initialSession, status: 'ready', token: 'ZXlKaGJHY2lPaUpTVXpJMU5pSjk=', isMember: true });
    const broadcast = withState('onair', { outputPath: 'https://player.example/broadcast/b1?x=1#top' });
    const el = await card(broadcast);
    const link = part(el, 'card') as HTMLAnchorElement;
    expect(link.tagName).to.equal('A');
    const url = new URL(link.href);
    expect(url.searchParams.get('accessToken')).to.equal('ZXlKaGJHY2lPaUpTVXpJMU5pSjk=');
    expect(url.searchParams.get('x')).to.equal('1');
    expect(url.hash).to.equal('#top');
    const name = link.textContent!.replace(/\s+/g, ' ');
    expect(name).to.include(broadcast.broadcastName).and.to.include('LIVE');
    await expect(el).to.be.accessible();
  });

  it('without a session links to the player without a token', async () => {
    const el = await card(withState('vod', { outputPath: 'https://player.example/broadcast/b1' }));
    expect((part(el, 'card') as HTMLAnchorElement).href).to.equal('https://player.example/broadcast/b1');
  });

  it('a cancelled broadcast is marked and cannot be opened', async () => {
    const el = await card(withState('cancel'));
    const box = part(el, 'card')!;
    expect(box.tagName).to.equal('DIV');
    expect(box.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('emits a cancelable sf-broadcast-select; cancelling keeps the page', async () => {
    const broadcast = withState('onair', { outputPath: 'https://player.example/broadcast/b2' });
    const el = await card(broadcast);
    el.addEventListener('sf-broadcast-select', (event) => event.preventDefault());
    const link = part(el, 'card') as HTMLAnchorElement;
    const selected = oneEvent(el, 'sf-broadcast-select');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, button: 0 });
    link.dispatchEvent(click);
    const event = await selected;
    expect(event.detail.broadcast.broadcastId).to.equal(broadcast.broadcastId);
    expect(event.detail.url).to.equal('https://player.example/broadcast/b2');
    expect(event.detail.target).to.equal('_self');
    expect(click.defaultPrevented, 'navigation prevented').to.equal(true);
  });

  it('shows hostile strings as text and refuses hostile URLs', async () => {
    armTrap();
    for (const text of HOSTILE_TEXT) {
      for (const url of HOSTILE_URLS) {
        const broadcast = withState('onair', {
          broadcastName: text,
          shopName: text,
          outputPath: url,
          partnerProfileImageUrl: url,
          broadcastThumbnailList: [{ thumbnailUrl: url, isRepresentative: true }],
          thumbnailList: [{ thumbnailUrl: url, isRepresentative: true }],
          productListDetail: [{ ...base().productListDetail![0]!, productName: text, productThumbnailUrlList: [{ thumbnailUrl: url, isRepresentative: true }] }],
        });
        const el = await card(broadcast);
        expect(part(el, 'title')!.textContent).to.equal(text);
        expect(part(el, 'card')!.tagName, 'no link for a hostile outputPath').to.equal('DIV');
        expect(el.shadowRoot!.querySelectorAll('img').length, 'no image from a hostile URL').to.equal(0);
        // Our own icons (the actions row's, class "icon", fixed paths) are the only svg allowed.
        expect(el.shadowRoot!.querySelector('script, iframe, svg:not(.icon)')).to.equal(null);
        expect([...el.shadowRoot!.querySelectorAll('svg')].every((icon) => icon.querySelectorAll('*').length === 1 && icon.querySelector('path'))).to.equal(true);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(trapped()).to.deep.equal([]);
  });

  it('loads by broadcast-id from the stand-in, with a skeleton of the same size first', async () => {
    const fixtures = broadcastFixtures(Date.now(), standinOrigin());
    const target = fixtures.find((b) => b.broadcastStateCode === 'onair')!;
    const el = await fixture<SfBroadcastCard>(html`<sf-broadcast-card style="width: 240px" broadcast-id=${target.broadcastId} partner-id="mobidoo" api-base=${standinApiBase()}></sf-broadcast-card>`);
    const skeletonHeight = el.getBoundingClientRect().height;
    expect(el.shadowRoot!.querySelector('[aria-busy="true"]'), 'skeleton first').to.not.equal(null);
    await (el as unknown as { data: { taskComplete: Promise<unknown> } }).data.taskComplete;
    await el.updateComplete;
    expect(part(el, 'title')!.textContent).to.equal(target.broadcastName);
    const thumbnailHeight = (part(el, 'thumbnail') as HTMLElement).getBoundingClientRect().height;
    expect(thumbnailHeight).to.be.greaterThan(0);
    expect(el.getBoundingClientRect().height).to.be.at.least(skeletonHeight - 1);
    await expect(el).to.be.accessible();
  });

  it('says when a broadcast id is unknown, and names a missing partner-id', async () => {
    const el = await fixture<SfBroadcastCard>(html`<sf-broadcast-card broadcast-id="lkmobidoo-nope" partner-id="mobidoo" api-base=${standinApiBase()}></sf-broadcast-card>`);
    await (el as unknown as { data: { taskComplete: Promise<unknown> } }).data.taskComplete;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.include('방송을 찾을 수 없습니다');

    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const bad = await fixture<SfBroadcastCard>(html`<sf-broadcast-card broadcast-id="x" api-base=${standinApiBase()}></sf-broadcast-card>`);
      expect(bad.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.include('partner-id');
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).to.include('"partner-id"');
  });
});
