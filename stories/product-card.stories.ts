import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { BroadcastProduct } from '../src/api/models.js';
import {
  attr,
  broadcastWhere,
  elementIn,
  handler,
  langOf,
  mockProductEndpoint,
  productWhere,
  themeStyle,
  waitForShadow,
  type Args,
} from './support/helpers.js';

/** Fixture products (as the backend's product route answers them) by what they show. */
const FIXTURES: Record<string, BroadcastProduct> = {
  discounted: productWhere('discounted', (p) => p.priceTypeCode === 'basic' && p.discountTypeCode === 'rate' && !p.isSoldout),
  'no discount': productWhere('at its regular price', (p) => p.priceTypeCode === 'basic' && p.discountTypeCode === 'none' && p.sellingPrice !== '0' && !p.isSoldout),
  'sold out': productWhere('sold out', (p) => p.isSoldout === 1),
  'text price': productWhere('priced in words', (p) => p.priceTypeCode === 'text'),
  'hidden price': productWhere('with a hidden price', (p) => p.priceTypeCode === 'hide'),
  "the guide's example (sellingPrice 0)": productWhere("the guide's example", (p) => p.sellingPrice === '0' && p.priceTypeCode === 'basic'),
  'long name': productWhere('long-named', (p) => p.productName.length > 40),
};

/** A product as a broadcast lists it: no page URL, brand or sold-out flag (the backend fills them in). */
const listed = broadcastWhere('on air', (b) => b.broadcastStateCode === 'onair').productListDetail![0]!;

const meta: Meta = {
  title: 'Elements/Product card',
  component: 'sf-product-card',
  args: { product: 'discounted', variant: 'tile', target: '_self' },
  argTypes: {
    product: {
      description: 'A `productListDetail` item or a full product. Here: a fixture of the stand-in.',
      control: { type: 'select' },
      options: Object.keys(FIXTURES),
      mapping: FIXTURES,
    },
  },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: ${args.variant === 'row' ? '28rem' : '12rem'}">
    <sf-product-card
      style=${themeStyle(args)}
      .product=${args.product as BroadcastProduct | undefined}
      product-id=${attr(args['product-id'])}
      product-endpoint=${attr(args['product-endpoint'])}
      broadcast-id=${attr(args['broadcast-id'])}
      variant=${attr(args.variant)}
      target=${attr(args.target)}
      lang=${langOf(args, context)}
      @sf-product-click=${handler(args, 'onSfProductClick')}
    ></sf-product-card>
  </div>`,
};
export default meta;

type Story = StoryObj;

const cardIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-product-card');
/** Waits for `selector` in the card. */
const shows = (selector: string): Story['play'] => async ({ canvasElement }) => {
  await waitForShadow(cardIn(canvasElement), selector);
};

export const Discounted: Story = { name: 'Discounted (priceTypeCode basic)', play: shows('a[part~="card"] [part~="badge"]') };
export const RegularPrice: Story = { name: 'Regular price', args: { product: 'no discount' }, play: shows('a[part~="card"] [part~="selling-price"]') };
export const SoldOut: Story = { name: 'Sold out', args: { product: 'sold out' }, play: shows('[aria-disabled="true"] [part~="sold-out"]') };
export const TextPrice: Story = { name: 'Price in words (priceTypeCode text)', args: { product: 'text price' }, play: shows('[part~="text-price"]') };
export const HiddenPrice: Story = { name: 'Hidden price (priceTypeCode hide)', args: { product: 'hidden price' }, play: shows('a[part~="card"] [part~="name"]') };
export const GuideExample: Story = { name: "The guide's example (sellingPrice 0)", args: { product: "the guide's example (sellingPrice 0)" }, play: shows('[part~="selling-price"]') };
export const LongName: Story = { name: 'Long name (clamped)', args: { product: 'long name' }, play: shows('[part~="name"]') };
export const RowVariant: Story = { name: 'Row variant', args: { variant: 'row' }, play: shows('a[part~="card"]') };
export const NewTab: Story = { name: 'Opens in a new tab', args: { target: '_blank' }, play: shows('a[part~="card"][target="_blank"]') };

/** A broadcast's `productListDetail` item, completed (page URL, brand, sold out) by the backend's product route. */
export const ListedCompleted: Story = {
  name: 'From a broadcast, completed by product-endpoint',
  args: { product: undefined, 'product-endpoint': mockProductEndpoint('ok') },
  render: (args, context) => html`<div style="max-width: 12rem">
    <sf-product-card style=${themeStyle(args)} .product=${listed} product-endpoint=${attr(args['product-endpoint'])} lang=${langOf(args, context)}
      @sf-product-click=${handler(args, 'onSfProductClick')}></sf-product-card>
  </div>`,
  play: shows('a[part~="card"] [part~="brand"]'),
};
export const ListedWithoutEndpoint: Story = {
  name: 'From a broadcast, no product-endpoint (cannot open)',
  tags: ['console-error'],
  args: { product: undefined },
  render: (args, context) => html`<div style="max-width: 12rem">
    <sf-product-card style=${themeStyle(args)} .product=${listed} lang=${langOf(args, context)}></sf-product-card>
  </div>`,
  play: shows('div[part~="card"][role="group"]'),
};
export const LoadedById: Story = {
  name: 'Loaded by product-id',
  args: { product: undefined, 'product-id': FIXTURES.discounted!.productId, 'product-endpoint': mockProductEndpoint('ok') },
  play: shows('a[part~="card"] [part~="name"]'),
};
export const Loading: Story = {
  name: 'Loading (skeleton)',
  args: { product: undefined, 'product-id': FIXTURES.discounted!.productId, 'product-endpoint': mockProductEndpoint('loading') },
  play: shows('.skeleton[aria-busy="true"]'),
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  args: { product: undefined, 'product-id': FIXTURES.discounted!.productId, 'product-endpoint': mockProductEndpoint('error') },
  play: shows('[role="alert"] [part~="retry"]'),
};
export const NotFound: Story = {
  name: 'Not found',
  args: { product: undefined, 'product-id': 'mobidoo-unknown', 'product-endpoint': mockProductEndpoint('ok') },
  play: shows('[part~="message"][role="status"]'),
};
export const Themed: Story = {
  name: 'Themed (from the controls alone)',
  args: {
    '--sf-sale': '#7b2ff7',
    '--sf-surface': '#fbf8ff',
    '--sf-text': '#241a33',
    '--sf-border': '#e3d8f5',
    '--sf-radius': '20px',
    '--sf-product-aspect-ratio': '4 / 5',
    '--sf-font-family': 'Georgia, serif',
  },
  play: shows('a[part~="card"]'),
};
