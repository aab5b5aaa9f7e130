import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Scenario } from '../.storybook/mock/urls.js';
import { attr, elementIn, handler, langOf, mockConsultEndpoint, themeStyle, waitForShadow, type Args } from './support/helpers.js';

const meta: Meta = {
  title: 'Elements/Consult button',
  component: 'sf-consult-button',
  args: { scenario: 'ok', viewer: 'member', 'open-in': 'dialog' },
  argTypes: {
    scenario: {
      description: 'Story helper: what the consultation route answers (a join URL, never, or LiveMinutes down).',
      control: { type: 'select' },
      options: ['ok', 'loading', 'error'],
      table: { category: 'story' },
    },
    viewer: { description: 'Story helper: a signed-in member or a guest.', control: { type: 'select' }, options: ['member', 'guest'], table: { category: 'story' } },
    'open-in': { control: { type: 'select' }, options: ['tab', 'dialog'] },
  },
  render: (args: Args, context: StoryContext) => html`<sf-consult-button
    style=${themeStyle(args)}
    consult-endpoint=${mockConsultEndpoint(args.scenario as Scenario, args.viewer as 'member' | 'guest')}
    open-in=${attr(args['open-in']) ?? 'tab'}
    label=${attr(args.label) ?? ''}
    lang=${langOf(args, context)}
    @sf-consult-open=${handler(args, 'onSfConsultOpen')}
    @sf-login-required=${handler(args, 'onSfLoginRequired')}
  ></sf-consult-button>`,
};
export default meta;

type Story = StoryObj;

const buttonIn = (canvas: HTMLElement) => elementIn(canvas, 'sf-consult-button');
/** Presses the button, then waits for `selector`. */
const pressed = (selector: string): Story['play'] =>
  async ({ canvasElement }) => {
    const button = await waitForShadow<HTMLButtonElement>(buttonIn(canvasElement), '[part="button"]');
    button.click();
    await waitForShadow(buttonIn(canvasElement), selector);
  };

export const Idle: Story = { name: 'Ready to press', play: async ({ canvasElement }) => void (await waitForShadow(buttonIn(canvasElement), '[part="button"]')) };
export const Connecting: Story = { args: { scenario: 'loading' }, play: pressed('[part="button"][aria-busy="true"]') };
export const InDialog: Story = { name: 'Joined, in the dialog', play: pressed('dialog[open] [part="frame"]') };
export const Guest: Story = { name: 'A guest (sign in)', args: { viewer: 'guest' }, play: pressed('[part="status"] p') };
export const Unavailable: Story = { name: 'LiveMinutes down', args: { scenario: 'error' }, tags: ['console-error'], play: pressed('[part="status"] p') };
export const Themed: Story = { args: { '--sf-accent': '#0a7d3b', '--sf-radius': '999px', label: '지금 상담원과 연결' } };
