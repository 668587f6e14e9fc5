import type { APIContext } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson } from '../lib/http/respond';
import { clientAddress } from './client-address';
import { mintLearner, readLearner } from './learner';
import { sessionToken } from './workshop/auth';
import { isFirstHerdFetch } from './workshop/herd-ticket';

/**
 * Request budgets for everyone, on the Workers Rate Limiting binding (wrangler.toml declares
 * each one; Miniflare runs the same binding locally). A learner's budgets are keyed on the
 * signed learner id, so they hold for anonymous learners and participants alike; requests
 * without a learner cookie are counted on their client address, because each one would
 * otherwise be a new learner with fresh budgets. The expensive demos have tighter budgets of
 * their own, per learner and per address.
 *
 * Every refusal is a 429 `{"error":{"code":"rate_limited","message"}}` with Retry-After.
 */

type Limiter =
  | 'LEARNER_LIMITER'
  | 'ANONYMOUS_LIMITER'
  | 'SAMPLER_LIMITER'
  | 'SCAN_LIMITER'
  | 'SCAN_ADDRESS_LIMITER'
  | 'GIANT_LIMITER'
  | 'GIANT_ADDRESS_LIMITER'
  | 'RUN_LIMITER'
  | 'RUN_ADDRESS_LIMITER'
  | 'JOIN_ADDRESS_LIMITER'
  | 'JOIN_WORKSHOP_LIMITER';

export interface Budget {
  binding: Limiter;
  /** The same figures as wrangler.toml (a unit test holds them equal): for the messages. */
  limit: number;
  period: 10 | 60;
  /** What ran out, in a sentence a learner understands; "Try again in N seconds." follows. */
  says: string;
}

export const BUDGETS = {
  learner: {
    binding: 'LEARNER_LIMITER',
    limit: 100,
    period: 10,
    says: 'You are sending requests faster than this course allows (100 per 10 seconds for each learner).',
  },
  // A participant is a learner: the same counter (LEARNER_LIMITER, keyed on the learner id),
  // with a message that names the workshop. One count per request, whichever cookies it has.
  participant: {
    binding: 'LEARNER_LIMITER',
    limit: 100,
    period: 10,
    says: 'You are sending requests faster than this workshop allows (100 per 10 seconds per participant).',
  },
  anonymous: {
    binding: 'ANONYMOUS_LIMITER',
    limit: 120,
    period: 60,
    says:
      'Too many requests without a learner cookie came from your network address in the last minute (120 a minute; each one starts a new learner). If your browser or script drops cookies, keep the kvlab_learner cookie.',
  },
  sampler: {
    binding: 'SAMPLER_LIMITER',
    limit: 250,
    period: 60,
    says:
      'You have made 250 cache-aside reads in the last minute, the budget of this demo and of the monitoring sampler (enough for two runs of 100 a minute).',
  },
  scan: {
    binding: 'SCAN_LIMITER',
    limit: 60,
    period: 60,
    says:
      'Every cache MISS (and every value-size run) makes D1 scan the page_views table, so each learner has 60 of those a minute, and you have used them. Cached reads (HITs) still work.',
  },
  scanAddress: {
    binding: 'SCAN_ADDRESS_LIMITER',
    limit: 600,
    period: 60,
    says:
      'Learners at your network address have made 600 origin reads (cache MISSes) in the last minute, the most one address may. Cached reads (HITs) still work.',
  },
  giant: {
    binding: 'GIANT_LIMITER',
    limit: 3,
    period: 60,
    says: 'The giant value copies the whole page_views table into one KV value, so each learner may run it 3 times a minute.',
  },
  giantAddress: {
    binding: 'GIANT_ADDRESS_LIMITER',
    limit: 6,
    period: 60,
    says: 'The giant value has been run 6 times from your network address in the last minute, the most one address may.',
  },
  run: {
    binding: 'RUN_LIMITER',
    limit: 12,
    period: 60,
    says: 'You have run the checks 12 times in the last minute, the most the sandbox takes from one learner.',
  },
  runAddress: {
    binding: 'RUN_ADDRESS_LIMITER',
    limit: 60,
    period: 60,
    says: 'Learners at your network address have run the checks 60 times in the last minute, the most one address may.',
  },
  joinAddress: {
    binding: 'JOIN_ADDRESS_LIMITER',
    limit: 120,
    period: 60,
    says: 'Too many workshop joins came from your network address in the last minute (120 a minute).',
  },
  joinWorkshop: {
    binding: 'JOIN_WORKSHOP_LIMITER',
    limit: 120,
    period: 60,
    says: 'Too many people joined this workshop in the last minute (120 a minute).',
  },
} as const satisfies Record<string, Budget>;

/**
 * The machine the server runs on: its own loopback address. Per-address budgets protect the
 * other visitors of a shared address; the person at the server's own keyboard (the instructor's
 * laptop, the test suite) shares it with nobody, and could stop the server anyway. Deployed,
 * Cloudflare never reports a loopback address. Per-learner budgets still apply to it.
 */
const OWN_MACHINE = /:(127\.0\.0\.1|0:0:0:0::\/64)$/;

