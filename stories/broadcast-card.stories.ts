import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Broadcast } from '../src/api/models.js';
import {
  attr,
  broadcastWhere,
  elementIn,
  handler,
  inShadow,
  langOf,
  mockApiBase,
  PARTNER_ID,
  themeStyle,
  waitFor,
  waitForShadow,
  type Args,
} from './support/helpers.js';

/** Fixture broadcasts by what they show; the `broadcast` control picks among them. */
const FIXTURES: Record<string, Broadcast> = {
  live: broadcastWhere('on air', (b) => b.broadcastStateCode === 'onair'),
  interrupted: broadcastWhere('interrupted (warning)', (b) => b.broadcastStateCode === 'warning'),
  'starting soon': broadcastWhere('ready', (b) => b.broadcastStateCode === 'ready'),
  tomorrow: broadcastWhere('accepted, tomorrow', (b) => b.broadcastStateCode === 'accepted' && Date.parse(b.programmingStartDt) > Date.now() + 20 * 3_600_000),
  replay: broadcastWhere('a live replay', (b) => b.broadcastStateCode === 'vod' && b.broadcastTypeCode === 'live'),
  'catch-up': broadcastWhere('a catch-up', (b) => b.broadcastTypeCode === 'catchup'),
  'uploaded VOD': broadcastWhere('an uploaded VOD', (b) => b.broadcastTypeCode === 'vod'),
  converting: broadcastWhere('converting', (b) => b.broadcastStateCode === 'converting'),
  cancelled: broadcastWhere('cancelled', (b) => b.broadcastStateCode === 'cancel'),
  'markup in text': broadcastWhere('named with markup', (b) => b.broadcastName.includes('<b>')),
  'long name': broadcastWhere('long-named', (b) => b.broadcastName.length > 60),
};

