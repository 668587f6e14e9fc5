import type { APIRoute } from 'astro';
import { errorJson } from '~/lib/http/respond';

/** Unknown API paths answer JSON, not the HTML 404 page. */
export const ALL: APIRoute = ({ url }) =>
  errorJson(404, 'not_found', `There is no API endpoint at ${url.pathname}. See the README's API table.`);
