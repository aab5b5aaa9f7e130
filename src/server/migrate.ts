/**
 * `npm run migrate`: create or update the PostgreSQL schema at SF_DATABASE_URL (the server also does
 * this on start; run it ahead of a deploy to see it happen). Prints the versions applied; the URL's
 * password is never printed.
 */
import { redactUrl } from './config.js';
import { createPostgres, migrate } from './stores/postgres.js';

const url = process.env.SF_DATABASE_URL?.trim();
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error('SF_DATABASE_URL: must be a postgres:// URL, e.g. postgres://sauceflex@db.internal:5432/sauceflex');
  process.exit(1);
}
const store = createPostgres(url);
try {
  const applied = await migrate(store.pool);
  console.log(applied.length ? `${redactUrl(url)}: applied migration(s) ${applied.join(', ')}` : `${redactUrl(url)}: schema up to date`);
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await store.close();
}
