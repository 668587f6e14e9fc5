/**
 * The slice of the KV API the lessons teach. Demos, patterns and exercises take this
 * interface rather than a raw `KVNamespace`, so the same code runs against the real
 * binding, a learner-scoped view of it, or an instrumented one.
 */
export type KvApi = Pick<KVNamespace, 'get' | 'getWithMetadata' | 'put' | 'delete' | 'list'>;

/**
 * A view of `kv` in which every key lives under `prefix`.
 *
 * Learner isolation rests on this: a demo handed `scopeKv(env.KV, 'learner:abc:')` reads
 * and writes `post:1` as `learner:abc:post:1`, and its `list()` results show the key
 * without the prefix. No key outside the prefix is reachable through the view.
 */
export function scopeKv(kv: KvApi, prefix: string): KvApi {
  if (!prefix) throw new Error('scopeKv needs a non-empty prefix');
  const scoped = (key: string | string[]) =>
    Array.isArray(key) ? key.map((k) => prefix + k) : prefix + key;
  const unscopeMap = (result: unknown) =>
    result instanceof Map
      ? new Map([...result].map(([k, v]) => [String(k).slice(prefix.length), v]))
      : result;

  const view = {
    get: async (key: string | string[], options?: unknown) =>
      unscopeMap(await kv.get(scoped(key) as string, options as KVNamespaceGetOptions<'text'>)),
    getWithMetadata: async (key: string | string[], options?: unknown) =>
      unscopeMap(
        await kv.getWithMetadata(scoped(key) as string, options as KVNamespaceGetOptions<'text'>),
      ),
    put: (key: string, value: unknown, options?: KVNamespacePutOptions) =>
      kv.put(prefix + key, value as string, options),
    delete: (key: string) => kv.delete(prefix + key),
    list: async (options: KVNamespaceListOptions = {}) => {
      const result = await kv.list({ ...options, prefix: prefix + (options.prefix ?? '') });
      return {
        ...result,
        keys: result.keys.map((k) => ({ ...k, name: k.name.slice(prefix.length) })),
      };
    },
  };
  // The KV method types are heavily overloaded; the view forwards arguments unchanged,
  // so it honours every overload the binding does.
  return view as unknown as KvApi;
}
