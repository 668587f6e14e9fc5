import type { KvApi } from '../kv/scoped-kv';

/**
 * Every key under `prefix`, following the cursor page by page.
 *
 * Two rules: pass the same prefix with every cursor, and stop on `list_complete`, never on
 * an empty page — a page can come back empty while keys remain (deleted and expired keys
 * still take up positions).
 */
export async function listAllKeys(kv: KvApi, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await kv.list({ prefix, cursor });
    names.push(...page.keys.map((k) => k.name));
    if (page.list_complete) return names;
    cursor = page.cursor;
  }
}
