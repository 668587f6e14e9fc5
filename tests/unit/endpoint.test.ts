import type { APIContext } from 'astro';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { learnerScope } from '../../src/lib/learner-scope';
import { endpoint, HttpError, known, method, oneOf, postId, text } from '../../src/server/endpoint';

// Routes are declarations: these pin what endpoint() turns them into, so every route that
// declares a schema answers bad input with the same 400 JSON, a missing thing with a 404, and
// any other method with a 405 naming the ones it accepts.

const waited: Promise<unknown>[] = [];
const locals = {
  learner: learnerScope('endpoint-test'),
  address: 'test',
  cfContext: { waitUntil: (p: Promise<unknown>) => void waited.push(p) },
} as unknown as App.Locals;

function call(route: (context: APIContext) => Response | Promise<Response>, url: string, init: RequestInit = {}, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${url}`, init);
  return route({ request, url: new URL(request.url), params, locals } as unknown as APIContext);
}

const post = (body: unknown, type = 'application/json') => ({ method: 'POST', body: JSON.stringify(body), headers: { 'content-type': type } });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

const route = endpoint({
  GET: method({
    params: { id: postId },
    query: z.object({ scope: oneOf(['all', 'item-only'], '"scope" is "all" or "item-only".').default('all') }),
    handler: ({ params, query }) => ({ id: params.id, scope: query.scope }),
  }),
  POST: method({
    params: { slug: known((s): s is 'real' => s === 'real', (s) => `There is no "${s}".`) },
    body: { title: text('title', 10) },
    bodyLimit: 64,
    handler: ({ body }) => {
      if (body.title === 'taken') throw new HttpError(409, 'conflict', 'That title is taken.', { 'retry-after': '1' });
      return { title: body.title };
    },
  }),
});

describe('endpoint() answers what the route declares', () => {
  it('valid input reaches the handler, parsed and with defaults', async () => {
    const res = await call(route.GET, '/x/3', {}, { id: '3' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 3, scope: 'all' });
  });

  it('input that does not fit is a 400 with the schema’s sentence', async () => {
    expect(await errorOf(await call(route.GET, '/x/0', {}, { id: '0' }))).toEqual({
      code: 'bad_request',
      message: 'A post id is a whole number from 1 upwards, like /posts/3.',
    });
    expect((await errorOf(await call(route.GET, '/x/3?scope=some', {}, { id: '3' }))).message).toBe('"scope" is "all" or "item-only".');
    const tooLong = await call(route.POST, '/x', post({ title: 'a title too long' }), { slug: 'real' });
    expect(tooLong.status).toBe(400);
    expect((await errorOf(tooLong)).message).toBe('"title" can have at most 10 characters.');
    expect((await errorOf(await call(route.POST, '/x', post({}), { slug: 'real' }))).message).toBe('"title" is required.');
  });

  it('a path naming nothing is a 404; a body that is not JSON or too large is 415 or 413', async () => {
    const missing = await call(route.POST, '/x', post({ title: 'a' }), { slug: 'nope' });
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toEqual({ code: 'not_found', message: 'There is no "nope".' });
    expect((await call(route.POST, '/x', post({ title: 'a' }, 'text/plain'), { slug: 'real' })).status).toBe(415);
    expect((await call(route.POST, '/x', post({ title: 'a'.repeat(100) }), { slug: 'real' })).status).toBe(413);
  });

  it('an HttpError thrown by the handler is its status, code, message and headers', async () => {
    const res = await call(route.POST, '/x', post({ title: 'taken' }), { slug: 'real' });
    expect(res.status).toBe(409);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await errorOf(res)).toEqual({ code: 'conflict', message: 'That title is taken.' });
  });

  it('any other method is a 405 with Allow', async () => {
    const res = await call(route.ALL, '/x', { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect((await errorOf(res)).code).toBe('method_not_allowed');
  });

  it('HEAD is answered as GET where GET is declared (a monitor polling /api/health), else 405', async () => {
    expect((await call(route.ALL, '/x/3', { method: 'HEAD' }, { id: '3' })).status).toBe(200);
    const postOnly = endpoint({ POST: method({ handler: () => ({}) }) });
    expect((await call(postOnly.ALL, '/x', { method: 'HEAD' })).status).toBe(405);
  });
});

describe('a route with a `caller` guard', () => {
  const guarded = endpoint({
    POST: method({
      body: { title: text('title', 10) },
      caller: ({ request }) => {
        if (request.headers.get('authorization') !== 'Bearer ok') throw new HttpError(401, 'unauthorized', 'Who are you?');
        return { name: 'instructor' };
      },
      handler: ({ caller, body }) => ({ by: caller.name, title: body.title }),
    }),
  });
  const as = (authorization: string, body: unknown) => {
    const init = post(body);
    return { ...init, headers: { ...init.headers, authorization } };
  };

  it('hands the handler what the guard answered', async () => {
    const res = await call(guarded.POST, '/g', as('Bearer ok', { title: 'hello' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ by: 'instructor', title: 'hello' });
  });

  it('answers the guard’s HttpError, and checks the input first (a bad body is a 400 whoever sends it)', async () => {
    const refused = await call(guarded.POST, '/g', as('Bearer no', { title: 'hello' }));
    expect(refused.status).toBe(401);
    expect(await errorOf(refused)).toEqual({ code: 'unauthorized', message: 'Who are you?' });
    expect((await call(guarded.POST, '/g', as('Bearer no', {}))).status).toBe(400);
  });
});

describe('a demo route answers with X-Cache and Server-Timing, and is recorded when it says what the cache did', () => {
  const demo = endpoint({
    GET: method({ demo: 'test', handler: () => ({ cache: 'HIT' as const, timings: { kv: 1.5, total: 2 } }) }),
    PUT: method({ demo: 'test', handler: () => ({ timings: { kv: 3 } }) }),
  });

  it('with a cache status: both headers, and one monitoring event queued after the answer', async () => {
    waited.length = 0;
    const res = await call(demo.GET, '/d');
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(res.headers.get('server-timing')).toBe('kv;dur=1.5, total;dur=2');
    expect(waited).toHaveLength(1);
    await Promise.all(waited);
  });

  it('without one (no `data` padding needed): Server-Timing only, nothing recorded', async () => {
    waited.length = 0;
    const res = await call(demo.PUT, '/d', { method: 'PUT' });
    expect(res.headers.get('x-cache')).toBeNull();
    expect(res.headers.get('server-timing')).toBe('kv;dur=3');
    expect(await res.json()).toEqual({ timings: { kv: 3 } });
    expect(waited).toHaveLength(0);
  });
});
