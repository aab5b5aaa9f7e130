import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { BroadcastProduct } from '../src/api/models.js';
import {
  attr,
  broadcastWhere,
  elementIn,
  handler,
  langOf,
  mockApiBase,
  mockProductEndpoint,
  PARTNER_ID,
  products,
  themeStyle,
  waitFor,
  waitForShadow,
  type Args,
} from './support/helpers.js';

const live = broadcastWhere('on air', (b) => b.broadcastStateCode === 'onair');

/** `products` options: a broadcast's list (completed through product-endpoint), the whole catalogue, nothing. */
const LISTS: Record<string, BroadcastProduct[]> = {
  'all products (complete)': products(),
  "the live broadcast's productListDetail": live.productListDetail ?? [],
  'none (empty list)': [],
};

const meta: Meta = {
  title: 'Elements/Product list',
  component: 'sf-product-list',
  args: {
    layout: 'grid',
    target: '_self',
    'broadcast-id': live.broadcastId,
    'partner-id': PARTNER_ID,
    'api-base': mockApiBase('ok'),
    'product-endpoint': mockProductEndpoint('ok'),
  },
  argTypes: {
    products: {
      description: 'The products to show (`productListDetail` items or full products); when unset, those of `broadcast-id`.',
      control: { type: 'select' },
      options: Object.keys(LISTS),
      mapping: LISTS,
    },
  },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: ${args.layout === 'list' ? '30rem' : '48rem'}">
    <sf-product-list
      style=${themeStyle(args)}
      .products=${args.products as BroadcastProduct[] | undefined}
      broadcast-id=${attr(args['broadcast-id'])}
      layout=${attr(args.layout)}
      target=${attr(args.target)}
      product-endpoint=${attr(args['product-endpoint'])}
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      lang=${langOf(args, context)}
      @sf-product-click=${handler(args, 'onSfProductClick')}
    ></sf-product-list>
  </div>`,
};
export default meta;

type Story = StoryObj;

const listIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-product-list');

/** Waits until the list shows at least `n` cards, each completed (a link). */
const showsCards = (n: number): Story['play'] => async ({ canvasElement }) => {
  const list = listIn(canvasElement);
  await waitFor(`${n} product cards`, () => {
    const cards = [...(list.shadowRoot?.querySelectorAll('sf-product-card') ?? [])];
    return cards.length >= n && cards.every((card) => card.shadowRoot?.querySelector('[part~="card"]:not(.skeleton)'));
  });
};

export const Grid: Story = { name: 'Grid (a broadcast’s products)', play: showsCards(4) };
export const List: Story = { args: { layout: 'list' }, play: showsCards(4) };
export const Carousel: Story = {
  args: { layout: 'carousel', products: 'all products (complete)' },
  play: async (context) => {
    await showsCards(8)!(context);
    await waitForShadow(listIn(context.canvasElement), '[part~="next"]:not([disabled])');
  },
};
export const GivenProducts: Story = {
  name: 'Given products (no broadcast)',
  args: { products: 'all products (complete)', 'broadcast-id': undefined, 'product-endpoint': undefined },
  play: showsCards(12),
};
export const Loading: Story = {
  name: 'Loading (skeleton)',
  args: { 'api-base': mockApiBase('loading') },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[part~="list"][aria-hidden="true"] sf-product-card');
  },
};
export const Empty: Story = {
  args: { products: 'none (empty list)' },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[part~="status"][role="status"]');
  },
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  args: { 'api-base': mockApiBase('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[part~="status"][role="alert"] [part~="retry"]');
  },
};
export const NotFound: Story = {
  name: 'Broadcast not found',
  args: { 'api-base': mockApiBase('empty') },
  play: async ({ canvasElement }) => {
    await waitForShadow(listIn(canvasElement), '[part~="status"][role="status"]');
  },
};
export const Themed: Story = {
  name: 'Themed (from the controls alone)',
  args: {
    '--sf-sale': '#c2410c',
    '--sf-surface': '#fff9f2',
    '--sf-border': '#f0d9c4',
    '--sf-radius': '2px',
    '--sf-product-gap': '1.5rem',
    '--sf-product-min-column': '12rem',
  },
  play: showsCards(4),
};
