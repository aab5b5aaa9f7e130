/**
 * The floating mini-player in a real layout: it docks when its place scrolls away (nothing below moves,
 * the player is not reloaded), sits in its corner inside the page's insets, moves by keyboard and by drag,
 * expands back, closes, and stays docked across an SPA's route change that keeps the element.
 */
import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/live-player/live-player.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { standinState } from '../support/standin-control.js';
import { frameOf, liveBroadcast, partOf, playing } from './support.js';

const REM = 16;
const INSET_BOTTOM = 60;
const INSET_TOP = 48;

/** The viewport the fixed mini-player is placed in (without scrollbars). */
const viewport = () => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight });

describe('<sf-live-player floating>', function () {
  this.timeout(30_000);
  const startUrl = location.href;

  beforeEach(() => resetSession());
  afterEach(() => {
    fixtureCleanup();
    window.scrollTo(0, 0);
    history.replaceState(null, '', startUrl);
  });

  async function page() {
    const root = await fixture<HTMLDivElement>(html`<div>
      <div id="route">route one</div>
      <sf-live-player floating lang="en" style="width:180px; --sf-floating-inset-bottom:${INSET_BOTTOM}px; --sf-floating-inset-top:${INSET_TOP}px" .broadcast=${liveBroadcast()}></sf-live-player>
      <p id="after">after the player</p>
      <div style="height:300vh"></div>
    </div>`);
    const el = root.querySelector('sf-live-player') as SfLivePlayer;
    await playing(el);
    return { root, el, after: root.querySelector('#after') as HTMLElement };
  }

  /** Until the page's scroll position holds still over two frames (a smooth scroll has ended). */
  async function scrollSettled(): Promise<void> {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    for (let last = -1; last !== window.scrollY; ) {
      last = window.scrollY;
      await frame();
      await frame();
    }
  }

  async function scrollAway(el: SfLivePlayer): Promise<void> {
    window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY + 200);
    await waitUntil(() => el.hasAttribute('docked'), 'the player did not dock when scrolled away');
    await el.updateComplete;
  }

  it('docks bottom-right inside the insets when its place scrolls away, nothing below moves, and the player keeps running (not reloaded)', async () => {
    const { el, after } = await page();
    const frameBefore = frameOf(el)!;
    const windowBefore = frameBefore.contentWindow;
    // Requests for the player page, counted by the stand-in: a reload would be one more.
    const pageLoads = (await standinState()).counts.player ?? 0;
    const afterTop = after.getBoundingClientRect().top + window.scrollY;
    const hostHeight = el.getBoundingClientRect().height;

    await scrollAway(el);
    const box = partOf(el, 'frame')!.getBoundingClientRect();
    const { width, height } = viewport();
    expect(box.width).to.be.closeTo(11 * REM, 1);
    expect(box.right).to.be.closeTo(width - REM, 1);
    expect(box.bottom).to.be.closeTo(height - INSET_BOTTOM, 1);
    expect(after.getBoundingClientRect().top + window.scrollY, 'content below moved').to.be.closeTo(afterTop, 0.5);
    expect(el.getBoundingClientRect().height, 'the place kept its size').to.be.closeTo(hostHeight, 0.5);
    expect(frameOf(el)).to.equal(frameBefore);
    expect(frameOf(el)!.contentWindow).to.equal(windowBefore);
    expect((await standinState()).counts.player ?? 0).to.equal(pageLoads);
    expect(el.state).to.equal('playing');
    await expect(el).to.be.accessible();
  });

  it('keyboard: the move handle takes arrow keys to another corner and says where it went', async () => {
    const { el } = await page();
    await scrollAway(el);
    partOf(el, 'move-handle')!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => el.floatingCorner === 'top-right');
    await el.updateComplete;
    let box = partOf(el, 'frame')!.getBoundingClientRect();
    expect(box.top).to.be.closeTo(INSET_TOP, 1);
    expect(box.right).to.be.closeTo(viewport().width - REM, 1);
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => el.floatingCorner === 'top-left');
    await el.updateComplete;
    box = partOf(el, 'frame')!.getBoundingClientRect();
    expect(box.left).to.be.closeTo(REM, 1);
    expect(el.getAttribute('floating-corner')).to.equal('top-left');
    expect(partOf(el, 'notice')!.textContent).to.equal('Mini player moved to the top left.');
    expect(partOf(el, 'notice')!.getAttribute('role')).to.equal('status');
  });

  it('drag: follows the pointer inside the insets, and lands in the nearest corner', async () => {
    const { el } = await page();
    await scrollAway(el);
    const handle = partOf(el, 'move-handle')!;
    const start = handle.getBoundingClientRect();
    const x = start.left + start.width / 2;
    const y = start.top + start.height / 2;
    const { width, height } = viewport();
    const pointer = (type: string, clientX: number, clientY: number) =>
      handle.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, pointerId: 7, button: 0, clientX, clientY }));
    pointer('pointerdown', x, y);
    // Far beyond the top-left corner: held inside the insets while dragging.
    pointer('pointermove', x - width * 2, y - height * 2);
    await el.updateComplete;
    const dragged = partOf(el, 'frame')!.getBoundingClientRect();
    expect(dragged.left).to.be.closeTo(REM, 1);
    expect(dragged.top).to.be.closeTo(INSET_TOP, 1);
    pointer('pointerup', x - width * 2, y - height * 2);
    await waitUntil(() => el.floatingCorner === 'top-left', `landed in ${el.floatingCorner}`);
    await el.updateComplete;
    const landed = partOf(el, 'frame')!.getBoundingClientRect();
    expect(landed.left).to.be.closeTo(REM, 1);
    expect(landed.top).to.be.closeTo(INSET_TOP, 1);
    // A press without a move is not a drag.
    pointer('pointerdown', x, y);
    pointer('pointerup', x + 1, y + 1);
    await el.updateComplete;
    expect(el.floatingCorner).to.equal('top-left');
  });

  it('expand scrolls back to its place and it stops floating; close stops it', async () => {
    const { el } = await page();
    await scrollAway(el);
    partOf(el, 'expand-button')!.click();
    await waitUntil(() => !el.hasAttribute('docked'), 'still floating after expand');
    await waitUntil(() => {
      const rect = el.getBoundingClientRect();
      return rect.bottom > 0 && rect.top < viewport().height;
    }, 'the page did not scroll back to the player');
    // Scrolled back (a smooth scroll: until it stops) and the element told so: only then can it dock again.
    await waitUntil(() => !(el as unknown as { outOfView: boolean }).outOfView, 'never told it was back in view');
    await scrollSettled();
    await scrollAway(el);
    partOf(el, 'close-button')!.click();
    await waitUntil(() => el.state === 'closed');
    expect(el.hasAttribute('docked')).to.equal(false);
    expect(frameOf(el)).to.equal(null);
  });

  it('an SPA route change that keeps the element keeps the mini-player playing', async () => {
    const { el, root } = await page();
    await scrollAway(el);
    const frame = frameOf(el)!;
    const pageLoads = (await standinState()).counts.player ?? 0;
    history.pushState({ route: 2 }, '', '#route-two');
    root.querySelector('#route')!.textContent = 'route two: another page of the shop';
    root.querySelector('#after')!.replaceWith(Object.assign(document.createElement('section'), { textContent: 'new content' }));
    await el.updateComplete;
    expect(el.hasAttribute('docked')).to.equal(true);
    expect(frameOf(el)).to.equal(frame);
    expect((await standinState()).counts.player ?? 0).to.equal(pageLoads);
    expect(el.state).to.equal('playing');
  });

  it('a player that starts below the fold does not float over the page until the shopper has seen its place', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><div style="height:150vh"></div>
      <sf-live-player floating lang="en" style="width:160px" .broadcast=${liveBroadcast()}></sf-live-player><div style="height:300vh"></div></div>`);
    const el = root.querySelector('sf-live-player') as SfLivePlayer;
    await playing(el);
    await waitUntil(() => (el as unknown as { outOfView: boolean }).outOfView, 'never told it was out of view');
    await el.updateComplete;
    expect(el.hasAttribute('docked'), 'not floating before it was seen').to.equal(false);
    el.scrollIntoView({ block: 'center' });
    await waitUntil(() => !(el as unknown as { outOfView: boolean }).outOfView, 'never told it was in view');
    await scrollAway(el);
    expect(el.hasAttribute('docked')).to.equal(true);
  });

  it('without floating it never docks', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><sf-live-player lang="en" style="width:160px" .broadcast=${liveBroadcast()}></sf-live-player><div style="height:300vh"></div></div>`);
    const el = root.querySelector('sf-live-player') as SfLivePlayer;
    await playing(el);
    el.minimize();
    window.scrollTo(0, el.getBoundingClientRect().bottom + window.scrollY + 200);
    // Wait for the observer's answer: the element learns it is out of view, and stays in place.
    await waitUntil(() => (el as unknown as { outOfView: boolean }).outOfView, 'never told it was out of view');
    await el.updateComplete;
    expect(el.hasAttribute('docked')).to.equal(false);
    expect(partOf(el, 'bar')).to.equal(null);
  });
});
