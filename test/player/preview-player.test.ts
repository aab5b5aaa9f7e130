import { aTimeout, expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/preview-player/preview-player.js';
import type { SfPreviewPlayer } from '../../src/elements/preview-player/preview-player.component.js';
import type { Broadcast } from '../../src/api/models.js';
import { broadcastFixtures } from '../../demo/standin/fixtures.js';
import { hlsInstancesAlive } from './hls-probe.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { initialSession, sessionStore } from '../../src/store/session.js';
import { clearFaults, setFault, standinApiBase, standinOrigin } from '../support/standin-control.js';
import { fastRetries, partOf, playsPast, requestsFor, roomForResourceTimings, streamUrl, videoOf } from './support.js';
import { itWithNativeHls } from '../support/capabilities.js';

const WIDTH = 160; // 160 × 16/9 ≈ 284 px tall: wholly inside the test page's viewport

/** A broadcast of the stand-in with a preview, as the API returns it. */
function standinBroadcast(): Broadcast {
  const withPreview = broadcastFixtures(Date.now(), standinOrigin()).find((b) => b.previewUrl && b.broadcastStateCode === 'onair');
  return structuredClone(withPreview!);
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

async function stateIs(el: SfPreviewPlayer, state: string, timeout = 8_000): Promise<void> {
  await waitUntil(() => el.state === state, `state stayed "${el.state}", expected "${state}"`, { timeout, interval: 25 });
}

describe('<sf-preview-player>', function () {
  this.timeout(20_000);

  before(roomForResourceTimings);
  beforeEach(() => resetSession());
  afterEach(async () => {
    delete (document as { visibilityState?: unknown }).visibilityState;
    fixtureCleanup();
    window.scrollTo(0, 0);
    await clearFaults();
  });

  it('reserves its size and shows the poster at once, idle, loading nothing', async () => {
    const src = streamUrl('idle');
    const poster = `${standinOrigin()}/media/img/broadcast-1.svg`;
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" src=${src} poster=${poster} lang="en"></sf-preview-player>`);
    expect(el.getBoundingClientRect().height).to.be.closeTo((WIDTH * 16) / 9, 1);
    expect((partOf(el, 'poster') as HTMLImageElement).src).to.equal(poster);
    expect(el.state).to.equal('idle');
    expect(el.getAttribute('state')).to.equal('idle');
    await aTimeout(200);
    expect(requestsFor(src)).to.have.length(0);
    expect(videoOf(el).hasAttribute('src')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  for (const engine of ['hlsjs', 'native'] as const) {
    (engine === 'native' ? itWithNativeHls : it)(`really plays with engine=${engine} (currentTime advances) and says so with sf-play`, async () => {
      const before = hlsInstancesAlive();
      const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay engine=${engine} src=${streamUrl(engine)}></sf-preview-player>`);
      const played = await oneEvent(el, 'sf-play');
      expect(played.detail).to.include({ engine, reason: 'autoplay', muted: true });
      await playsPast(videoOf(el), 0.5);
      expect(el.state).to.equal('playing');
      expect(el.activeEngine).to.equal(engine);
      expect(hlsInstancesAlive() - before).to.equal(engine === 'hlsjs' ? 1 : 0);
      await expect(el).to.be.accessible();
    });
  }

  it('autoplays only when at least half is on screen, and pauses when scrolled away', async () => {
    const height = (WIDTH * 16) / 9;
    const spacer = window.innerHeight - height * 0.3; // 30% of it on screen
    const src = streamUrl('scroll');
    const wrapper = await fixture<HTMLDivElement>(html`<div>
      <div style="height:${spacer}px"></div>
      <sf-preview-player style="width:${WIDTH}px" autoplay engine="hlsjs" src=${src}></sf-preview-player>
      <div style="height:${window.innerHeight * 3}px"></div>
    </div>`);
    const el = wrapper.querySelector('sf-preview-player')!;
    await aTimeout(300);
    expect(el.state, 'a third on screen').to.equal('idle');
    expect(requestsFor(src)).to.have.length(0);

    window.scrollTo(0, height * 0.4); // now 70% on screen
    await stateIs(el, 'playing');
    await playsPast(videoOf(el), 0.2);

    const paused = oneEvent(el, 'sf-pause');
    window.scrollTo(0, spacer + height + 50); // wholly above the viewport
    expect((await paused).detail.reason).to.equal('hidden');
    expect(el.state).to.equal('paused');
    expect(videoOf(el).paused).to.equal(true);

    window.scrollTo(0, height * 0.4);
    await stateIs(el, 'playing');
    await expect(el).to.be.accessible();
  });

  it('pauses while the tab is hidden and plays again when it is shown', async () => {
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay src=${streamUrl('tab')}></sf-preview-player>`);
    await stateIs(el, 'playing');
    const paused = oneEvent(el, 'sf-pause');
    setVisibility('hidden');
    expect((await paused).detail.reason).to.equal('hidden');
    expect(videoOf(el).paused).to.equal(true);
    const played = oneEvent(el, 'sf-play');
    setVisibility('visible');
    expect((await played).detail.reason).to.equal('autoplay');
    await playsPast(videoOf(el), videoOf(el).currentTime + 0.1);
  });

  it('an autoplaying player that starts in a hidden tab waits for the tab', async () => {
    setVisibility('hidden');
    const src = streamUrl('hidden-tab');
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay src=${src}></sf-preview-player>`);
    await aTimeout(300);
    expect(el.state).to.equal('idle');
    expect(requestsFor(src)).to.have.length(0);
    setVisibility('visible');
    await stateIs(el, 'playing');
  });

  it('without autoplay loads nothing until asked; with controls a play button starts it with sound', async () => {
    const src = streamUrl('controls');
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" controls src=${src} lang="ko"></sf-preview-player>`);
    await aTimeout(200);
    expect(requestsFor(src)).to.have.length(0);
    const button = partOf(el, 'play-button') as HTMLButtonElement;
    expect(button.getAttribute('aria-label')).to.equal('미리보기 재생');
    await expect(el).to.be.accessible();
    const played = oneEvent(el, 'sf-play');
    button.click();
    expect((await played).detail).to.include({ reason: 'user', muted: false });
    expect(videoOf(el).controls).to.equal(true);
    await playsPast(videoOf(el), 0.2);
    await expect(el).to.be.accessible();
  });

  it('goes idle → loading → playing → paused → playing → ended, with sf-pause and sf-ended', async () => {
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" muted src=${streamUrl('states')} lang="en"></sf-preview-player>`);
    const seen: string[] = [];
    const observer = new MutationObserver(() => seen.push(el.getAttribute('state')!));
    observer.observe(el, { attributes: true, attributeFilter: ['state'] });
    expect(el.state).to.equal('idle');
    await el.play();
    await stateIs(el, 'playing');

    const paused = oneEvent(el, 'sf-pause');
    el.pause();
    expect((await paused).detail.reason).to.equal('api');
    await stateIs(el, 'paused');

    await el.play();
    await stateIs(el, 'playing');
    const video = videoOf(el);
    const ended = oneEvent(el, 'sf-ended');
    video.currentTime = video.duration - 0.2;
    expect((await ended).detail.live).to.equal(false);
    await stateIs(el, 'ended');
    expect(partOf(el, 'message')!.textContent).to.contain('The preview has ended.');
    observer.disconnect();
    expect(seen).to.include.members(['loading', 'playing', 'paused', 'ended']);
    expect(seen.indexOf('loading')).to.be.lessThan(seen.indexOf('playing'));
    await expect(el).to.be.accessible();

    (partOf(el, 'replay-button') as HTMLButtonElement).click();
    await stateIs(el, 'playing');
    expect(video.currentTime).to.be.lessThan(video.duration - 1);
  });

  it('loops without ending when asked to', async () => {
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay loop src=${streamUrl('loop')}></sf-preview-player>`);
    await stateIs(el, 'playing');
    let ended = false;
    el.addEventListener('sf-ended', () => (ended = true));
    const video = videoOf(el);
    video.currentTime = video.duration - 0.3;
    await waitUntil(() => video.currentTime < 1 && video.currentTime > 0, 'did not loop', { timeout: 6_000 });
    expect(ended).to.equal(false);
    expect(el.state).to.equal('playing');
  });

  it('broadcast-id: loads the broadcast, shows its representative thumbnail, plays its previewUrl', async () => {
    const broadcast = standinBroadcast();
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player
      style="width:${WIDTH}px"
      partner-id="mobidoo"
      api-base=${standinApiBase()}
      broadcast-id=${broadcast.broadcastId}
      lang="ko"
    ></sf-preview-player>`);
    await waitUntil(() => partOf(el, 'poster'), 'the broadcast did not load');
    const representative = (broadcast.broadcastThumbnailList ?? []).find((t) => t.isRepresentative)!.thumbnailUrl;
    expect((partOf(el, 'poster') as HTMLImageElement).src).to.equal(representative);
    const link = partOf(el, 'link') as HTMLAnchorElement;
    expect(link.getAttribute('aria-label')).to.equal(`${broadcast.broadcastName} 방송 보기`);
    expect(new URL(link.href).pathname).to.equal(`/player/broadcast/${broadcast.broadcastId}`);
    await expect(el).to.be.accessible();

    await el.play();
    await stateIs(el, 'playing');
    await playsPast(videoOf(el), 0.2);
    expect(requestsFor(broadcast.previewUrl!).length).to.be.greaterThan(0);
    // The poster shows until the first frame; then it gives way to the video.
    expect(partOf(el, 'poster')).to.equal(null);
  });

  it('broadcast-id: a failed load shows an error with a retry that works (sf-error kind "load")', async () => {
    // Another broadcast than the test above: the page's broadcast store would answer that one without a request.
    const broadcast = broadcastFixtures(Date.now(), standinOrigin()).filter((b) => b.previewUrl && b.broadcastStateCode === 'vod')[1]!;
    await setFault({ route: 'broadcast.one', kind: 'error500' });
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player
      style="width:${WIDTH}px"
      partner-id="mobidoo"
      api-base=${standinApiBase()}
      broadcast-id=${broadcast.broadcastId}
      lang="en"
    ></sf-preview-player>`);
    expect(el.getBoundingClientRect().height, 'the skeleton has the final size').to.be.closeTo((WIDTH * 16) / 9, 1);
    expect(partOf(el, 'base')!.classList.contains('skeleton')).to.equal(true);
    const failed = await oneEvent(el, 'sf-error');
    expect(failed.detail.kind).to.equal('load');
    await el.updateComplete;
    expect(partOf(el, 'message')!.textContent).to.contain('Could not load.');
    await expect(el).to.be.accessible();
    await clearFaults();
    (partOf(el, 'retry-button') as HTMLButtonElement).click();
    await waitUntil(() => partOf(el, 'poster'), 'the retry did not load the broadcast');
    expect(partOf(el, 'link')).to.not.equal(null);
  });

  it('invites a tap: LIVE badge with viewers, title and "watch live" over the picture, a sound toggle while it plays', async () => {
    const broadcast = { ...standinBroadcast(), room: { incomingCounterInfo: 1 } } as Broadcast;
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:240px" muted .broadcast=${broadcast} lang="en"></sf-preview-player>`);
    expect(partOf(el, 'badge')!.textContent!.trim()).to.equal('LIVE');
    expect(partOf(el, 'viewers')!.textContent!.trim()).to.equal('1 view');
    expect(partOf(el, 'title')!.textContent!.trim()).to.equal(broadcast.broadcastName);
    expect(partOf(el, 'cta')!.textContent!.trim()).to.equal('Watch live ›');
    expect(partOf(el, 'mute-button'), 'no sound toggle before it plays').to.equal(null);

    await el.play();
    await stateIs(el, 'playing');
    const mute = partOf(el, 'mute-button') as HTMLButtonElement;
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    expect(videoOf(el).muted).to.equal(true);
    mute.click();
    await el.updateComplete;
    expect(videoOf(el).muted).to.equal(false);
    expect(mute.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();

    // An upcoming broadcast says so, and no viewers.
    el.broadcast = { ...broadcast, broadcastStateCode: 'standby' } as Broadcast;
    await el.updateComplete;
    await waitUntil(() => partOf(el, 'badge')?.textContent?.trim() === 'Upcoming', 'upcoming badge');
    expect(partOf(el, 'viewers')).to.equal(null);
    expect(partOf(el, 'cta')!.textContent!.trim()).to.equal('Watch ›');
  });

  it('broadcast-id of a broadcast that does not exist says so', async () => {
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player
      style="width:${WIDTH}px"
      partner-id="mobidoo"
      api-base=${standinApiBase()}
      broadcast-id="lkmobidoo-00000000000000000000000000000000"
      lang="ko"
    ></sf-preview-player>`);
    await waitUntil(() => partOf(el, 'message'), 'no message');
    expect(partOf(el, 'message')!.textContent).to.contain('방송을 찾을 수 없습니다.');
    expect(el.state).to.equal('idle');
    await expect(el).to.be.accessible();
  });

  it('shows the representative thumbnail as the poster before playing', async () => {
    const broadcast = standinBroadcast();
    broadcast.broadcastThumbnailList = [
      { thumbnailUrl: `${standinOrigin()}/media/img/other.svg`, isRepresentative: false },
      { thumbnailUrl: `${standinOrigin()}/media/img/chosen.svg`, isRepresentative: true },
    ];
    const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" .broadcast=${broadcast}></sf-preview-player>`);
    expect((partOf(el, 'poster') as HTMLImageElement).src).to.equal(`${standinOrigin()}/media/img/chosen.svg`);
    expect(el.state).to.equal('idle');
  });

  describe('activation', () => {
    let opened: unknown[][];
    let original: typeof window.open;
    beforeEach(() => {
      opened = [];
      original = window.open;
      window.open = ((...args: unknown[]) => {
        opened.push(args);
        return null;
      }) as typeof window.open;
    });
    afterEach(() => {
      window.open = original;
    });

    async function linked(target = 'sf-preview-test') {
      sessionStore.setState({ ...initialSession, status: 'ready', token: 'ZXlKaGJHY2lPaUpTVXpJMU5pSjk=', isMember: true });
      const broadcast = { ...standinBroadcast(), outputPath: 'https://player.example/broadcast/b1?x=1#top' };
      const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" .broadcast=${broadcast} target=${target} lang="en"></sf-preview-player>`);
      return { el, broadcast, link: partOf(el, 'link') as HTMLAnchorElement };
    }

    it('a click opens outputPath with the viewer token as accessToken, after sf-broadcast-select', async () => {
      const { el, broadcast, link } = await linked();
      expect(link.getAttribute('aria-label')).to.equal(`Watch ${broadcast.broadcastName}`);
      const selected = oneEvent(el, 'sf-broadcast-select');
      link.click();
      const event = await selected;
      expect(event.cancelable).to.equal(true);
      expect(event.detail.broadcast.broadcastId).to.equal(broadcast.broadcastId);
      expect(event.detail.target).to.equal('sf-preview-test');
      const url = new URL(event.detail.url!);
      expect(url.searchParams.get('accessToken')).to.equal('ZXlKaGJHY2lPaUpTVXpJMU5pSjk=');
      expect(url.searchParams.get('x')).to.equal('1');
      expect(url.hash).to.equal('#top');
      await waitUntil(() => opened.length === 1, 'window.open was not called');
      expect(opened[0]!.slice(0, 2)).to.deep.equal([event.detail.url, 'sf-preview-test']);
      await expect(el).to.be.accessible();
    });

    it('Enter on the focused player opens it too', async () => {
      const { el, link } = await linked();
      const selected = oneEvent(el, 'sf-broadcast-select');
      link.focus();
      await sendKeys({ press: 'Enter' });
      await selected;
      await waitUntil(() => opened.length === 1, 'window.open was not called');
    });

    it('cancelling sf-broadcast-select keeps the page', async () => {
      const { el, link } = await linked();
      el.addEventListener('sf-broadcast-select', (event) => event.preventDefault());
      const selected = oneEvent(el, 'sf-broadcast-select');
      link.click();
      await selected;
      await aTimeout(50);
      expect(opened).to.have.length(0);
      expect(location.href).to.not.contain('player.example');
    });

    it('refuses an outputPath that is not http(s): no link at all', async () => {
      const broadcast = { ...standinBroadcast(), outputPath: 'javascript:alert(1)' };
      const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" .broadcast=${broadcast}></sf-preview-player>`);
      expect(partOf(el, 'link')).to.equal(null);
      expect(el.shadowRoot!.innerHTML).to.not.contain('javascript:');
    });
  });

  describe('faults (stand-in)', () => {
    let restore: () => void;
    beforeEach(() => {
      restore = fastRetries();
    });
    afterEach(async () => {
      restore();
      await clearFaults();
    });

    for (const engine of ['hlsjs', 'native'] as const) {
      (engine === 'native' ? itWithNativeHls : it)(`${engine}: a stream that keeps failing shows the poster, a message and a retry that works`, async () => {
        await setFault({ route: 'media', kind: 'error500' });
        const src = streamUrl(`fail-${engine}`);
        const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay engine=${engine} src=${src} lang="en"></sf-preview-player>`);
        const failed = await oneEvent(el, 'sf-error');
        await clearFaults();
        expect(failed.detail).to.include({ engine, src });
        expect(failed.detail.kind).to.be.oneOf(['network', 'unsupported']);
        expect(requestsFor(src).length, 'retried before giving up').to.be.greaterThan(1);
        await stateIs(el, 'error');
        expect(partOf(el, 'message')!.getAttribute('role')).to.equal('alert');
        expect(hlsInstancesAlive(), 'the failed engine was destroyed').to.equal(0);
        await expect(el).to.be.accessible();

        (partOf(el, 'retry-button') as HTMLButtonElement).click();
        await stateIs(el, 'playing');
        await playsPast(videoOf(el), 0.2);
      });
    }

    it('a broken manifest (malformed answer) is loaded again and playback recovers', async () => {
      const restoreMore = fastRetries({ networkRetries: 20, retryBaseMs: 100, retryMaxMs: 200 });
      try {
        await setFault({ route: 'media', kind: 'malformed' });
        const src = streamUrl('broken-manifest');
        let errors = 0;
        const el = await fixture<SfPreviewPlayer>(html`<sf-preview-player style="width:${WIDTH}px" autoplay engine="hlsjs" src=${src}></sf-preview-player>`);
        el.addEventListener('sf-error', () => errors++);
        await waitUntil(() => requestsFor(src).length >= 2, 'the broken manifest was not asked for again');
        await clearFaults();
        await stateIs(el, 'playing');
        await playsPast(videoOf(el), 0.2);
        expect(errors).to.equal(0);
      } finally {
        restoreMore();
      }
    });
  });
});
