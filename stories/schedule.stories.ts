import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { curationIdAt } from '../demo/standin/fixtures.js';
import { SCHEDULE_TYPES } from '../src/elements/schedule/schedule-groups.js';
import { attr, elementIn, handler, inShadow, langOf, mockApiBase, PARTNER_ID, themeStyle, waitFor, waitForShadow, type Args } from './support/helpers.js';

const meta: Meta = {
  title: 'Elements/Schedule',
  component: 'sf-schedule',
  args: {
    type: 'upcoming',
    layout: 'feed',
    limit: 10,
    'partner-id': PARTNER_ID,
    'api-base': mockApiBase('ok'),
    // Storybook shows a moment: no background refresh while a story is open.
    'refresh-interval': 0,
  },
  argTypes: {
    type: { control: { type: 'select' }, options: [...SCHEDULE_TYPES] },
  },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: ${args.layout === 'grid' ? '64rem' : '36rem'}">
    <sf-schedule
      style=${themeStyle(args)}
      type=${attr(args.type)}
      layout=${attr(args.layout)}
      limit=${attr(args.limit)}
      search=${attr(args.search)}
      curation-id=${attr(args['curation-id'])}
      refresh-interval=${attr(args['refresh-interval'])}
      target=${attr(args.target)}
      heading-level=${attr(args['heading-level'])}
      ?no-countdown=${args['no-countdown'] === true}
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      time-zone=${attr(args['time-zone'])}
      lang=${langOf(args, context)}
      @sf-broadcast-select=${handler(args, 'onSfBroadcastSelect')}
    ></sf-schedule>
  </div>`,
};
export default meta;

type Story = StoryObj;

const scheduleIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-schedule');

/** Waits for at least `n` cards showing a broadcast (not skeletons), optionally with a `state` badge. */
const showsCards = (n: number, state?: string): Story['play'] => async ({ canvasElement }) => {
  const schedule = scheduleIn(canvasElement);
  await waitFor(`${n} broadcast cards${state ? ` (${state})` : ''}`, () => {
    // The schedule draws its cards itself: one list item each.
    const cards = [...(schedule.shadowRoot?.querySelectorAll('li[data-broadcast-id]') ?? [])];
    const shown = cards.filter((card) => card.querySelector(`[part~="badge"]${state ? `.${state}` : ''}`));
    return shown.length >= n;
  });
};

export const Upcoming: Story = {
  name: 'Upcoming, by day, with countdown (feed)',
  play: async (context) => {
    await showsCards(3, 'upcoming')!(context);
    await waitForShadow(scheduleIn(context.canvasElement), 'sf-countdown');
  },
};
export const ListLayout: Story = { name: 'List layout', args: { layout: 'list' }, play: showsCards(3) };
export const GridLayout: Story = { name: 'Grid layout', args: { layout: 'grid' }, play: showsCards(3) };
export const LiveNow: Story = { name: 'Live now', args: { type: 'live' }, play: showsCards(2, 'live') };
export const Replays: Story = { name: 'Replays (VOD)', args: { type: 'vod' }, play: showsCards(2, 'replay') };
export const CatchUp: Story = { name: 'Catch-up', args: { type: 'catchup' }, play: showsCards(2, 'replay') };
export const Latest: Story = { name: 'Latest (live and catch-up)', args: { type: 'latest' }, play: showsCards(3) };
export const All: Story = { name: 'All types', args: { type: 'all', layout: 'grid' }, play: showsCards(3) };
export const Curation: Story = { args: { type: 'all', 'curation-id': curationIdAt(0) }, play: showsCards(3) };
export const Search: Story = { name: 'Search (searchWord)', args: { type: 'all', search: '한우' }, play: showsCards(1) };
export const SearchNoResults: Story = {
  name: 'Search without results',
  args: { type: 'all', search: '존재하지 않는 상품' },
  play: async ({ canvasElement }) => {
    await waitForShadow(scheduleIn(canvasElement), '[part~="status"][role="status"]');
  },
};
export const MorePages: Story = {
  name: 'More pages (nextKey)',
  args: { limit: 3 },
  play: async (context) => {
    // A page of three, of which the rehearsal is never shown.
    await showsCards(2)!(context);
    await waitForShadow(scheduleIn(context.canvasElement), '[part~="more"]');
  },
};
export const NoCountdown: Story = { name: 'Without countdown', args: { 'no-countdown': true }, play: showsCards(3) };
export const Loading: Story = {
  name: 'Loading (skeleton)',
  args: { 'api-base': mockApiBase('loading') },
  play: async ({ canvasElement }) => {
    await waitForShadow(scheduleIn(canvasElement), '[aria-busy="true"] [part~="card"] .skeleton');
  },
};
export const Empty: Story = {
  args: { 'api-base': mockApiBase('empty') },
  play: async ({ canvasElement }) => {
    await waitForShadow(scheduleIn(canvasElement), '[part~="status"][role="status"]');
  },
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  tags: ['console-error'],
  args: { 'api-base': mockApiBase('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(scheduleIn(canvasElement), '[part~="status"][role="alert"] [part~="retry"]');
  },
};
export const Misconfigured: Story = {
  name: 'Misconfigured (no partner-id)',
  tags: ['console-error'],
  args: { 'partner-id': undefined },
  play: async ({ canvasElement }) => {
    const schedule = scheduleIn(canvasElement);
    await waitFor('the configuration message', () => inShadow(schedule, '[role="alert"]')?.textContent?.includes('partner-id'));
  },
};
export const Themed: Story = {
  name: 'Themed (from the controls alone)',
  args: {
    layout: 'grid',
    '--sf-accent': '#00a86b',
    '--sf-on-accent': '#101418',
    '--sf-surface': '#101418',
    '--sf-text': '#e8eef2',
    '--sf-text-muted': '#9fb0bc',
    '--sf-border': '#26313a',
    '--sf-radius': '16px',
    '--sf-schedule-gap': '1.25rem',
    '--sf-day-size': '1.25rem',
  },
  render: (args, context) => html`<div style="background: #0b0e11; padding: 1rem">${meta.render!(args, context)}</div>`,
  play: showsCards(3),
};
