import type { HerdAnswer, PropagationPoll } from '../../../lib/workshop/messages';
import type { WorkshopApi } from './server';

/** The room-wide labs as a participant's browser takes part in them. */

/**
 * A herd run: `fanOut` requests for the cold key at once from this browser, so two people
 * are already a herd of twenty. Says how this browser's requests were served.
 */
export async function joinHerd(server: WorkshopApi, run: number, fanOut: number, say: (text: string) => void) {
  say(`The instructor asked everyone to fetch the cold key — firing ${fanOut} requests at once…`);
  const answers = await Promise.all(Array.from({ length: fanOut }, () => server.get<HerdAnswer>(`herd/${run}`)));
  const ok = answers.filter((a) => a.status === 200 && a.body?.cache).map((a) => a.body!);
  if (ok.length === 0) return say('Herd demo: your requests failed.');
  const misses = ok.filter((a) => a.cache === 'MISS').length;
  const loads = ok.filter((a) => a.originLoad).length;
  const slowest = Math.round(Math.max(...ok.map((a) => a.timings.total ?? 0)));
  say(
    `Herd demo: ${ok.length} requests, ${misses} missed; ${loads} of yours loaded the origin` +
      `${ok[0].coalesced ? ', the others waited for one shared load' : ''} (slowest ${slowest} ms in the Worker).`,
  );
}

/** A propagation round: poll the room's key until this browser's location sees the new value. */
export function propagationWatcher(server: WorkshopApi, say: (text: string) => void, stopped: () => boolean) {
  let watching = 0;
  return async function watch(round: number) {
    if (watching === round) return;
    watching = round;
    const startedAt = Date.now();
    say(`Propagation lab (round ${round}): watching the key from your nearest location…`);
    while (watching === round && !stopped() && Date.now() - startedAt < 90_000) {
      const { status, body } = await server.get<PropagationPoll>(`propagation/${round}`);
      if (status === 404 || body?.over) return;
      if (body?.seen) {
        const where = body.simulated ? `${body.colo} (modelled location)` : body.colo;
        return say(`Propagation lab: the new value reached ${where} after ${(body.ageMs / 1000).toFixed(1)} s.`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
}
