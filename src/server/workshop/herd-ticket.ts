import { normalizeJoinCode } from '../../lib/workshop/codes';
import { isSignature, signature } from '../signing';

/**
 * A herd run's ticket: the server's signature of the workshop and run. It rides in the
 * instructor's signal to the room (src/server/workshop/actions.ts, startHerd), and each page's
 * fetch shows it instead of being looked up in D1 as a participant. A herd is the whole room
 * arriving in one instant, so what every fetch costs, every fetch waits for: on the 2-core
 * development machine a D1 lookup and a second limiter call per fetch were a third of a
 * 100-page burst (bench:workshop).
 */
const PURPOSE = 'kvlab herd run v1';

export const herdTicket = (code: string, run: number) => signature(PURPOSE, `${code}:${run}`);

export const isHerdTicket = (code: string, run: number, ticket: string) => isSignature(PURPOSE, `${code}:${run}`, ticket);

/** `/api/workshops/<code>/herd/<run>`: the join code and run a herd fetch names. */
const HERD_PATH = /^\/api\/workshops\/([A-Za-z0-9-]{1,16})\/herd\/(\d{1,9})\/?$/;

/** The (code, run, learner) triples this isolate has let through unbudgeted; bounded, see below. */
const admitted = new Set<string>();
const MAX_ADMITTED = 10_000;

/**
 * Whether this request is a learner's first fetch of a herd run, with the run's valid ticket:
 * that one is what the signal asked for and is admitted without spending the learner's request
 * budget (one limiter call less for each page of the burst). A learner's further fetches of the
 * run, and every request without a valid ticket, spend the budget as usual. The set is per
 * isolate and cleared when full, so at worst a learner gets another fetch of a run for free;
 * tickets only exist for runs the instructor started.
 */
export async function isFirstHerdFetch(url: URL, learnerId: string): Promise<boolean> {
  const match = HERD_PATH.exec(url.pathname);
  const ticket = url.searchParams.get('ticket');
  if (!match || !ticket) return false;
  const code = normalizeJoinCode(match[1]);
  const run = Number(match[2]);
  if (!code || !(await isHerdTicket(code, run, ticket))) return false;
  const key = `${code}:${run}:${learnerId}`;
  if (admitted.has(key)) return false;
  if (admitted.size >= MAX_ADMITTED) admitted.clear();
  admitted.add(key);
  return true;
}
