/**
 * Storybook's own Vite config: deliberately empty. The project's vite.config.ts builds the library
 * (lib mode, two passes) and is not meant for an app; Storybook adds what it needs in main.ts
 * (`viteFinal`).
 */
import { defineConfig } from 'vite';

export default defineConfig({});
