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
 * The defaults of the shared `--sf-*` theme properties come from src/shared/theme.ts (`themeDefaults`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';

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
  plugins: [dropUnexportedVariables(), themeDefaults()],
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

/**
 * THEME_DEFAULTS of src/shared/theme.ts, read from its syntax (the analyzer runs in plain node, which
 * cannot import TypeScript): each value a string literal or a module constant holding one.
 */
export function readThemeDefaults(path = new URL('./src/shared/theme.ts', import.meta.url)) {
  const source = ts.createSourceFile('theme.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
  const constants = new Map();
  let table;
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      let init = declaration.initializer;
      if (init && ts.isAsExpression(init)) init = init.expression;
      if (!init || !ts.isIdentifier(declaration.name)) continue;
      if (ts.isStringLiteralLike(init)) constants.set(declaration.name.text, init.text);
      if (declaration.name.text === 'THEME_DEFAULTS' && ts.isObjectLiteralExpression(init)) table = init;
    }
  }
  if (!table) throw new Error('src/shared/theme.ts: no THEME_DEFAULTS object');
  const defaults = {};
  for (const property of table.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isStringLiteralLike(property.name)) throw new Error(`THEME_DEFAULTS: write each entry as '--sf-…': value (${property.getText()})`);
    const value = property.initializer;
    const text = ts.isStringLiteralLike(value) ? value.text : ts.isIdentifier(value) ? constants.get(value.text) : undefined;
    if (text === undefined) throw new Error(`THEME_DEFAULTS['${property.name.text}']: a string or a constant holding one`);
    defaults[property.name.text] = text;
  }
  return defaults;
}

/** Every element that documents a shared theme property gets its default from theme.ts, written nowhere else. */
function themeDefaults() {
  const defaults = readThemeDefaults();
  return {
    name: 'sauceflex:theme-defaults',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const property of declaration.cssProperties ?? []) {
            if (Object.hasOwn(defaults, property.name)) property.default ??= defaults[property.name];
          }
        }
      }
    },
  };
}
