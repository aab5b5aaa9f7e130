import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { attr, elementIn, handler, inShadow, langOf, mockApiBase, PARTNER_ID, themeStyle, waitFor, waitForShadow, type Args } from './support/helpers.js';

const meta: Meta = {
  title: 'Elements/Curation list',
  component: 'sf-curation-list',
  args: { limit: 10, layout: 'grid', 'partner-id': PARTNER_ID, 'api-base': mockApiBase('ok') },
  argTypes: {
    layout: { control: { type: 'select' }, options: ['list', 'feed', 'grid'] },
  },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: 48rem">
    <sf-curation-list
      style=${themeStyle(args)}
      limit=${attr(args.limit)}
      layout=${attr(args.layout)}
      target=${attr(args.target)}
      heading-level=${attr(args['heading-level'])}
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      time-zone=${attr(args['time-zone'])}
      lang=${langOf(args, context)}
      @sf-curation-select=${handler(args, 'onSfCurationSelect')}
    ></sf-curation-list>
  </div>`,
};
export default meta;

type Story = StoryObj;

const listIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-curation-list');
const showsTiles = (n: number): Story['play'] => async ({ canvasElement }) => {
  const list = listIn(canvasElement);
  await waitFor(`${n} curations`, () => (list.shadowRoot?.querySelectorAll('[part~="curation"]').length ?? 0) >= n);
};

export const Rail: Story = { name: 'Curations rail', play: showsTiles(3) };
export const MorePages: Story = {
  name: 'More pages (nextKey)',
  args: { limit: 2 },
  play: async (context) => {
    await showsTiles(2)!(context);
    await waitForShadow(listIn(context.canvasElement), '[part~="more"]');
  },
};
export const Opened: Story = {
  name: 'A curation opened (its broadcasts)',
  play: async (context) => {
    await showsTiles(1)!(context);
    const list = listIn(context.canvasElement);
    inShadow<HTMLButtonElement>(list, '[part~="curation"]')!.click();
    const schedule = await waitForShadow(list, 'sf-schedule');
    await waitFor('the curation’s broadcasts', () => schedule.shadowRoot?.querySelector('li[data-broadcast-id] [part~="badge"]'));
  },
};
export const Loading: Story = {
  name: 'Loading (skeleton)',
  args: { 'api-base': mockApiBase('loading') },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[aria-busy="true"]');
  },
};
export const Empty: Story = {
  args: { 'api-base': mockApiBase('empty') },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[part~="status"][role="status"]');
  },
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  tags: ['console-error'],
  args: { 'api-base': mockApiBase('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[part~="status"][role="alert"] [part~="retry"]');
  },
};
export const Themed: Story = {
  name: 'Themed (from the controls alone)',
  args: {
    '--sf-accent': '#00a86b',
    '--sf-surface': '#101418',
    '--sf-text': '#e8eef2',
    '--sf-text-muted': '#9fb0bc',
    '--sf-border': '#26313a',
    '--sf-skeleton': '#26313a',
    '--sf-radius': '16px',
    '--sf-curation-tile': '11rem',
  },
  render: (args, context) => html`<div style="background: #0b0e11; padding: 1rem">${meta.render!(args, context)}</div>`,
  play: showsTiles(3),
};
