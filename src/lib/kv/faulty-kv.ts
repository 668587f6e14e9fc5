import type { KvApi } from './scoped-kv';

/**
 * Faults a learner can switch on to see error handling work. They are INJECTED: the real
 * KV is healthy, and every response that used one says so. The messages mimic what the
 * binding throws in production, so handlers are exercised by the same shape of error.
 */
export interface InjectedFaults {
  /** Every read (get, getWithMetadata, list) throws, as during a KV outage. */
  readFails?: boolean;
  /** Every write (put, delete) throws. */
  writeFails?: boolean;
  /** The first N puts answer 429, as when one key is written more than once a second. */
  rateLimitedPuts?: number;
}

export const FAULT_MESSAGES = {
  read: 'KV GET failed: 503 Service Unavailable (injected fault)',
  write: 'KV PUT failed: 503 Service Unavailable (injected fault)',
  rateLimited: 'KV PUT failed: 429 Too Many Requests (injected fault)',
} as const;

/** `kv` with the given faults injected in front of it; `log` records each fault as it fires. */
export function withFaults(kv: KvApi, faults: InjectedFaults, log: string[] = []): KvApi {
  let limitedLeft = faults.rateLimitedPuts ?? 0;
  const fail = (message: string): never => {
    log.push(message);
    throw new Error(message);
  };
  const reading =
    (method: 'get' | 'getWithMetadata' | 'list') =>
    async (...args: unknown[]) => {
      if (faults.readFails) fail(FAULT_MESSAGES.read);
      return (kv[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  return {
    get: reading('get'),
    getWithMetadata: reading('getWithMetadata'),
    list: reading('list'),
    put: async (...args: Parameters<KvApi['put']>) => {
      if (faults.writeFails) fail(FAULT_MESSAGES.write);
      if (limitedLeft > 0) {
        limitedLeft--;
        fail(FAULT_MESSAGES.rateLimited);
      }
      return kv.put(...args);
    },
    delete: async (key: string) => {
      if (faults.writeFails) fail(FAULT_MESSAGES.write);
      return kv.delete(key);
    },
  } as KvApi;
}