const meta: Meta = {
  title: 'Elements/Broadcast card',
  component: 'sf-broadcast-card',
  args: { broadcast: 'live', variant: 'feed', target: '_self' },
  argTypes: {
    broadcast: {
      description: 'The broadcast object (a `Broadcast` from the API). Here: a fixture of the stand-in.',
      control: { type: 'select' },
      options: Object.keys(FIXTURES),
      mapping: FIXTURES,
    },
  },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: ${args.variant === 'list' ? '32rem' : '20rem'}">
    <sf-broadcast-card
      style=${themeStyle(args)}
      .broadcast=${args.broadcast as Broadcast | undefined}
      broadcast-id=${attr(args['broadcast-id'])}
      variant=${attr(args.variant)}
      target=${attr(args.target)}
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      time-zone=${attr(args['time-zone'])}
      lang=${langOf(args, context)}
      ?remind-requires-login=${args['remind-requires-login'] === true}
      ?no-remind=${args['no-remind'] === true}
      ?no-share=${args['no-share'] === true}
      @sf-broadcast-select=${handler(args, 'onSfBroadcastSelect')}
      @sf-remind=${handler(args, 'onSfRemind')}
      @sf-share=${handler(args, 'onSfShare')}
    ></sf-broadcast-card>
  </div>`,
};
export default meta;

type Story = StoryObj;

/** Waits for the card to show a broadcast whose badge is `badge`-coloured (`live`, `upcoming`, …). */
const showsState = (state: string): Story['play'] => async ({ canvasElement }) => {
  const card = elementIn(canvasElement, 'sf-broadcast-card');
  await waitForShadow(card, `[part~="badge"].${state}`);
};

export const Live: Story = { play: showsState('live') };
export const ListVariant: Story = { name: 'Live, list variant', args: { variant: 'list' }, play: showsState('live') };
export const GridVariant: Story = { name: 'Live, grid variant', args: { variant: 'grid' }, play: showsState('live') };
export const Interrupted: Story = { args: { broadcast: 'interrupted' }, play: showsState('interrupted') };
export const StartingSoon: Story = { name: 'Upcoming (today)', args: { broadcast: 'starting soon' }, play: showsState('upcoming') };
export const Tomorrow: Story = { name: 'Upcoming (tomorrow)', args: { broadcast: 'tomorrow' }, play: showsState('upcoming') };
export const Replay: Story = { args: { broadcast: 'replay' }, play: showsState('replay') };
export const CatchUp: Story = { name: 'Catch-up', args: { broadcast: 'catch-up' }, play: showsState('replay') };
export const UploadedVod: Story = { name: 'Uploaded VOD', args: { broadcast: 'uploaded VOD' }, play: showsState('replay') };
export const Converting: Story = { name: 'Converting (just ended)', args: { broadcast: 'converting' }, play: showsState('converting') };
export const Cancelled: Story = { args: { broadcast: 'cancelled' }, play: showsState('cancelled') };
export const MarkupStaysText: Story = {
  name: 'Markup in data stays text',
  args: { broadcast: 'markup in text' },
  play: async ({ canvasElement }) => {
    const title = await waitForShadow(elementIn(canvasElement, 'sf-broadcast-card'), '[part~="title"]');
    if (!title.textContent?.includes('<b>')) throw new Error('the name should show its markup as text');
  },
};
/** "Remind me" pressed: the toggle shows "알림 받는 중 / Reminder set" and the add-to-calendar offer opens. */
export const ReminderSet: Story = {
  name: 'Upcoming, reminder set (calendar offered)',
  args: { broadcast: 'tomorrow' },
  play: async ({ canvasElement }) => {
    const card = elementIn(canvasElement, 'sf-broadcast-card');
    const toggle = () => inShadow<HTMLButtonElement>(card, '[part~="remind"]')!;
    await waitForShadow(card, '[part~="remind"]');
    // Set in an earlier story (it is kept per broadcast): take it back first, so this press opens the offer.
    if (toggle().getAttribute('aria-pressed') === 'true') {
      toggle().click();
      await waitFor('the reminder taken back', () => toggle().getAttribute('aria-pressed') === 'false');
    }
    toggle().click();
    await waitForShadow(card, '[part~="calendar"] a');
  },
};
export const Counters: Story = { name: 'Replay with views, likes and chats', args: { broadcast: 'replay' }, play: async ({ canvasElement }) => {
  await waitForShadow(elementIn(canvasElement, 'sf-broadcast-card'), '[part~="counters"] .likes');
} };
export const LongName: Story = { name: 'Long name (truncated)', args: { broadcast: 'long name' }, play: showsState('upcoming') };

/** Loaded by `broadcast-id` from the API (the stand-in's GET /front/broadcast/{partnerId}/{broadcastId}). */
export const LoadedById: Story = {
  name: 'Loaded by id',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.replay!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('ok') },
  play: showsState('replay'),
};
export const Loading: Story = {
  name: 'Loading (skeleton)',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('loading') },
  play: async ({ canvasElement }) => {
    await waitForShadow(elementIn(canvasElement, 'sf-broadcast-card'), '.skeleton[aria-busy="true"]');
  },
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  args: { broadcast: undefined, 'broadcast-id': FIXTURES.live!.broadcastId, 'partner-id': PARTNER_ID, 'api-base': mockApiBase('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(elementIn(canvasElement, 'sf-broadcast-card'), '[role="alert"] button');
  },
};
export const NotFound: Story = {
  name: 'Not found',
  args: { broadcast: undefined, 'broadcast-id': 'lkmobidoo-unknown', 'partner-id': PARTNER_ID, 'api-base': mockApiBase('empty') },
  play: async ({ canvasElement }) => {
    await waitForShadow(elementIn(canvasElement, 'sf-broadcast-card'), '[role="status"]');
  },
};

/** Retheming from the controls alone: every value here is a `--sf-*` control. */
export const Themed: Story = {
  name: 'Themed (dark, square corners)',
  args: {
    '--sf-surface': '#16161a',
    '--sf-text': '#f4f4f6',
    '--sf-text-muted': '#a0a0ab',
    '--sf-border': '#2c2c33',
    '--sf-skeleton': '#2c2c33',
    '--sf-accent': '#ff7a00',
    // A light accent takes dark text (white on this orange is 2.6:1).
    '--sf-on-accent': '#16161a',
    '--sf-radius': '0px',
    '--sf-font-family': 'Georgia, serif',
    '--sf-thumbnail-aspect-ratio': '1 / 1',
  },
  play: showsState('live'),
};
