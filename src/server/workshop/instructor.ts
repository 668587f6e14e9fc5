import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { json } from '../../lib/http/respond';
import { cleanText } from '../../lib/workshop/codes';
import { loadDashboard } from '../../lib/workshop/dashboard';
import { anonymise, debriefRows, loadDebrief } from '../../lib/workshop/debrief';
import { csvTable, exportRows, toCsv } from '../../lib/workshop/export';
import { createWorkshop, endWorkshop, listParticipants, listWorkshops, participantById, revealSolution, setSection, type Workshop } from '../../lib/workshop/records';
import { parseSection } from '../../lib/workshop/validate';
import { HttpError } from '../endpoint';
import { broadcast, resetParticipants, roomOf } from './actions';
import { createConsoleTicket } from './auth';
import { optionalBody, valid } from './guards';
import { workshopJson } from './present';

/**
 * What the instructor's routes do (src/pages/api/workshops/…), once the instructor token and
 * the workshop are checked: open and list workshops, the console's view and downloads, and the
 * actions that reach every open page (section banner, reveal, reset, end).
 */

const NewWorkshop = z.object({ title: z.unknown().optional() });

/** A new workshop from an optional {"title"} (the console's button sends no body at all). */
export async function openWorkshop(request: Request, origin: string): Promise<Response> {
  const { title: raw } = await optionalBody(request, NewWorkshop);
  const title = cleanText(raw ?? 'KV caching workshop', 80);
  if (!title) throw new HttpError(400, 'bad_request', '"title" must be text of 1 to 80 characters.');
  return json(workshopJson(await createWorkshop(env.DB, title), origin), 201);
}

export async function recentWorkshops(origin: string) {
  const workshops = await listWorkshops(env.DB);
  return { workshops: workshops.map((w) => ({ ...workshopJson(w, origin), participants: w.participants })) };
}

/** The room as the console shows it; who is online comes from the room's open WebSockets. */
export async function dashboard(workshop: Workshop, origin: string, stuckMinutes: number) {
  const online = new Set(await roomOf(workshop.code).online());
  const view = await loadDashboard(env.DB, workshop, online, { stuckMinutes });
  return { ...view, workshop: workshopJson(workshop, origin) };
}

export async function debrief(workshop: Workshop, anonymous: boolean) {
  const questions = await loadDebrief(env.DB, workshop.code);
  return { questions: anonymous ? anonymise(questions) : questions };
}

export interface ExportRequest {
  format: 'json' | 'csv';
  /** CSV only: one row per participant (progress) or per answer (the debrief). */
  of: 'participants' | 'answers';
  anonymous: boolean;
}

/** The records as a download: JSON with everything, or one CSV table. */
export async function exportWorkshop(workshop: Workshop, { format, of, anonymous }: ExportRequest): Promise<Response> {
  const [view, answers] = await Promise.all([loadDashboard(env.DB, workshop, new Set()), loadDebrief(env.DB, workshop.code)]);
  const questions = anonymous ? anonymise(answers) : answers;
  const filename = `workshop-${workshop.code}${of === 'answers' ? '-answers' : ''}.${format}`;
  const download = { 'content-disposition': `attachment; filename="${filename}"` };
  if (format === 'json') {
    const { code, title, createdAt, endedAt } = workshop;
    return json({ workshop: { code, title, createdAt, endedAt }, participants: await exportRows(env.DB, view), debrief: questions }, 200, download);
  }
  const csv = of === 'answers' ? csvTable(debriefRows(questions)) : toCsv(await exportRows(env.DB, view));
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', ...download } });
}

/** The section banner, checked by parseSection, stored and sent to every open page. */
export async function sendToSection({ code }: Workshop, body: Record<string, unknown>) {
  const section = await setSection(env.DB, code, valid(parseSection(body)));
  return { section, delivered: await broadcast(code, { type: 'section', section }) };
}

export async function reveal({ code }: Workshop, slug: string) {
  await revealSolution(env.DB, code, slug);
  return { revealed: slug, delivered: await broadcast(code, { type: 'reveal', slug }) };
}

/** Reset the whole room, or the one participant named. */
export async function reset({ code }: Workshop, target: { all: true } | { participant: string }) {
  if ('all' in target) return resetParticipants(code, await listParticipants(env.DB, code), true);
  const one = await participantById(env.DB, code, target.participant);
  if (!one) throw new HttpError(404, 'not_found', 'No participant with this id in this workshop.');
  return resetParticipants(code, [one], false);
}

export async function end({ code }: Workshop) {
  await endWorkshop(env.DB, code);
  await broadcast(code, { type: 'ended' });
  return { ended: true };
}

export async function consoleTicket({ code }: Workshop) {
  const { ticket, expiresAt } = await createConsoleTicket(env.DB, code);
  return { ticket, expiresAt, url: `/api/workshops/${code}/live?ticket=${encodeURIComponent(ticket)}` };
}
