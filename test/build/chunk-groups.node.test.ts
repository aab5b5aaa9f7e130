/**
 * build/chunk-groups.ts alone: the list decides each module's chunk (first match wins), every file
 * under src/ must be placed, and the build fails naming the files that are not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHUNK_GROUPS, codeSplittingGroups, groupOf, requireChunkGroup, unplaced } from '../../build/chunk-groups.js';

const root = '/repo/';
const chunkOf = (path: string) => groupOf(`${root}${path}`, root)?.chunk;

test('each module goes to the first entry that lists it', () => {
  assert.equal(chunkOf('src/api/request.ts'), 'api');
  assert.equal(chunkOf('src/store/config.ts'), 'core', 'a file listed under core wins over its folder under elements-shared');
  assert.equal(chunkOf('src/store/coupons.ts'), 'elements-shared');
  assert.equal(chunkOf('src/shared/safe-url.ts'), 'core');
  assert.equal(chunkOf('src/shared/sauceflex-element.ts'), 'elements-shared');
  assert.equal(chunkOf('src/elements/config/config.ts'), 'core');
  assert.equal(chunkOf('src/elements/schedule/schedule.component.ts'), null, 'an element’s own code: its own chunk');
  assert.equal(chunkOf('src/index.ts'), null);
  assert.equal(chunkOf('node_modules/lit-html/lit-html.js'), 'elements-shared');
  assert.equal(chunkOf('node_modules/.pnpm/zustand@5/node_modules/zustand/esm/vanilla.mjs'), 'core');
  assert.equal(chunkOf('node_modules/hls.js/dist/hls.light.mjs'), undefined, 'unlisted packages are left to Rolldown');
  assert.equal(groupOf('C:\\repo\\src\\api\\client.ts', 'C:\\repo')?.chunk, 'api', 'Windows paths');
});

test('a src/ file that no entry lists is reported; node_modules and virtual modules are not', () => {
  const ids = [`${root}src/api/client.ts`, `${root}src/newfolder/thing.ts`, `${root}src/store.ts`, `${root}node_modules/hls.js/x.js`, '\0rolldown/runtime.js'];
  assert.deepEqual(unplaced(ids, root), ['src/newfolder/thing.ts', 'src/store.ts']);
});

test('the build fails naming the unplaced files', () => {
  const plugin = requireChunkGroup(root);
  const buildEnd = plugin.buildEnd as (this: unknown, error?: Error) => void;
  const context = (ids: string[]) => ({
    getModuleIds: () => ids.values(),
    error: (message: string) => {
      throw new Error(message);
    },
  });
  assert.doesNotThrow(() => buildEnd.call(context([`${root}src/api/client.ts`])));
  assert.throws(() => buildEnd.call(context([`${root}src/newfolder/thing.ts`])), /src\/newfolder\/thing\.ts.*CHUNK_GROUPS/);
});

test('Rolldown groups: one per named chunk, in the list’s order of priority', () => {
  const groups = codeSplittingGroups(root);
  assert.deepEqual(groups.map((g) => [g.name, g.priority, 'minShareCount' in g ? g.minShareCount : undefined]), [
    ['api', 3, undefined],
    ['core', 2, undefined],
    ['elements-shared', 1, 2],
  ]);
  assert.equal(groups[2]!.test(`${root}src/store/config.ts`), false, 'a module claimed by core is not also offered to elements-shared');
});

test('every folder under src/ that the browser build can reach is listed', () => {
  const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
  const browserFolders = readdirSync(join(repoRoot, 'src'), { withFileTypes: true })
    // server/ and ssr/ (the server renderer) run only on a server: the browser build never reaches them.
    .filter((entry) => entry.isDirectory() && entry.name !== 'server' && entry.name !== 'ssr')
    .map((entry) => `src/${entry.name}/`);
  const listed = CHUNK_GROUPS.flatMap((group) => group.paths);
  for (const folder of browserFolders) {
    assert.ok(listed.some((path) => path.startsWith(folder) || folder.startsWith(path)), `${folder} is in build/chunk-groups.ts`);
  }
});