/** One unit of `budget` for `key`: null when there was one left, else the 429 to answer. */
export async function spend(budget: Budget, key: string, now = Date.now()): Promise<Response | null> {
  if (OWN_MACHINE.test(key)) return null;
  let success: boolean;
  try {
    ({ success } = await env[budget.binding].limit({ key }));
  } catch (error) {
    // The limiter itself failed: serve the request rather than fail the whole course; the
    // heaviest work (giant values, sandbox runs) is also capped by how many run at once.
    console.error(`${budget.binding} failed; the request was let through:`, error);
    return null;
  }
  return success ? null : rateLimited(budget, now);
}

/** Spend from several budgets at once; the first one (in order) that has run out answers. */
export async function spendAll(charges: [Budget, string][]): Promise<Response | null> {
  const results = await Promise.all(charges.map(([budget, key]) => spend(budget, key)));
  return results.find((r) => r !== null) ?? null;
}

/**
 * The binding's windows are aligned to the clock (Miniflare's, exactly; Cloudflare's per
 * location, approximately): the budget is back when the current window ends.
 */
export function retryAfterSeconds(period: number, now = Date.now()): number {
  return Math.max(1, Math.ceil(period - (now / 1000) % period));
}

export function rateLimited(budget: Budget, now = Date.now()): Response {
  const seconds = retryAfterSeconds(budget.period, now);
  return errorJson(429, 'rate_limited', `${budget.says} Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`, {
    'retry-after': String(seconds),
  });
}

/** Thrown where a budget runs out (deep inside a demo, before an origin scan); the middleware answers its 429. */
export class BudgetSpent extends Error {
  constructor(readonly response: Response) {
    super('rate limited');
  }
}

/** Spend from several budgets, or throw the 429 of the first that has run out (see BudgetSpent). */
export async function spendAllOrThrow(charges: [Budget, string][]): Promise<void> {
  const refused = await spendAll(charges);
  if (refused) throw new BudgetSpent(refused);
}

/** The 429 for an error thrown by a spent budget, or null for any other error. */
export function budgetResponse(error: unknown): Response | null {
  return error instanceof BudgetSpent ? error.response : null;
}

/**
 * At most `max` of something at once in this isolate: for work that holds the thread for
 * seconds, where a rate alone still lets a burst arrive together.
 */
export class Slots {
  #taken = 0;
  constructor(readonly max: number) {}
  /** A release function, or null when every slot is taken. */
  take(): (() => void) | null {
    if (this.#taken >= this.max) return null;
    this.#taken++;
    let released = false;
    return () => {
      if (!released) this.#taken--;
      released = true;
    };
  }
}

// ── Every /api request ─────────────────────────────────────────────────────────────────

/** The monitoring sampler's endpoint: its reads have a budget of their own (SAMPLER_LIMITER). */
const SAMPLER_PATH = /^\/api\/demos\/cache-aside\/posts\/[^/]+\/?$/;
/** Liveness probe: no learner, no state, as cheap as a static file; monitors poll it freely. */
const UNCOUNTED_PATHS = new Set(['/api/health', '/api/health/']);

/**
 * Attach the learner to `locals` (a new one when the request has no valid cookie) and spend
 * the request's budgets. Answers the 429 when one has run out, else null.
 */
export async function admitApiRequest(context: APIContext): Promise<Response | null> {
  const { request, url, cookies, locals } = context;
  locals.address = clientAddress(request);
  if (UNCOUNTED_PATHS.has(url.pathname)) return null;

  // A participant's requests count once, on the learner id their session belongs to: here on
  // the cookie's learner (join sets it to the session's), and in the participant guard on the
  // session's own learner when the cookie names another or none (src/server/workshop/guards.ts).
  // Dropping or swapping either cookie lifts nothing; one limiter call per request, not two.
  const session = sessionToken(cookies);
  const known = await readLearner(cookies);
  if (!known) {
    // Without the cookie every request would be a new learner with full budgets: a client that
    // drops cookies is counted on its address instead, and gets a learner only within budget.
    const refused = await spend(BUDGETS.anonymous, `anonymous:${locals.address}`);
    if (refused) return refused;
    locals.learner = await mintLearner(cookies, url.protocol === 'https:');
    return null;
  }
  locals.learner = known;

  // The first fetch of a herd run with its ticket: what the instructor's signal asked of this page.
  if (request.method === 'GET' && (await isFirstHerdFetch(url, known.id))) return null;
  const sampler = request.method === 'GET' && SAMPLER_PATH.test(url.pathname);
  if (sampler) return spend(BUDGETS.sampler, `sampler:${known.id}`);
  // The same key either way: a participant is told about the workshop's budget.
  return spend(session ? BUDGETS.participant : BUDGETS.learner, `learner:${known.id}`);
}

// ── The anti-patterns demo's giant value ───────────────────────────────────────────────

/** One giant value at a time: several at once stall every other request for seconds. */
const giantSlot = new Slots(1);

/**
 * Run `build` (megabytes through D1, KV and JSON.parse) when this isolate is building no other
 * giant value and the learner's and the address's giant budgets allow it; else the 429.
 */
export async function withGiantValueSlot<T>(learnerId: string, address: string, build: () => Promise<T>): Promise<T> {
  const release = giantSlot.take();
  if (!release) {
    const busy = 'Another giant value is being built right now, and this server builds one at a time. Try again in 2 seconds.';
    throw new BudgetSpent(errorJson(429, 'rate_limited', busy, { 'retry-after': '2' }));
  }
  try {
    await spendAllOrThrow([
      [BUDGETS.giant, `giant:${learnerId}`],
      [BUDGETS.giantAddress, `giant:${address}`],
    ]);
    return await build();
  } finally {
    release();
  }
}
