import type { Dashboard } from './dashboard';
import type { Section } from './records';

/**
 * What travels between the room (src/server/workshop/room.ts), the instructor's console and
 * the participant bar: one set of types, imported by all three.
 */

/** The most simultaneous clients one participant's browser stands for in a herd run. */
export const HERD_FAN_OUT = 10;

/** A herd needs about this many simultaneous requests before the miss storm shows. */
export const HERD_MIN_REQUESTS = 20;

/**
 * How many clients each open page stands for in a herd run: enough that the room sends at least
 * `HERD_MIN_REQUESTS` (two people still see a herd of 20), one each once the room is big enough
 * to be a herd by itself — so a room of a hundred sends 100 requests, not 1,000.
 */
export function herdFanOut(openPages: number): number {
  if (openPages <= 0) return HERD_FAN_OUT;
  return Math.min(HERD_FAN_OUT, Math.max(1, Math.ceil(HERD_MIN_REQUESTS / openPages)));
}

/** Messages participants receive over the room's WebSocket. */
export type ParticipantMessage =
  | { type: 'state'; section: Section | null; revealed: string[]; ended: boolean; propagation: { round: number; writtenAt: number | null } | null }
  | { type: 'section'; section: Section }
  | { type: 'reveal'; slug: string }
  | { type: 'reset' }
  | { type: 'ended' }
  | { type: 'propagation'; round: number; writtenAt: number }
  /** `ticket` admits this run's fetches (GET …/herd/:run?ticket=…): only pages that got the signal take part. */
  | { type: 'herd'; run: number; fanOut: number; ticket: string };

/** Messages consoles receive. */
export type ConsoleMessage = { type: 'dashboard'; dashboard: Dashboard };

/** A participant's answer, as the lesson pages announce it (`kvlab:answer`) and POST …/answer takes it. */
export interface AnswerEvent {
  kind: 'predict' | 'reflect';
  id: string;
  /** A prediction's choice index, or a reflection's text. */
  value: number | string;
}

/** One browser's share of a herd run (GET …/herd/:run?clients=N&ticket=T). */
export interface HerdAnswer {
  cache: 'HIT' | 'MISS';
  run: number;
  coalesced: boolean;
  clients: number;
  misses: number;
  /** Fetches whose miss loaded the origin (the others hit KV or waited for someone else's load). */
  originLoads: number;
  timings: { herd?: number; total?: number };
}

/** One poll of a propagation round (GET …/propagation/:round). */
export type PropagationPoll =
  | { round: number; seen: false; over: true }
  | { round: number; seen: boolean; over?: undefined; colo: string; simulated: boolean; ageMs: number };
