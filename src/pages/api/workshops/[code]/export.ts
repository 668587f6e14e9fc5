import { env } from 'cloudflare:workers';
import { z } from 'astro/zod';
import { json } from '~/lib/http/respond';
import { loadDashboard } from '~/lib/workshop/dashboard';
import { anonymise, debriefRows, loadDebrief } from '~/lib/workshop/debrief';
import { csvTable, exportRows, toCsv } from '~/lib/workshop/export';
import { endpoint, queryBoolean } from '~/server/endpoint';
import { instructorWorkshop } from '~/server/workshop/guards';

const Query = z.object({
  format: z.enum(['json', 'csv'], { message: '"format" must be "json" or "csv".' }).default('json'),
  /** CSV only: one row per participant (progress) or per answer (the debrief). */
  of: z.enum(['participants', 'answers'], { message: '"of" must be "participants" or "answers".' }).default('participants'),
  anonymous: queryBoolean('anonymous').default(false),
});

export const { GET, ALL } = endpoint({
  /** The workshop's records as a download: progress per participant and the debrief. */
  GET: {
    query: Query,
    async handler({ query, context }) {
      const workshop = await instructorWorkshop(context);
      const [dashboard, debrief] = await Promise.all([loadDashboard(env.DB, workshop, new Set()), loadDebrief(env.DB, workshop.code)]);
      const questions = query.anonymous ? anonymise(debrief) : debrief;
      const filename = `workshop-${workshop.code}${query.of === 'answers' ? '-answers' : ''}.${query.format}`;
      const download = { 'content-disposition': `attachment; filename="${filename}"` };
      if (query.format === 'json') {
        const { code, title, createdAt, endedAt } = workshop;
        return json({ workshop: { code, title, createdAt, endedAt }, participants: await exportRows(env.DB, dashboard), debrief: questions }, 200, download);
      }
      const csv = query.of === 'answers' ? csvTable(debriefRows(questions)) : toCsv(await exportRows(env.DB, dashboard));
      return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store', ...download } });
    },
  },
});
