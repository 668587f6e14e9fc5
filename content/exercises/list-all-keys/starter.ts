import type { KvApi } from '../kv/scoped-kv';

/** Every key under `prefix`, following the cursor page by page. */
export async function listAllKeys(kv: KvApi, prefix: string): Promise<string[]> {
  const page = await kv.list({ prefix });
  return page.keys.map((k) => k.name);
}
