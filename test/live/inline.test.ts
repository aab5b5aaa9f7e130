/**
 * `open="inline"` on `<sf-broadcast-card>` and `<sf-schedule>`: the broadcast plays on this page, in an
 * accessible modal dialog with `<sf-live-player>`, instead of navigating; the player's events reach the page.
 */
import { expect, fixture, fixtureCleanup, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/broadcast-card/broadcast-card.js';
import '../../src/elements/schedule/schedule.js';
import type { SfBroadcastCard } from '../../src/elements/broadcast-card/broadcast-card.component.js';
import type { SfSchedule } from '../../src/elements/schedule/schedule.component.js';
import type { SfLivePlayer } from '../../src/elements/live-player/live-player.component.js';
import { resetSession } from '../../src/session/viewer-session.js';
import { setNavigator } from '../../src/tracking/navigate.js';
import { tracking } from '../../src/tracking/tracking.js';
import { standinApiBase } from '../support/standin-control.js';
import { liveBroadcast, playing, press } from './support.js';

const dialogOf = (card: SfBroadcastCard) => card.shadowRoot!.querySelector('dialog');
const playerOf = (card: SfBroadcastCard) => card.shadowRoot!.querySelector('sf-live-player') as SfLivePlayer | null;
const linkOf = (card: SfBroadcastCard) => card.shadowRoot!.querySelector('a[part~="card"]') as HTMLAnchorElement;

describe('open="inline"', function () {
  this.timeout(20_000);
  let navigations: string[];
  let restore: () => void;
  const startUrl = location.href;

  beforeEach(() => {
    resetSession();
    tracking.clear();
    navigations = [];
    restore = setNavigator((url) => void navigations.push(url));
  });
  afterEach(() => {
    restore();
    fixtureCleanup();
  });

  it('a card opens the live player in a modal dialog on this page: focus moves in, Escape closes it, focus comes back', async () => {
    const broadcast = liveBroadcast();
    const card = await fixture<SfBroadcastCard>(html`<sf-broadcast-card open="inline" lang="en" .broadcast=${broadcast}></sf-broadcast-card>`);
    const link = linkOf(card);
    // Still a real link (a new tab, a copied link open the sauceFlex page).
    expect(link.href).to.equal(broadcast.outputPath);
    const selected = oneEvent(card, 'sf-broadcast-select');
    link.focus();
    link.click();
    await selected;
    await waitUntil(() => dialogOf(card)?.open, 'no dialog opened');
    expect(location.href).to.equal(startUrl);
    const dialog = dialogOf(card)!;
    expect(dialog.getAttribute('aria-label')).to.contain(broadcast.broadcastName);
    // Modal: the page behind is inert, focus is inside the dialog.
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.contains(card.shadowRoot!.activeElement)).to.equal(true);
    const player = playerOf(card)!;
    await playing(player);
    await expect(card).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialogOf(card), 'Escape did not close the dialog');
    expect(playerOf(card)).to.equal(null);
    expect(card.shadowRoot!.activeElement).to.equal(link);
  });

  it("the player's product press reaches the page as sf-product-click with attribution; its exit closes the dialog", async () => {
    const card = await fixture<SfBroadcastCard>(html`<sf-broadcast-card open="inline" lang="en" .broadcast=${liveBroadcast()}></sf-broadcast-card>`);
    linkOf(card).click();
    await waitUntil(() => playerOf(card));
    const player = playerOf(card)!;
    await playing(player);
    const clicked = oneEvent(document, 'sf-product-click');
    press(player, 'product-0');
    const { detail } = await clicked;
    expect(detail.source).to.equal('player');
    expect(tracking.list()[0]!.orderCallBackId).to.equal(detail.orderCallBackId);
    expect(navigations).to.deep.equal([detail.url]);

    press(player, 'exit');
    await waitUntil(() => !dialogOf(card), 'the player’s exit did not close the dialog');
  });

  it('a cancelled sf-broadcast-select opens nothing (the shop handles it)', async () => {
    const card = await fixture<SfBroadcastCard>(html`<sf-broadcast-card open="inline" lang="en" .broadcast=${liveBroadcast()}></sf-broadcast-card>`);
    card.addEventListener('sf-broadcast-select', (e) => e.preventDefault());
    linkOf(card).click();
    await card.updateComplete;
    // The click's handler returned: no dialog was asked for, and the page did not navigate.
    expect(dialogOf(card)).to.equal(null);
    expect(location.href).to.equal(startUrl);
  });

  it('a schedule with open="inline" plays a chosen card in its dialog, and Escape gives focus back to the card', async () => {
    const schedule = await fixture<SfSchedule>(html`<sf-schedule open="inline" type="live" partner-id="mobidoo" api-base=${standinApiBase()} lang="en"></sf-schedule>`);
    const root = schedule.shadowRoot!;
    const links = () => [...root.querySelectorAll<HTMLAnchorElement>('li[data-broadcast-id] a[part~="card-link"]')];
    await waitUntil(() => links().length > 0, 'no cards', { timeout: 10_000 });
    const link = links()[0]!;
    const selected = oneEvent(schedule, 'sf-broadcast-select');
    link.focus();
    link.click();
    expect((await selected).detail.broadcast.broadcastId).to.equal(link.closest('li')!.dataset.broadcastId);
    await waitUntil(() => root.querySelector('dialog')?.open, 'no dialog from a schedule card');
    await playing(root.querySelector('sf-live-player') as SfLivePlayer);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !root.querySelector('dialog'), 'Escape did not close the dialog');
    expect(root.activeElement).to.equal(link);
  });
});
