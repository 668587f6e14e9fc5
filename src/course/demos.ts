/**
 * Every live demo the course knows, by id. A lesson mounts one with `<Live demo="id">`;
 * `sources` are the files in src/lib whose real text is shown beside the demo, so what the
 * learner reads is what ran. A demo marked `planned` shows a plain "not built yet" slot.
 */
export const DEMOS = {
  consistency: {
    title: 'Eventual consistency: a model of several locations',
    status: 'live',
    sources: ['src/lib/consistency/model.ts', 'src/lib/demos/consistency.ts'],
  },
  operations: {
    title: 'KV operations playground',
    status: 'live',
    sources: ['src/lib/demos/playground.ts', 'src/lib/kv/limits.ts'],
  },
  'cache-aside': {
    title: 'Cache-aside: fetch a post',
    status: 'live',
    sources: ['src/lib/patterns/cache-aside.ts', 'src/lib/demos/cache-aside.ts'],
  },
  'write-through': {
    title: 'Write-through: edit a post',
    status: 'live',
    sources: ['src/lib/patterns/write-through.ts', 'src/lib/demos/write-through.ts', 'src/lib/origin/post-locks.ts'],
  },
  invalidation: {
    title: 'Invalidation: delete a post',
    status: 'live',
    sources: ['src/lib/patterns/invalidation.ts', 'src/lib/demos/invalidation.ts'],
  },
  swr: {
    title: 'Stale-while-revalidate: recent posts',
    status: 'live',
    sources: ['src/lib/patterns/stale-while-revalidate.ts', 'src/lib/demos/stale-while-revalidate.ts'],
  },
  'key-design': {
    title: 'Key design: hierarchy, versions, namespaces',
    status: 'live',
    sources: ['src/lib/patterns/key-versions.ts', 'src/lib/patterns/keys.ts', 'src/lib/demos/key-design.ts'],
  },
  ttl: {
    title: 'TTL strategies',
    status: 'live',
    sources: ['src/lib/patterns/ttl.ts', 'src/lib/demos/ttl.ts'],
  },
  errors: {
    title: 'Error handling with injected faults',
    status: 'live',
    sources: ['src/lib/patterns/get-cached-or-fresh.ts', 'src/lib/patterns/put-with-backoff.ts', 'src/lib/kv/faulty-kv.ts', 'src/lib/demos/errors.ts'],
  },
  monitoring: {
    title: 'Monitoring: hit rate and latency',
    status: 'live',
    sources: ['src/lib/monitoring/stats.ts', 'src/lib/demos/monitoring.ts', 'src/lib/monitoring/events.ts'],
  },
  'falsy-pitfall': {
    title: 'The falsy-value pitfall',
    status: 'live',
    sources: ['src/lib/demos/falsy.ts', 'src/lib/patterns/cache-aside.ts'],
  },
  'anti-patterns': {
    title: 'Anti-patterns, run for real',
    status: 'live',
    sources: ['src/lib/demos/anti-patterns.ts'],
  },
} as const satisfies Record<string, DemoEntry>;

export interface DemoEntry {
  title: string;
  status: 'live' | 'planned';
  /** Repository-relative paths of the source files the demo runs. */
  sources: readonly string[];
}

export type DemoId = keyof typeof DEMOS;
export const DEMO_IDS = Object.keys(DEMOS) as [DemoId, ...DemoId[]];

// The raw text of every src/lib module, read at build time for the code panels.
const RAW = import.meta.glob('../lib/**/*.ts', { query: '?raw', import: 'default', eager: true });

/** The source files a demo runs, as `{ path, code }`, straight from the repository. */
export function demoSources(id: DemoId): { path: string; code: string }[] {
  return DEMOS[id].sources.map((path) => {
    const code = RAW[path.replace(/^src\/lib\//, '../lib/')];
    if (typeof code !== 'string') throw new Error(`Demo ${id} names ${path}, which does not exist.`);
    return { path, code };
  });
}

/** Every src/lib file some live demo shows, once each. */
export function allDemoSources(): { path: string; code: string }[] {
  const byPath = new Map<string, string>();
  for (const id of DEMO_IDS) {
    if (DEMOS[id].status === 'live') for (const s of demoSources(id)) byPath.set(s.path, s.code);
  }
  return [...byPath].map(([path, code]) => ({ path, code }));
}

/** Where the highlighted text of a source file is served: /source/src/lib/… without `.ts`. */
export const sourceHref = (path: string) => `/source/${path.replace(/\.ts$/, '')}/`;
