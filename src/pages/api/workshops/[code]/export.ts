import type { APIRoute } from 'astro';
import { env } from 'cloudflare:workers';
import { errorJson, json, methodNotAllowed } from '~/lib/http/respond';
import { loadDashboard } from '~/lib/workshop/dashboard';
import { exportRows, toCsv } from '~/lib/workshop/export';
import { instructorWorkshop } from '~/server/workshop/http';

/** Progress of every participant, `?format=json` (default) or `?format=csv`, as a download. */
export const GET: APIRoute = async (context) => {
  const found = await instructorWorkshop(context);
  if (!found.ok) return found.response;
  const format = context.url.searchParams.get('format') ?? 'json';
  if (format !== 'json' && format !== 'csv') return errorJson(400, 'bad_request', '"format" must be "json" or "csv".');
  const workshop = found.value;
  const dashboard = await loadDashboard(env.DB, workshop, new Set());
  const rows = await exportRows(env.DB, dashboard);
  const filename = `workshop-${workshop.code}.${format}`;
  if (format === 'csv') {
    return new Response(toCsv(rows), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}"`,
        'cache-control': 'no-store',
      },
    });
  }
  return json(
    { workshop: { code: workshop.code, title: workshop.title, createdAt: workshop.createdAt, endedAt: workshop.endedAt }, participants: rows },
    200,
    { 'content-disposition': `attachment; filename="${filename}"` },
  );
};

export const ALL: APIRoute = () => methodNotAllowed(['GET']);
