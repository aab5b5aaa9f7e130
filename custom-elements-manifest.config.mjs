/**
 * custom-elements.json, for editors (VS Code / JetBrains custom data via package.json "customElements")
 * and for Storybook's controls and docs (.storybook/preview.ts). Generated, never edited by hand:
 * `npm run analyze`, and again on every `storybook dev` / `storybook build` (.storybook/main.ts).
 *
 * What it reads:
 * - `src/elements/<name>/<name>.component.ts`: each element class, its Lit properties and the public
 *   API in its class JSDoc (@summary, @attr, @event, @slot, @csspart, @cssproperty);
 * - `src/elements/<name>/<name>.ts`: the `customElements.define('sf-…', Class)` call that gives each
 *   class its tag name (one source of truth: no tag name repeated in JSDoc);
 * - `src/shared/sauceflex-element.ts`: the base class, so every element lists the shared config
 *   attributes (partner-id, api-base, token-endpoint, lang, time-zone) as inherited.
 * Third-party manifests (Lit's) are not followed: `dependencies: false`.
 */
import { existsSync, readdirSync } from 'node:fs';

const elementsDir = new URL('./src/elements/', import.meta.url);
const registrations = readdirSync(elementsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(new URL(`${entry.name}/${entry.name}.ts`, elementsDir)))
  .map((entry) => `src/elements/${entry.name}/${entry.name}.ts`);

export default {
  globs: ['src/elements/**/*.component.ts', ...registrations, 'src/shared/sauceflex-element.ts'],
  exclude: ['**/*.styles.ts', '**/*.test.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  // package.json already names the manifest; the analyzer must not rewrite that file.
  packagejson: false,
  quiet: true,
  plugins: [dropUnexportedVariables()],
};

/**
 * The analyzer mistakes some locals inside class-field arrow functions (`const url = …` in a click
 * handler) for module variables. Keep only variables the module really exports.
 */
function dropUnexportedVariables() {
  return {
    name: 'sauceflex:drop-unexported-variables',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        const exported = new Set((mod.exports ?? []).map((e) => e.declaration?.name));
        mod.declarations = (mod.declarations ?? []).filter((d) => d.kind !== 'variable' || exported.has(d.name));
      }
    },
  };
}
