/**
 * `npm run docs`: custom-elements.json afresh from the source (the analyzer with the project's
 * config), then the README's element reference rewritten from it (build/element-docs.ts).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { elementReference, withReference, type Manifest } from './element-docs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
execFileSync(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { cwd: root, stdio: 'inherit' });

const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8')) as Manifest;
const readmePath = join(root, 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withReference(before, elementReference(manifest));
if (after === before) {
  console.log('README.md: the element reference is up to date');
} else {
  writeFileSync(readmePath, after);
  console.log('README.md: element reference rewritten from custom-elements.json');
}
