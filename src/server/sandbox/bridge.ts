import { RpcTarget } from 'cloudflare:workers';
import { checkKey } from '~/lib/kv/limits';
import type { KvApi } from '~/lib/kv/scoped-kv';

/**
 * What the sandbox may touch, living in the app: a KV view under the learner's own prefix
 * and functions that read the origin. Every call is counted, size-checked and written to
 * the trace the learner sees; once the run is over the bridge refuses everything, so code
 * left running in the sandbox cannot keep writing.
 */

/** Like KV's 1,000 operations per invocation, but smaller: a whole run of checks needs a few dozen. */
export const MAX_KV_OPERATIONS = 100;
export const MAX_VALUE_BYTES = 64 * 1024;
const MAX_TRACE_ENTRIES = 200;
const MAX_TRACE_TEXT = 120;

export interface TraceEntry {
  /** The check that was running. */
  check: string;
  op: 'call' | 'get' | 'put' | 'delete' | 'list' | 'origin' | 'waitUntil';
  key?: string;
  /** HIT/MISS for reads; what was stored, deleted, listed or returned otherwise. */
  outcome: string;
}

/** The trace of one check run, shared by every bridge of that run. */
export class Trace {
  readonly entries: TraceEntry[] = [];
  check = '';
  #dropped = 0;

  add(entry: Omit<TraceEntry, 'check'>) {
    if (this.entries.length >= MAX_TRACE_ENTRIES) {
      this.#dropped++;
      return;
    }
    this.entries.push({ check: this.check, ...entry, key: entry.key?.slice(0, MAX_TRACE_TEXT), outcome: entry.outcome.slice(0, MAX_TRACE_TEXT) });
  }

  get dropped() {
    return this.#dropped;
  }
}

/** Shared by a run's bridges: the budget of KV operations and whether the run is over. */
export class RunState {
  kvOperations = 0;
  closed = false;
  /** Bytes of the learner's private prefix, which count toward KV's 512-byte key limit. */
  constructor(readonly prefixBytes = 0) {}
}

export interface KvBridgeOptions {
  /** Make reads (or writes) fail like a KV outage would. */
  failGet?: boolean;
  failPut?: boolean;
  /** Page size for list(), so pagination happens with a handful of keys. */
  listPageSize?: number;
  /** Like real KV, answer an empty page that is not the last one before the final page. */
  emptyPagesBeforeEnd?: boolean;
}

const EMPTY_PAGE_CURSORS = ['kvlab-empty-page-1', 'kvlab-empty-page-2'];

const byteLength = (s: string) => new TextEncoder().encode(s).length;

function fail(message: string): never {
  throw new Error(message);
}

export class KvBridge extends RpcTarget {
  readonly #kv: KvApi;
  readonly #trace: Trace;
  readonly #run: RunState;
  readonly #options: KvBridgeOptions;
  /** Every list() call as it arrived, for the pagination checks. */
  readonly listCalls: { prefix: string | undefined; cursor: string | undefined; listComplete: boolean }[] = [];
  /** How many get/getWithMetadata calls arrived, for checks that a listing alone suffices. */
  reads = 0;

  constructor(kv: KvApi, trace: Trace, run: RunState, options: KvBridgeOptions = {}) {
    super();
    this.#kv = kv;
    this.#trace = trace;
    this.#run = run;
    this.#options = options;
  }

  #begin(op: string) {
    if (this.#run.closed) fail('The check run is over: KV is closed.');
    if (++this.#run.kvOperations > MAX_KV_OPERATIONS) {
      fail(`Too many KV operations: a check run allows ${MAX_KV_OPERATIONS} (${op} refused).`);
    }
  }

  #key(key: unknown): string {
    if (typeof key !== 'string') fail(`A KV key must be a string, not ${typeof key}.`);
    const problem = checkKey(key, this.#run.prefixBytes);
    if (problem) fail(problem);
    return key;
  }

  async get(key: unknown, options?: unknown) {
    return (await this.#read('get', key, options)).value;
  }

  async getWithMetadata(key: unknown, options?: unknown) {
    return this.#read('getWithMetadata', key, options);
  }

  async #read(op: 'get' | 'getWithMetadata', rawKey: unknown, options: unknown) {
    this.#begin(op);
    this.reads++;
    const key = this.#key(rawKey);
    const type = typeof options === 'string' ? options : ((options as { type?: string } | undefined)?.type ?? 'text');
    if (type !== 'text' && type !== 'json') fail(`The exercise KV reads "text" or "json", not "${type}".`);
    if (this.#options.failGet) {
      this.#trace.add({ op: 'get', key, outcome: 'FAILED (injected outage)' });
      fail('KV GET failed: 503 Service Unavailable (injected fault)');
    }
    const { value, metadata } = await this.#kv.getWithMetadata(key, type as 'text');
    this.#trace.add({ op: 'get', key, outcome: value === null ? 'MISS' : 'HIT' });
    return { value, metadata, cacheStatus: null };
  }

