import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import {
  attr,
  broadcastWhere,
  elementIn,
  handler,
  inShadow,
  langOf,
  mockCouponEndpoint,
  mockTokenEndpoint,
  themeStyle,
  waitFor,
  waitForShadow,
  type Args,
} from './support/helpers.js';

/**
 * Coupons come from the shop's coupon API as the stand-in answers it (demo/standin/coupons.ts, in
 * the browser): `only=` keeps one coupon per story, so each shows one state. A member's stories use
 * a token endpoint that hands out `demo-member`'s viewer token; the guest's has none.
 */
const member = mockTokenEndpoint('member');
const only = (...ids: string[]) => mockCouponEndpoint('ok', { only: ids });

const meta: Meta = {
  title: 'Elements/Coupon panel',
  component: 'sf-coupon-panel',
  args: { 'coupon-endpoint': mockCouponEndpoint('ok'), 'token-endpoint': member },
  render: (args: Args, context: StoryContext) => html`<div style="max-width: 30rem">
    <sf-coupon-panel
      style=${themeStyle(args)}
      coupon-endpoint=${attr(args['coupon-endpoint'])}
      coupon-issue-endpoint=${attr(args['coupon-issue-endpoint'])}
      token-endpoint=${attr(args['token-endpoint'])}
      broadcast-id=${attr(args['broadcast-id'])}
      external-product-ids=${attr(args['external-product-ids'])}
      ?show-expired=${args['show-expired'] === true}
      skeleton-count=${attr(args['skeleton-count'])}
      timeout=${attr(args.timeout)}
      time-zone=${attr(args['time-zone'])}
      lang=${langOf(args, context)}
      @sf-coupon-issue=${handler(args, 'onSfCouponIssue')}
      @sf-login-required=${handler(args, 'onSfLoginRequired')}
    ></sf-coupon-panel>
  </div>`,
};
export default meta;

type Story = StoryObj;

const panelIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-coupon-panel');

/** Waits until the (single) coupon shows `state`. */
const showsState = (state: string): Story['play'] => async ({ canvasElement }) => {
  await waitForShadow(panelIn(canvasElement), `li[data-state="${state}"]`);
};

/** Waits until the coupon is `before`, presses its button, then waits until it is `after`. */
const pressAndShow = (before: string, after: string): Story['play'] => async ({ canvasElement }) => {
  const panel = panelIn(canvasElement);
  const button = await waitForShadow<HTMLButtonElement>(panel, `li[data-state="${before}"] button`);
  button.click();
  await waitForShadow(panel, `li[data-state="${after}"]`);
};

export const AllCoupons: Story = {
  name: 'All coupons (member)',
  args: { 'show-expired': true },
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor('the coupon list', () => (panel.shadowRoot?.querySelectorAll('li[data-state]').length ?? 0) >= 5);
  },
};
export const Available: Story = { args: { 'coupon-endpoint': only('CP-RATE-10') }, play: showsState('available') };
export const Issuing: Story = {
  name: 'Issuing (request on its way)',
  args: { 'coupon-endpoint': mockCouponEndpoint('ok', { only: ['CP-RATE-10'], issue: 'hang' }) },
  play: pressAndShow('available', 'issuing'),
};
export const Issued: Story = { name: 'Issued (just now)', args: { 'coupon-endpoint': only('CP-FIXED-3000') }, play: pressAndShow('available', 'issued') };
export const AlreadyIssued: Story = { name: 'Already issued', args: { 'coupon-endpoint': only('CP-WELCOME-2000') }, play: showsState('already-issued') };
export const Failed: Story = { name: 'Failed (FA1042, retry allowed)', args: { 'coupon-endpoint': only('CP-ALWAYS-FAILS') }, play: pressAndShow('available', 'failed') };
export const Exhausted: Story = { name: 'Exhausted (none left)', args: { 'coupon-endpoint': only('CP-EXHAUSTED') }, play: showsState('exhausted') };
export const Expired: Story = { args: { 'coupon-endpoint': only('CP-EXPIRED'), 'show-expired': true }, play: showsState('expired') };
export const NotYetValid: Story = { name: 'Not yet valid', args: { 'coupon-endpoint': only('CP-UPCOMING') }, play: showsState('upcoming') };
export const GuestLoginRequired: Story = {
  name: 'Guest → login required',
  args: { 'coupon-endpoint': only('CP-RATE-10'), 'token-endpoint': undefined },
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    const button = await waitForShadow<HTMLButtonElement>(panel, 'li[data-state="login"] button');
    let asked = false;
    panel.addEventListener('sf-login-required', () => (asked = true), { once: true });
    button.click();
    await waitFor('sf-login-required', () => asked);
  },
};
export const ForABroadcast: Story = {
  name: 'For a broadcast (GET with broadcastId)',
  args: { 'broadcast-id': broadcastWhere('the beauty live', (b) => b.broadcastName.includes('수분 크림')).broadcastId },
  play: async ({ canvasElement }) => {
    await waitForShadow(panelIn(canvasElement), 'li[data-coupon-id="CP-BEAUTY-20"]');
  },
};
export const ForProducts: Story = {
  name: 'For products (POST with externalProductIds)',
  args: { 'external-product-ids': 'GFM-4001, GFM-4002' },
  play: async ({ canvasElement }) => {
    await waitForShadow(panelIn(canvasElement), 'li[data-coupon-id="CP-FOOD-4000"]');
  },
};
export const Loading: Story = {
  name: 'Loading (skeleton)',
  args: { 'coupon-endpoint': mockCouponEndpoint('loading'), timeout: 600_000, 'skeleton-count': 3 },
  play: async ({ canvasElement }) => {
    await waitForShadow(panelIn(canvasElement), '[aria-busy="true"] li.skeleton');
  },
};
export const Empty: Story = {
  args: { 'coupon-endpoint': mockCouponEndpoint('empty') },
  play: async ({ canvasElement }) => {
    await waitForShadow(panelIn(canvasElement), '[part~="status"][role="status"]');
  },
};
export const ErrorState: Story = {
  name: 'Error (with retry)',
  tags: ['console-error'],
  args: { 'coupon-endpoint': mockCouponEndpoint('error') },
  play: async ({ canvasElement }) => {
    await waitForShadow(panelIn(canvasElement), '[part~="status"][role="alert"] [part~="retry"]');
  },
};
export const MissingEndpoint: Story = {
  name: 'Misconfigured (no coupon-endpoint)',
  tags: ['console-error'],
  args: { 'coupon-endpoint': undefined },
  play: async ({ canvasElement }) => {
    const panel = panelIn(canvasElement);
    await waitFor('the configuration message', () => inShadow(panel, '[role="alert"]')?.textContent?.includes('coupon-endpoint'));
  },
};
export const Themed: Story = {
  name: 'Themed (from the controls alone)',
  args: {
    'coupon-endpoint': only('CP-RATE-10', 'CP-FIXED-3000', 'CP-WELCOME-2000'),
    '--sf-coupon-accent': '#0a66c2',
    '--sf-coupon-background': '#f5f9ff',
    '--sf-coupon-border': '#b9d3f0',
    '--sf-coupon-radius': '4px',
    '--sf-font-family': 'Georgia, serif',
  },
  play: showsState('available'),
};
