import { env } from 'cloudflare:workers';
import type { DemoBindings } from '../lib/demos/cache-aside';
import { parseScanRows } from '../lib/origin/posts';
import { BUDGETS, spendAllOrThrow } from './limits';

/**
 * The bindings a demo runs on, for this request: KV and D1, with every read of page_views
 * bounded to ORIGIN_SCAN_ROWS rows and gated by the learner's and the address's scan budgets.
 */
export function demoEnv(locals: App.Locals): DemoBindings {
  return { KV: env.KV, DB: env.DB, scan: { rows: originScanRows(), admit: () => admitScan(locals) } };
}

let parsed: { raw: unknown; rows: number } | undefined;

/** ORIGIN_SCAN_ROWS, validated (a mistake there is a 500 naming the variable in the log). */
export function originScanRows(): number {
  // The generated Env types the var as its literal default; `--var` can make it anything.
  const raw = (env as { ORIGIN_SCAN_ROWS?: unknown }).ORIGIN_SCAN_ROWS;
  if (!parsed || parsed.raw !== raw) parsed = { raw, rows: parseScanRows(raw) };
  return parsed.rows;
}

const admitScan = (locals: App.Locals) =>
  spendAllOrThrow([
    [BUDGETS.scan, `scan:${locals.learner.id}`],
    [BUDGETS.scanAddress, `scan:${locals.address}`],
  ]);