  async put(rawKey: unknown, value: unknown, options?: unknown) {
    this.#begin('put');
    const key = this.#key(rawKey);
    if (typeof value !== 'string') fail(`The exercise KV stores strings: JSON.stringify the value first (got ${typeof value}).`);
    if (byteLength(value) > MAX_VALUE_BYTES) fail(`A value of ${byteLength(value)} bytes is over the exercise limit of ${MAX_VALUE_BYTES}.`);
    const { expirationTtl, expiration, metadata } = (options ?? {}) as KVNamespacePutOptions;
    if (this.#options.failPut) {
      this.#trace.add({ op: 'put', key, outcome: 'FAILED (injected outage)' });
      fail('KV PUT failed: 503 Service Unavailable (injected fault)');
    }
    await this.#kv.put(key, value, { expirationTtl, expiration, metadata });
    const details = [
      expirationTtl !== undefined ? `ttl ${expirationTtl} s` : expiration !== undefined ? `expires at ${expiration}` : 'no expiry',
      metadata ? `metadata ${JSON.stringify(metadata)}` : 'no metadata',
    ];
    this.#trace.add({ op: 'put', key, outcome: details.join(' · ') });
  }

  async delete(rawKey: unknown) {
    this.#begin('delete');
    const key = this.#key(rawKey);
    await this.#kv.delete(key);
    this.#trace.add({ op: 'delete', key, outcome: 'deleted' });
  }

  async list(options: unknown = {}) {
    this.#begin('list');
    const { prefix, cursor, limit } = (options ?? {}) as KVNamespaceListOptions;
    if (prefix !== undefined && prefix !== null && typeof prefix !== 'string') fail('list() prefix must be a string.');
    if (limit !== undefined && limit !== null && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) {
      fail(`KV LIST failed: 400 Invalid key_count_limit of ${limit}: list() takes a limit from 1 to 1000.`);
    }
    const pageSize = Math.min(this.#options.listPageSize ?? 1000, limit ?? 1000);

    let page: { keys: { name: string; expiration?: number; metadata?: unknown }[]; list_complete: boolean; cursor?: string };
    const emptyIndex = EMPTY_PAGE_CURSORS.indexOf(cursor ?? '');
    if (emptyIndex >= 0) {
      // The pages real KV can return while deleted keys still hold their places.
      const last = emptyIndex === EMPTY_PAGE_CURSORS.length - 1;
      page = last ? { keys: [], list_complete: true } : { keys: [], list_complete: false, cursor: EMPTY_PAGE_CURSORS[emptyIndex + 1] };
    } else {
      const real = await this.#kv.list({ prefix: prefix ?? undefined, cursor: cursor ?? undefined, limit: pageSize });
      page = {
        keys: real.keys.map((k) => ({ name: k.name, expiration: k.expiration, metadata: k.metadata })),
        list_complete: real.list_complete,
        cursor: real.list_complete ? undefined : real.cursor,
      };
      if (page.list_complete && this.#options.emptyPagesBeforeEnd) {
        page = { ...page, list_complete: false, cursor: EMPTY_PAGE_CURSORS[0] };
      }
    }
    this.listCalls.push({ prefix: prefix ?? undefined, cursor: cursor ?? undefined, listComplete: page.list_complete });
    this.#trace.add({
      op: 'list',
      key: `prefix=${JSON.stringify(prefix ?? '')}${cursor ? ' cursor=…' + String(cursor).slice(-6) : ''}`,
      outcome: `${page.keys.length} keys, list_complete=${page.list_complete}`,
    });
    return page;
  }
}

/** An origin read the sandbox may call: counted and traced, then run here in the app. */
export function originReader<T>(trace: Trace, run: RunState, label: string, load: () => Promise<T>) {
  const reader = {
    calls: 0,
    fn: async (): Promise<T> => {
      if (run.closed) fail('The check run is over: the origin is closed.');
      reader.calls++;
      trace.add({ op: 'origin', outcome: label });
      return load();
    },
  };
  return reader;
}
