import type { HerdAnswer, PropagationPoll } from '../../../lib/workshop/messages';
import type { WorkshopApi } from './server';

/** The room-wide labs as a participant's browser takes part in them. */

/**
 * A herd run: this browser stands for `fanOut` clients, fetched together in one request (the
 * server starts them at once), so two people are already a herd of twenty.
 */
export async function joinHerd(server: WorkshopApi, { run, fanOut, ticket }: { run: number; fanOut: number; ticket: string }, say: (text: string) => void) {
  say(`The instructor asked everyone to fetch the cold key — ${fanOut} clients from this browser at once…`);
  const { status, body } = await server.get<HerdAnswer>(`herd/${run}?clients=${fanOut}&ticket=${encodeURIComponent(ticket)}`);
  if (status !== 200 || !body) return say('Herd demo: your fetch failed.');
  const waited = body.misses - body.originLoads;
  say(
    `Herd demo: ${body.clients} requests, ${body.misses} missed KV; ${body.originLoads} loaded the origin` +
      `${waited > 0 ? `, ${waited} waited for a shared load` : ''} (${Math.round(body.timings.total ?? 0)} ms in the Worker).`,
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
