/**
 * Storybook for the sauceFlex web components (Vite builder), set up by hand as
 * ../shared/TOOLCHAIN.md advises (`npm create storybook` fails here).
 *
 * - Stories: stories/<element>.stories.ts, fed by the stand-in's fixtures through an in-browser
 *   mock (.storybook/mock/): no network.
 * - custom-elements.json is regenerated from the source before every start and build (controls and
 *   docs come from it; see preview.ts).
 * - Docs pages need @storybook/addon-docs (not bundled with storybook 10); they are switched on
 *   when that package is installed.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vite';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { generateManifest, manifestWatcher, storybookMedia } from './plugins.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function installed(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

const config: StorybookConfig = {
  framework: {
    name: '@storybook/web-components-vite',
    options: { builder: { viteConfigPath: here('./vite.config.ts') } },
  },
  stories: ['../stories/*.stories.ts'],
  addons: installed('@storybook/addon-docs') ? ['@storybook/addon-docs'] : [],
  staticDirs: [{ from: '../demo/media/preview', to: '/media/preview' }],
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
  async viteFinal(viteConfig) {
    generateManifest();
    return mergeConfig(viteConfig, {
      plugins: [storybookMedia(), manifestWatcher()],
      // demo/standin/paging.ts (reused by the mock) encodes nextKeys with node:buffer.
      resolve: { alias: { 'node:buffer': here('./mock/node-buffer.ts') } },
    });
  },
};

export default config;
