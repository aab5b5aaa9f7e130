import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { Scenario } from '../.storybook/mock/urls.js';
import { attr, broadcastWhere, elementIn, langOf, mockStatsEndpoint, themeStyle, waitForShadow, type Args } from './support/helpers.js';

/** A replay: its live window is over, so every figure and chart has something to show. */
const replay = () => broadcastWhere('a live replay', (b) => b.broadcastStateCode === 'vod' && b.broadcastTypeCode === 'live');

const meta: Meta = {
  title: 'Elements/Broadcast stats',
  component: 'sf-broadcast-stats',
  args: { scenario: 'ok', metrics: 'uniqueVisitor likeCount productClickCount orderCount' },
  argTypes: {
    scenario: {
      description: 'Story helper: what the stats route answers (the stand-in’s analysis figures, nothing counted, a 500, or never).',
      control: { type: 'select' },
      options: ['ok', 'empty', 'error', 'loading'],
      table: { category: 'story' },
    },
  },
  render: (args: Args, context: StoryContext) => html`<sf-broadcast-stats
    style=${themeStyle(args)}
    broadcast-id=${replay().broadcastId}
    stats-endpoint=${mockStatsEndpoint(args.scenario as Scenario)}
    metrics=${attr(args.metrics) ?? ''}
    lang=${langOf(args, context)}
  ></sf-broadcast-stats>`,
};
export default meta;

type Story = StoryObj;

const shows = (selector: string): Story['play'] =>
  async ({ canvasElement }) => {
    await waitForShadow(elementIn(canvasElement, 'sf-broadcast-stats'), selector);
  };

export const Figures: Story = { name: 'Totals, ages and charts', play: shows('[part="chart"]') };
export const AllMetrics: Story = { name: 'Every metric charted', args: { metrics: 'uniqueVisitor pageView likeCount chatCount productClickCount orderCount' }, play: shows('[part="chart"]') };
export const Loading: Story = { args: { scenario: 'loading' }, play: shows('[aria-busy="true"]') };
export const NothingCounted: Story = { name: 'Nothing counted yet', args: { scenario: 'empty' }, play: shows('[role="status"]') };
export const ErrorState: Story = { name: 'Error (with retry)', args: { scenario: 'error' }, tags: ['console-error'], play: shows('[role="alert"] button') };
export const Themed: Story = { args: { '--sf-accent': '#0a7d3b', '--sf-radius': '4px' }, play: shows('[part="chart"]') };
