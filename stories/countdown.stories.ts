import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { attr, elementIn, handler, langOf, themeStyle, waitFor, waitForShadow, type Args } from './support/helpers.js';

const MINUTE = 60_000;

const meta: Meta = {
  title: 'Elements/Countdown',
  component: 'sf-countdown',
  args: { startsInMinutes: 125 },
  argTypes: {
    startsInMinutes: {
      name: 'starts in (minutes)',
      description: 'Story helper: sets `to` this many minutes from now (unless `to` is set).',
      control: { type: 'number' },
      table: { category: 'story' },
    },
  },
  render: (args: Args, context: StoryContext) => {
    const to = typeof args.to === 'string' && args.to ? args.to : new Date(Date.now() + Number(args.startsInMinutes ?? 0) * MINUTE).toISOString();
    return html`<sf-countdown
      style=${themeStyle(args)}
      to=${to}
      label=${attr(args.label)}
      lang=${langOf(args, context)}
      @sf-countdown-end=${handler(args, 'onSfCountdownEnd')}
    ></sf-countdown>`;
  },
};
export default meta;

type Story = StoryObj;

const showsTime: Story['play'] = async ({ canvasElement }) => {
  await waitForShadow(elementIn(canvasElement, 'sf-countdown'), '[role="timer"] [part~="time"]');
};

export const LaterToday: Story = { name: 'Later today (ticks every 30 s)', play: showsTime };
export const LastHour: Story = { name: 'Within the hour (ticks every second)', args: { startsInMinutes: 12 }, play: showsTime };
export const Tomorrow: Story = { args: { startsInMinutes: 26 * 60 }, play: showsTime };
export const Reached: Story = {
  name: 'Reached (sf-countdown-end)',
  args: { startsInMinutes: -1 },
  play: async ({ canvasElement }) => {
    const countdown = elementIn(canvasElement, 'sf-countdown');
    await waitFor('the "soon" text', () => countdown.shadowRoot?.querySelector('[part~="time"]')?.textContent?.trim());
  },
};
export const CustomLabel: Story = { name: 'Custom label', args: { label: '라이브 시작까지' }, play: showsTime };
export const Themed: Story = {
  args: { '--sf-accent': '#0a7d3b', '--sf-text-muted': '#333', '--sf-font-family': 'ui-monospace, monospace' },
  play: showsTime,
};
