import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Broadcast } from '../src/api/models.js';
import type { SfLivePlayer } from '../src/elements/live-player/live-player.js';
import { attr, broadcastWhere, elementIn, handler, inShadow, langOf, mockApiBase, PARTNER_ID, themeStyle, waitFor, waitForShadow, type Args } from './support/helpers.js';

/**
 * The player page is the stand-in's own (`demo/standin/player-page.ts`), served beside the stories as
 * `/player/broadcast/<id>.html` (see .storybook/plugins.ts): it plays the preview stream and sends the
 * documented bridge events through the same transport as in the shop. Each fixture's `outputPath` points there.
 */
const onStoryPage = (broadcast: Broadcast): Broadcast => ({ ...broadcast, outputPath: `${location.origin}/player/broadcast/${broadcast.broadcastId}.html` });

const FIXTURES: Record<string, Broadcast> = {
  live: onStoryPage(broadcastWhere('on air with products', (b) => b.broadcastStateCode === 'onair' && (b.productListDetail?.length ?? 0) >= 2)),
  upcoming: onStoryPage(broadcastWhere('about to start', (b) => b.broadcastStateCode === 'ready')),
  ended: onStoryPage(broadcastWhere('just ended', (b) => b.broadcastStateCode === 'converting')),
  cancelled: onStoryPage(broadcastWhere('cancelled', (b) => b.broadcastStateCode === 'cancel')),
};

const meta: Meta = {
  title: 'Elements/Live player',
  component: 'sf-live-player',
  args: { broadcast: 'live', target: '_self', 'floating-corner': 'bottom-right', 'exit-action': 'close' },
  argTypes: {
    broadcast: {
      description: 'The broadcast (its `outputPath` is the sauceFlex player). Here: a fixture of the stand-in, its player page served beside the stories.',
      control: { type: 'select' },
      options: Object.keys(FIXTURES),
      mapping: FIXTURES,
    },
    'floating-corner': { control: { type: 'select' }, options: ['bottom-right', 'bottom-left', 'top-right', 'top-left'] },
    'exit-action': { control: { type: 'select' }, options: ['close', 'minimize'] },
    state: { control: false },
    docked: { control: false },
    width: { description: 'Story helper: the width of the box around the player.', control: { type: 'text' }, table: { category: 'story' } },
  },
  render: (args: Args, context: StoryContext) => html`<div style="width: ${String(args.width ?? '15rem')}; max-width: 100%">
    <sf-live-player
      style=${themeStyle(args)}
      .broadcast=${args.broadcast as Broadcast | undefined}
      broadcast-id=${attr(args['broadcast-id'])}
      target=${attr(args.target)}
      ?floating=${args.floating === true}
      floating-corner=${attr(args['floating-corner'])}
      floating-width=${attr(args['floating-width'])}
      exit-action=${attr(args['exit-action'])}
      login-url=${attr(args['login-url'])}
      label=${attr(args.label)}
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      lang=${langOf(args, context)}
      @sf-product-click=${(event: Event) => {
        // A story never leaves Storybook: the shop's handler would route to the product page.
        event.preventDefault();
        handler(args, 'onSfProductClick')(event);
      }}
      @sf-login-required=${handler(args, 'onSfLoginRequired')}
      @sf-share=${handler(args, 'onSfShare')}
      @sf-live-exit=${handler(args, 'onSfLiveExit')}
      @sf-live-status=${handler(args, 'onSfLiveStatus')}
      @sf-banner-click=${(event: Event) => {
        event.preventDefault();
        handler(args, 'onSfBannerClick')(event);
      }}
      @sf-error=${handler(args, 'onSfError')}
    ></sf-live-player>
  </div>`,
};
export default meta;

type Story = StoryObj;

const playerIn = (canvas: HTMLElement) => elementIn<SfLivePlayer>(canvas, 'sf-live-player');
async function reaches(player: SfLivePlayer, state: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(`state="${state}"`, () => player.getAttribute('state') === state, timeoutMs);
}
/** Press a button of the stand-in's player page (its test hook), as a shopper would inside the player. */
function pressInPlayer(player: SfLivePlayer, button: string): void {
  inShadow<HTMLIFrameElement>(player, 'iframe')!.contentWindow!.postMessage({ standin: 'press', button }, '*');
}

export const Loading: Story = {
  name: 'Loading the broadcast (reserved size)',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('loading') },
  play: async ({ canvasElement }) => {
    await waitForShadow(playerIn(canvasElement), '.skeleton[aria-busy="true"]');
  },
};
export const Playing: Story = {
  name: 'Playing (the sauceFlex player on the page)',
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'playing'),
};
export const Upcoming: Story = {
  name: 'Upcoming (the player page waits for the start)',
  args: { broadcast: 'upcoming' },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'playing'),
};
export const Floating: Story = {
  name: 'Floating mini-player (docked in its corner)',
  args: { floating: true, '--sf-floating-inset-bottom': '1rem' },
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'playing');
    player.minimize();
    await waitFor('docked', () => player.hasAttribute('docked'));
    await waitForShadow(player, '[part~="move-handle"]');
  },
};
export const Ended: Story = {
  name: 'Ended',
  args: { broadcast: 'ended' },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'ended'),
};
export const Cancelled: Story = {
  args: { broadcast: 'cancelled' },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'ended'),
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(playerIn(canvasElement), '[role="alert"] [part~="retry-button"]');
  },
};
export const GuestPressesLogin: Story = {
  name: 'Guest presses login (no login page set: the player says so)',
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'playing');
    pressInPlayer(player, 'login');
    await waitFor('the login notice', () => (inShadow(player, '[part~="notice"]')?.textContent ?? '') !== '');
  },
};
export const Closed: Story = {
  name: 'Closed (watch again)',
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'playing');
    player.close();
    await waitForShadow(player, '[part~="reopen-button"]');
  },
};
