import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Broadcast } from '../src/api/models.js';
import { playerTiming } from '../src/player/engine.js';
import type { SfPreviewPlayer } from '../src/elements/preview-player/preview-player.js';
import {
  attr,
  brokenStream,
  broadcastWhere,
  elementIn,
  handler,
  hangingStream,
  inShadow,
  langOf,
  mockApiBase,
  PARTNER_ID,
  themeStyle,
  waitFor,
  waitForShadow,
  type Args,
} from './support/helpers.js';

/**
 * The real stream: demo/media/preview (fMP4 HLS, a few seconds) served by Storybook under
 * /media/preview/, played by hls.js (fetched on first play, as in the shop). The loading state uses
 * a playlist whose request never answers, the error state one that is not a playlist.
 */
const FIXTURES: Record<string, Broadcast> = {
  live: broadcastWhere('on air with a preview', (b) => b.broadcastStateCode === 'onair' && !!b.previewUrl),
  replay: broadcastWhere('a replay with a preview', (b) => b.broadcastStateCode === 'vod' && !!b.previewUrl),
  'no preview': broadcastWhere('without a preview', (b) => !b.previewUrl && b.broadcastStateCode !== 'cancel'),
};

const meta: Meta = {
  title: 'Elements/Preview player',
  component: 'sf-preview-player',
  args: { broadcast: 'live', engine: 'auto', target: '_self' },
  argTypes: {
    broadcast: {
      description: 'The broadcast (its `previewUrl` plays, its thumbnail is the poster). Here: a fixture of the stand-in.',
      control: { type: 'select' },
      options: Object.keys(FIXTURES),
      mapping: FIXTURES,
    },
    engine: { control: { type: 'select' }, options: ['auto', 'hlsjs', 'native'] },
    state: { control: false },
    width: { description: 'Story helper: the width of the box around the player.', control: { type: 'text' }, table: { category: 'story' } },
  },
  render: (args: Args, context: StoryContext) => html`<div style="width: ${String(args.width ?? '15rem')}; max-width: 100%">
    <sf-preview-player
      style=${themeStyle(args)}
      .broadcast=${args.broadcast as Broadcast | undefined}
      src=${attr(args.src)}
      broadcast-id=${attr(args['broadcast-id'])}
      poster=${attr(args.poster)}
      ?autoplay=${args.autoplay === true}
      ?controls=${args.controls === true}
      ?loop=${args.loop === true}
      ?muted=${args.muted === true}
      engine=${attr(args.engine)}
      target=${attr(args.target)}
      label=${attr(args.label)}
      hls-src=${attr(args['hls-src'])}
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      lang=${langOf(args, context)}
      @sf-play=${handler(args, 'onSfPlay')}
      @sf-pause=${handler(args, 'onSfPause')}
      @sf-ended=${handler(args, 'onSfEnded')}
      @sf-error=${handler(args, 'onSfError')}
      @sf-broadcast-select=${handler(args, 'onSfBroadcastSelect')}
    ></sf-preview-player>
  </div>`,
};
export default meta;

type Story = StoryObj;

const playerIn = (canvas: HTMLElement) => elementIn<SfPreviewPlayer>(canvas, 'sf-preview-player');
/** Waits until the player's `state` attribute says `state`. */
async function reaches(player: SfPreviewPlayer, state: string, timeoutMs = 15_000): Promise<void> {
  await waitFor(`state="${state}"`, () => player.getAttribute('state') === state, timeoutMs);
}

export const Idle: Story = {
  name: 'Idle (poster)',
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'idle');
    await waitForShadow(player, '[part~="poster"]');
  },
};
export const IdleWithControls: Story = {
  name: 'Idle with controls (play button)',
  args: { controls: true },
  play: async ({ canvasElement }) => {
    await waitForShadow(playerIn(canvasElement), '[part~="play-button"]');
  },
};
export const Loading: Story = {
  name: 'Loading (stream on its way)',
  args: { src: hangingStream(), autoplay: true },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'loading'),
};
export const Playing: Story = {
  name: 'Playing (autoplay, muted)',
  args: { autoplay: true, loop: true },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'playing'),
};
export const Paused: Story = {
  args: { autoplay: true },
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'playing');
    player.pause();
    await reaches(player, 'paused');
  },
};
export const Ended: Story = {
  args: { broadcast: 'replay', autoplay: true },
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'playing');
    const video = inShadow<HTMLVideoElement>(player, 'video')!;
    await waitFor('the stream duration', () => Number.isFinite(video.duration) && video.duration > 1);
    video.currentTime = video.duration - 0.3;
    await reaches(player, 'ended');
    await waitForShadow(player, '[part~="replay-button"]');
  },
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  args: { src: brokenStream(), autoplay: true },
  // No engine-level retries here, so the error shows at once (in the shop it comes after a few backoffs).
  beforeEach: () => {
    const saved = { ...playerTiming };
    playerTiming.networkRetries = 0;
    return () => void Object.assign(playerTiming, saved);
  },
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await reaches(player, 'error');
    await waitForShadow(player, '[part~="retry-button"]');
  },
};
export const NoPreview: Story = {
  name: 'Broadcast without a preview (poster only)',
  args: { broadcast: 'no preview', autoplay: true },
  play: async ({ canvasElement }) => {
    const player = playerIn(canvasElement);
    await waitForShadow(player, '[part~="poster"]');
    await reaches(player, 'idle');
  },
};
export const LoadedById: Story = {
  name: 'Loaded by broadcast-id',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('ok'), autoplay: true },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'playing'),
};
export const LoadingBroadcast: Story = {
  name: 'Loading the broadcast (skeleton)',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('loading'), autoplay: true },
  play: async ({ canvasElement }) => {
    await waitForShadow(playerIn(canvasElement), '.skeleton[aria-busy="true"]');
  },
};
export const BroadcastError: Story = {
  name: 'Broadcast could not be loaded (with retry)',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(playerIn(canvasElement), '[role="alert"] [part~="retry-button"]');
  },
};
export const Themed: Story = {
  name: 'Themed (16:9, square corners)',
  args: {
    '--sf-player-aspect-ratio': '16 / 9',
    '--sf-radius': '0px',
    '--sf-accent': '#2563eb',
    '--sf-player-background': '#000',
    width: '24rem',
  },
  play: async ({ canvasElement }) => reaches(playerIn(canvasElement), 'idle'),
};
