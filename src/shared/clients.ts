/** One API client per (api base, partner) for the whole page, so elements share retries and limits. */
import { createClient, type SauceflexClient } from '../api/client.js';
import { warnRepair } from './repair-warnings.js';

export interface ClientKey {
  apiBase: string;
  partnerId: string;
}

const clients = new Map<string, SauceflexClient>();

export function clientFor({ apiBase, partnerId }: ClientKey): SauceflexClient {
  const key = `${apiBase}|${partnerId}`;
  let client = clients.get(key);
  if (!client) {
    client = createClient({ apiBase, partnerId, onInvalid: (error, repair) => warnRepair(`[sauceflex] ${error.message}`, repair) });
    clients.set(key, client);
  }
  return client;
}
