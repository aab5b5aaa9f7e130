/**
 * What the package ships besides the bundles, made by `npm run build` after the analyzer has written
 * custom-elements.json from the sources (custom-elements-manifest.config.mjs):
 * - dist/custom-elements.json: the same manifest with module paths that exist in the package
 *   (`dist/elements/<name>.js`, where each class is exported and its tag defined), each event typed
 *   with its detail (from src/events/), and each CSS property's default (the fallback its styles give
 *   it, where the JSDoc names none);
 * - dist/vscode.html-custom-data.json and dist/web-types.json: editor data (VS Code, JetBrains) from it;
 * - dist/elements/<name>.d.ts: the types of `sauceflex-widgets/elements/<name>` beside its JS.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface Type { text: string }
interface Reference { name: string; module?: string; package?: string }
interface Member { name: string; description?: string; type?: Type; default?: string; inheritedFrom?: Reference; kind?: string; privacy?: string; static?: boolean }
interface Attribute { name: string; description?: string; type?: Type; default?: string; fieldName?: string; inheritedFrom?: Reference }
interface Declaration {
  kind: string;
  name: string;
  tagName?: string;
  customElement?: boolean;
  description?: string;
  summary?: string;
  superclass?: Reference;
  members?: Member[];
  attributes?: Attribute[];
  events?: { name: string; description?: string; type?: Type; inheritedFrom?: Reference }[];
  cssProperties?: { name: string; description?: string; default?: string }[];
}
interface Export { kind: string; name: string; declaration: Reference }
interface Module { kind: string; path: string; declarations?: Declaration[]; exports?: Export[] }
export interface Manifest { schemaVersion: string; readme?: string; modules: Module[] }

const root = fileURLToPath(new URL('..', import.meta.url));

/** Event name → detail type name, from each `interface SfEventDetails { 'sf-…': Detail }` in src/events/. */
export function eventDetailTypes(dir = `${root}src/events`): Map<string, string> {
  const types = new Map<string, string>();
  for (const file of readdirSync(dir)) {
    const code = readFileSync(`${dir}/${file}`, 'utf8');
    for (const [, name, type] of code.matchAll(/'(sf-[\w-]+)'\s*:\s*([\w<>[\]| ]+?)\s*;/g)) types.set(name!, type!);
  }
  return types;
}

/** `--sf-x` → the fallback of its first `var(--sf-x, fallback)` in `css` (nested parentheses allowed). */
export function cssFallbacks(css: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of css.matchAll(/var\(\s*(--[\w-]+)\s*,/g)) {
    let depth = 1;
    let end = match.index + match[0].length;
    for (; end < css.length && depth > 0; end++) {
      if (css[end] === '(') depth++;
      else if (css[end] === ')') depth--;
    }
    const value = css.slice(match.index + match[0].length, end - 1).trim();
    if (!found.has(match[1]!) && value && !value.includes('${')) found.set(match[1]!, value.replace(/\s+/g, ' '));
  }
  return found;
}

/** The manifest as the package ships it (see the file's comment); `manifest` is left untouched. */
export function packageManifest(manifest: Manifest, events = eventDetailTypes()): Manifest {
  const out: Manifest = structuredClone(manifest);
  const element = (path: string) => /^src\/elements\/([\w-]+)\/\1(\.component)?\.ts$/.exec(path)?.[1];
  const modules = new Map<string, Module>();
  for (const mod of out.modules) {
    const name = element(mod.path);
    if (!name) continue; // the base class and helpers are not modules of the package
    const path = `dist/elements/${name}.js`;
    const merged = modules.get(path) ?? { kind: 'javascript-module', path, declarations: [], exports: [] };
    merged.declarations!.push(...(mod.declarations ?? []));
    for (const e of mod.exports ?? []) {
      if (!merged.exports!.some((x) => x.kind === e.kind && x.name === e.name)) merged.exports!.push(e);
    }
    modules.set(path, merged);
    const styles = `${root}src/elements/${name}/${name}.styles.ts`;
    const fallbacks = existsSync(styles) ? cssFallbacks(readFileSync(styles, 'utf8')) : new Map<string, string>();
    for (const d of mod.declarations ?? []) {
      for (const p of d.cssProperties ?? []) p.default ??= fallbacks.get(p.name);
      for (const e of d.events ?? []) {
        const detail = events.get(e.name);
        if (detail) e.type = { text: `CustomEvent<${detail}>` };
      }
    }
  }
  out.modules = [...modules.values()];
  const shipped = new Set(out.modules.map((m) => m.path));
  // References into modules the package does not ship keep their name, not a path that would not resolve.
  const fix = (ref?: Reference) => {
    if (!ref?.module) return;
    const name = element(ref.module.replace(/^\//, ''));
    const path = name ? `dist/elements/${name}.js` : undefined;
    if (path && shipped.has(path)) ref.module = path;
    else delete ref.module;
  };
  for (const mod of out.modules) {
    for (const e of mod.exports ?? []) fix(e.declaration);
    for (const d of mod.declarations ?? []) {
      fix(d.superclass);
      for (const list of [d.members, d.attributes, d.events]) for (const item of list ?? []) fix(item.inheritedFrom);
    }
  }
  return out;
}

const elementsOf = (manifest: Manifest) =>
  manifest.modules.flatMap((m) => (m.declarations ?? []).filter((d): d is Declaration & { tagName: string } => Boolean(d.customElement && d.tagName)).map((d) => ({ d, path: m.path })));

/** VS Code's HTML custom data (`html.customData`). */
export function vscodeData(manifest: Manifest) {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elementsOf(manifest).map(({ d }) => ({
      name: d.tagName,
      description: d.summary ?? d.description ?? '',
      attributes: (d.attributes ?? []).map((a) => {
        const values = [...(a.type?.text ?? '').matchAll(/'([^']+)'/g)].map((m) => ({ name: m[1]! }));
        return { name: a.name, description: a.description ?? '', ...(values.length ? { values } : {}) };
      }),
    })),
  };
}

/** JetBrains web-types. */
export function webTypes(manifest: Manifest, pkg: { name: string; version: string }) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    contributions: {
      html: {
        elements: elementsOf(manifest).map(({ d, path }) => ({
          name: d.tagName,
          description: d.summary ?? d.description ?? '',
          source: { module: `./${path}`, symbol: d.name },
          attributes: (d.attributes ?? []).map((a) => ({ name: a.name, description: a.description ?? '', ...(a.default ? { default: a.default } : {}), value: { type: a.type?.text ?? 'string' } })),
          events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description ?? '' })),
          css: { properties: (d.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description ?? '' })) },
        })),
      },
    },
  };
}

function main(): void {
  const source = `${root}custom-elements.json`;
  if (!existsSync(source)) throw new Error('custom-elements.json is missing: run `npm run analyze` first (npm run build does)');
  const manifest = packageManifest(JSON.parse(readFileSync(source, 'utf8')) as Manifest);
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { name: string; version: string };
  const write = (file: string, data: unknown) => writeFileSync(`${root}dist/${file}`, `${JSON.stringify(data, null, 2)}\n`);
  write('custom-elements.json', manifest);
  write('vscode.html-custom-data.json', vscodeData(manifest));
  write('web-types.json', webTypes(manifest, pkg));
  for (const { path } of elementsOf(manifest)) {
    const name = /dist\/elements\/([\w-]+)\.js$/.exec(path)![1]!;
    writeFileSync(`${root}dist/elements/${name}.d.ts`, `export * from '../types/elements/${name}/${name}.js';\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
