import type { KvApi } from '../kv/scoped-kv';

/** The metadata each key of the catalog carries: small enough to come with the listing. */
export interface StatusMetadata {
  status?: string;
}

/**
 * The names of the keys under `prefix` whose metadata has `status`, following the cursor page
 * by page. list() brings each key's metadata with its name, so no value is read.
 */
export async function listKeysByStatus(kv: KvApi, prefix: string, status: string): Promise<string[]> {
  const matching: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    // The same prefix with every cursor: the cursor says where to go on, not what to list.
    const page = await kv.list<StatusMetadata>({ prefix, cursor });
    for (const key of page.keys) {
      // A key written without metadata has none: optional chaining, not a crash.
      if (key.metadata?.status === status) matching.push(key.name);
    }
    // An empty page does not mean the end: only list_complete does.
    if (page.list_complete) return matching;
    cursor = page.cursor;
  }
}
