/**
 * Which shared chunk each module of the ES build lands in, as a list a reader can check: every
 * file under src/ must match one entry, or the build fails (a new folder must be placed on purpose,
 * not fall silently into whichever chunk a pattern happened to catch).
 *
 * Fewer, larger chunks: left alone, Rolldown cut ~25 chunks (some of 300 bytes), and on HTTP/1.1 a
 * browser fetches 6 at a time, each costing a round trip. Three groups instead: the API client, the
 * rest of what the main entry needs up front, and what elements share. An element's own code stays
 * in its own chunk, so a page pays only for the elements it uses.
 */
import type { Plugin } from 'vite';

export interface ChunkGroup {
  /** The chunk's name, or null for "Rolldown places it" (entries and each element's own code). */
  chunk: string | null;
  /** Why these files go together. */
  why: string;
  /** A module only goes here when this many chunks import it (Rolldown's minShareCount). */
  minShareCount?: number;
  /** `src/…/` folders and `src/….ts` files (relative to the project), and `node_modules/<package>/`. */
  paths: readonly string[];
}

/** First match wins: specific files come before the folders that hold them. */
export const CHUNK_GROUPS: readonly ChunkGroup[] = [
  {
    chunk: null,
    why: 'the answer checks (the client fetches them with its first request, src/api/client.ts) and the plain JSON reader (our backend’s routes, which only elements call): not up front',
    paths: ['src/api/validate.ts', 'src/api/json.ts'],
  },
  { chunk: 'api', why: 'the API client, also an entry of its own (api.js)', paths: ['src/api/'] },
  {
    chunk: 'core',
    why: 'what the main entry needs before it runs besides the API: configuration, tracking, the autoloader',
    paths: [
      'src/tracking/',
      'src/loader/',
      'src/elements/config/',
      'src/store/config.ts',
      'src/configure.ts',
      'src/shared/safe-url.ts',
      // newPageView(), a main-entry export; impressions and watch time register with it when they load.
      'src/shared/page-view.ts',
      // What the loader's prefetch (src/loader/prefetch.ts) uses to start an element's data before its code.
      'src/shared/schedule-source.ts',
      'src/shared/broadcast-source.ts',
      'src/shared/clients.ts',
      'src/shared/repair-warnings.ts',
      'src/shared/abortable.ts',
      'src/shared/thumbnails.ts',
      // The locale table, and the loader's warm-up of its Intl data while the element code is on its way.
      'src/i18n/locale.ts',
      // The autoloader watches where a schedule stands, for the element to read at its upgrade.
      'src/shared/early-placement.ts',
      'src/store/broadcasts.ts',
      'src/store/records.ts',
      'node_modules/zustand/',
    ],
  },
  {
    chunk: null,
    why: 'shared only by the players (viewing progress) or by the product elements (their texts): Rolldown keeps each with those elements, so a page without them (a schedule) does not download it',
    paths: ['src/player/progress.ts', 'src/i18n/product.ts'],
  },
  {
    chunk: 'elements-shared',
    why: 'what element code shares: Lit, the element base, the viewer session, stores, i18n, events, coupons, the player engine',
    minShareCount: 2,
    paths: [
      'src/session/',
      'src/shared/',
      'src/store/',
      'src/i18n/',
      'src/events/',
      'src/coupons/',
      'src/player/',
      'node_modules/lit/',
      'node_modules/lit-html/',
      'node_modules/lit-element/',
      'node_modules/@lit/reactive-element/',
      'node_modules/@lit/task/',
      'node_modules/jwt-decode/',
    ],
  },
  {
    chunk: null,
    why: 'the main entry, each element’s own code, the framework bindings (React through @lit/react), the opt-in GA4 dataLayer bridge: their own chunks',
    paths: ['src/index.ts', 'src/elements/', 'src/hosts/', 'src/analytics/', 'node_modules/@lit/react/'],
  },
];

const posixId = (id: string) => id.replace(/\\/g, '/');

/** Whether `id` (an absolute module id) is `path` of the list, under `root` (the project folder). */
function matches(id: string, path: string, root: string): boolean {
  if (path.startsWith('node_modules/')) return id.includes(`/${path}`);
  const relative = id.startsWith(root) ? id.slice(root.length) : undefined;
  return relative !== undefined && (path.endsWith('/') ? relative.startsWith(path) : relative === path);
}

/** The group of the first entry that lists `id`, or undefined when none does. */
export function groupOf(id: string, root: string, groups: readonly ChunkGroup[] = CHUNK_GROUPS): ChunkGroup | undefined {
  const file = posixId(id);
  const base = posixId(root).replace(/\/?$/, '/');
  return groups.find((group) => group.paths.some((path) => matches(file, path, base)));
}

/** The files under `root`/src/ that no entry lists. */
export function unplaced(ids: Iterable<string>, root: string, groups: readonly ChunkGroup[] = CHUNK_GROUPS): string[] {
  const src = `${posixId(root).replace(/\/?$/, '/')}src/`;
  return [...ids].map(posixId).filter((id) => id.startsWith(src) && !groupOf(id, root, groups)).map((id) => id.slice(src.length - 4));
}

/** Rolldown's `codeSplitting.groups`: earlier entries get the higher priority. */
export function codeSplittingGroups(root: string, groups: readonly ChunkGroup[] = CHUNK_GROUPS) {
  const named = groups.filter((group): group is ChunkGroup & { chunk: string } => group.chunk !== null);
  return named.map((group, index) => ({
    name: group.chunk,
    test: (id: string) => groupOf(id, root, groups) === group,
    priority: named.length - index,
    ...(group.minShareCount ? { minShareCount: group.minShareCount } : {}),
  }));
}

/** Fails the build when a file under src/ matches no entry of the list. */
export function requireChunkGroup(root: string, groups: readonly ChunkGroup[] = CHUNK_GROUPS): Plugin {
  return {
    name: 'sauceflex:chunk-groups',
    buildEnd(error) {
      if (error) return;
      const missing = unplaced(this.getModuleIds(), root, groups);
      if (missing.length > 0) {
        this.error(`build/chunk-groups.ts places no chunk for ${missing.join(', ')}: add the folder (or file) to CHUNK_GROUPS`);
      }
    },
  };
}
