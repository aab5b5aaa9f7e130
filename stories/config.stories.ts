import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  attr,
  broadcastWhere,
  elementIn,
  inShadow,
  langOf,
  mockApiBase,
  mockCouponEndpoint,
  mockProductEndpoint,
  mockTokenEndpoint,
  PARTNER_ID,
  waitFor,
  type Args,
} from './support/helpers.js';

/**
 * `<sf-config>` renders nothing: it sets the page-wide options every sauceFlex element reads, as
 * HTML attributes, so a CMS editor can configure the widgets without JavaScript. An element's own
 * attribute wins over it; it wins over `configure()` in JavaScript.
 */
const live = broadcastWhere('on air', (b) => b.broadcastStateCode === 'onair');

const meta: Meta = {
  title: 'Elements/Config',
  component: 'sf-config',
  args: {
    'partner-id': PARTNER_ID,
    'api-base': mockApiBase('ok'),
    'product-endpoint': mockProductEndpoint('ok'),
    'coupon-endpoint': mockCouponEndpoint('ok'),
    'token-endpoint': mockTokenEndpoint('member'),
  },
  render: (args: Args, context: StoryContext) => html`
    <sf-config
      partner-id=${attr(args['partner-id'])}
      api-base=${attr(args['api-base'])}
      token-endpoint=${attr(args['token-endpoint'])}
      product-endpoint=${attr(args['product-endpoint'])}
      coupon-endpoint=${attr(args['coupon-endpoint'])}
      coupon-issue-endpoint=${attr(args['coupon-issue-endpoint'])}
      lang=${langOf(args, context)}
      time-zone=${attr(args['time-zone'])}
      hls-src=${attr(args['hls-src'])}
    ></sf-config>
    <p style="font: 14px system-ui; color: #555">
      The product list and the coupon panel below carry only <code>broadcast-id</code>; everything else comes from
      <code>&lt;sf-config&gt;</code>.
    </p>
    <div style="display: grid; gap: 1.5rem; max-width: 48rem">
      <sf-product-list broadcast-id=${live.broadcastId} layout="carousel"></sf-product-list>
      <sf-coupon-panel broadcast-id=${live.broadcastId}></sf-coupon-panel>
    </div>
  `,
};
export default meta;

type Story = StoryObj;

export const ConfiguresThePage: Story = {
  name: 'Configures every element on the page',
  play: async ({ canvasElement }) => {
    const list = elementIn(canvasElement, 'sf-product-list');
    const panel = elementIn(canvasElement, 'sf-coupon-panel');
    await waitFor('product cards', () => (list.shadowRoot?.querySelectorAll('sf-product-card').length ?? 0) > 0 && !inShadow(list, '[part~="list"][aria-hidden="true"]'));
    await waitFor('coupons', () => inShadow(panel, 'li[data-state]'));
  },
};

export const ElementAttributeWins: Story = {
  name: "An element's own attribute wins",
  render: (args, context) => html`
    <sf-config partner-id=${attr(args['partner-id'])} api-base=${attr(args['api-base'])} lang=${langOf(args, context)}></sf-config>
    <p style="font: 14px system-ui"><sf-countdown to=${new Date(Date.now() + 95 * 60_000).toISOString()}></sf-countdown> (from &lt;sf-config&gt;)</p>
    <p style="font: 14px system-ui">
      <sf-countdown lang=${langOf(args, context) === 'ko' ? 'en' : 'ko'} to=${new Date(Date.now() + 95 * 60_000).toISOString()}></sf-countdown>
      (its own <code>lang</code>)
    </p>
  `,
  play: async ({ canvasElement }) => {
    const [first, second] = [...canvasElement.querySelectorAll('sf-countdown')];
    await waitFor('both countdowns', () => inShadow(first, '[part~="label"]') && inShadow(second, '[part~="label"]'));
    if (inShadow(first, '[part~="label"]')!.textContent === inShadow(second, '[part~="label"]')!.textContent) {
      throw new Error('the countdown with its own lang should speak the other language');
    }
  },
};
