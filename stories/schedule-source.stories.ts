import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Scenario } from '../.storybook/mock/urls.js';
import { attr, elementIn, langOf, mockScheduleSource, themeStyle, waitFor, waitForShadow, type Args } from './support/helpers.js';

/**
 * `<sf-schedule source>`: the same element reading the backend's SmartSTREAM source (the SmartSTREAM
 * stand-in's live events, mapped as the backend maps them) instead of sauceFlex.
 */
const meta: Meta = {
  title: 'Elements/Schedule/SmartSTREAM source',
  component: 'sf-schedule',
  args: { scenario: 'ok', layout: 'list', limit: 10, 'refresh-interval': 0 },
  argTypes: {
    scenario: {
      description: 'Story helper: what the schedule source answers (the SmartSTREAM events, none, a 500, or never).',
      control: { type: 'select' },
      options: ['ok', 'empty', 'error', 'loading'],
      table: { category: 'story' },
    },
  },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: 36rem">
    <sf-schedule
      style=${themeStyle(args)}
      source=${mockScheduleSource(args.scenario as Scenario)}
      layout=${attr(args.layout)}
      limit=${attr(args.limit)}
      refresh-interval=${attr(args['refresh-interval'])}
      lang=${langOf(args, context)}
    ></sf-schedule>
  </div>`,
};
export default meta;

type Story = StoryObj;

const scheduleIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-schedule');

export const Events: Story = {
  name: 'SmartSTREAM events (one on air)',
  play: async ({ canvasElement }) => {
    const schedule = scheduleIn(canvasElement);
    await waitFor('a LIVE card', () =>
      [...(schedule.shadowRoot?.querySelectorAll('li[data-broadcast-id] [part="badge"]') ?? [])].find((badge) => badge.textContent?.trim() === 'LIVE'),
    );
  },
};
export const Paged: Story = { name: 'Two per page ("more")', args: { limit: 2 }, play: async ({ canvasElement }) => void (await waitForShadow(scheduleIn(canvasElement), '[part="more"]')) };
export const Loading: Story = { args: { scenario: 'loading' }, play: async ({ canvasElement }) => void (await waitForShadow(scheduleIn(canvasElement), '[aria-busy="true"]')) };
export const Empty: Story = { name: 'No events', args: { scenario: 'empty' }, play: async ({ canvasElement }) => void (await waitForShadow(scheduleIn(canvasElement), '[role="status"]')) };
export const ErrorState: Story = { name: 'Error (with retry)', args: { scenario: 'error' }, tags: ['console-error'], play: async ({ canvasElement }) => void (await waitForShadow(scheduleIn(canvasElement), '[role="alert"] button', 10_000)) };
