import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { asInstructor, createWorkshop } from './workshop-helpers';

// Workshop mode's HTTP contract, called as curl and scripts would, against the built app.

/**
 * The cells a spreadsheet sees when it splits on `separator`: rows at every line break, a cell
 * quoted only when a quote opens it (a quote inside a cell is just a character).
 */
function spreadsheetCells(csv: string, separator: string): string[] {
  const cells: string[] = [];
  for (const row of csv.split(/\r\n|\r|\n/)) {
    let i = 0;
    while (i <= row.length) {
      if (row[i] === '"') {
        let value = '';
        for (i++; i < row.length; i++) {
          if (row[i] === '"' && row[i + 1] === '"') (value += '"'), i++;
          else if (row[i] === '"') break;
          else value += row[i];
        }
        cells.push(value);
        i = row.indexOf(separator, i);
        if (i < 0) break;
        i++;
      } else {
        const end = row.indexOf(separator, i);
        cells.push(row.slice(i, end < 0 ? undefined : end));
        if (end < 0) break;
        i = end + 1;
      }
    }
  }
  return cells;
}

async function join(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }, baseURL: string, code: string, name: string) {
  const ctx = await playwright.request.newContext({ baseURL });
  const res = await ctx.post(`/api/workshops/${code}/join`, { data: { name } });
  expect(res.status(), await res.text()).toBe(201);
  return { ctx, body: await res.json() };
}

test('creating a workshop needs the instructor token: 401 without it or with a wrong one', async ({ request }) => {
  const none = await request.post('/api/workshops', { data: {} });
  expect(none.status()).toBe(401);
  expect((await none.json()).error.code).toBe('unauthorized');
  const wrong = await request.post('/api/workshops', { headers: { authorization: 'Bearer nope-nope-nope-nope-nope' }, data: {} });
  expect(wrong.status()).toBe(401);

  const ok = await request.post('/api/workshops', { headers: asInstructor, data: { title: 'Tuesday' } });
  expect(ok.status()).toBe(201);
  const body = await ok.json();
  expect(body.code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  expect(body).toMatchObject({ title: 'Tuesday', displayCode: `${body.code.slice(0, 4)}-${body.code.slice(4)}` });
  expect(body.joinUrl).toMatch(new RegExp(`/workshop/\\?code=${body.code}$`));
});

test('joining sets an HttpOnly session cookie and points kvlab_learner at the participant', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request);
  const { ctx, body } = await join(playwright, baseURL!, code, 'Ada');
  expect(body).toMatchObject({ rejoined: false, participant: { name: 'Ada', done: [] }, workshop: { code } });
  const cookies = (await ctx.storageState()).cookies;
  expect(cookies.find((c) => c.name === 'kvlab_workshop')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  expect(cookies.find((c) => c.name === 'kvlab_learner')?.value).toMatch(/^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);

  expect((await ctx.get(`/api/workshops/${code}/me`)).status()).toBe(200);
  await ctx.dispose();
});

test('bad joins answer 4xx JSON: unknown code, malformed code, missing name, non-JSON body', async ({ request }) => {
  const code = await createWorkshop(request);
  const cases: [string, object, number][] = [
    ['/api/workshops/ZZZZZZZZ/join', { data: { name: 'A' } }, 404],
    ['/api/workshops/not-a-code/join', { data: { name: 'A' } }, 404],
    [`/api/workshops/${code}/join`, { data: { name: '   ' } }, 400],
    [`/api/workshops/${code}/join`, { data: { name: 'x'.repeat(41) } }, 400],
    [`/api/workshops/${code}/join`, { data: 'name=A', headers: { 'content-type': 'text/plain' } }, 415],
  ];
  for (const [path, options, status] of cases) {
    const res = await request.post(path, options);
    expect(res.status(), path).toBe(status);
    expect((await res.json()).error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  }
});

test('participants cannot call instructor actions (403) and anonymous callers get 401', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request);
  const { ctx } = await join(playwright, baseURL!, code, 'Mallory');
  const actions: [string, string, object?][] = [
    ['get', `/api/workshops/${code}/dashboard`],
    ['get', `/api/workshops/${code}/export?format=csv`],
    ['get', '/api/workshops'],
    ['post', '/api/workshops', {}],
    ['post', `/api/workshops/${code}/section`, { lesson: 'caching-patterns' }],
    ['post', `/api/workshops/${code}/reveal`, { slug: 'cache-aside' }],
    ['post', `/api/workshops/${code}/reset`, { all: true }],
    ['post', `/api/workshops/${code}/end`, {}],
    ['post', `/api/workshops/${code}/ticket`, {}],
    ['post', `/api/workshops/${code}/propagation`, {}],
    ['post', `/api/workshops/${code}/herd`, {}],
  ];
  for (const [method, path, data] of actions) {
    const asParticipant = method === 'get' ? await ctx.get(path) : await ctx.post(path, { data });
    expect(asParticipant.status(), `participant ${path}`).toBe(403);
    const anonymous = method === 'get' ? await request.get(path) : await request.post(path, { data });
    expect(anonymous.status(), `anonymous ${path}`).toBe(401);
  }
  await ctx.dispose();
});

test("a participant cannot read or write another workshop's data", async ({ playwright, baseURL, request }) => {
  const mine = await createWorkshop(request);
  const theirs = await createWorkshop(request);
  const { ctx } = await join(playwright, baseURL!, mine, 'Eve');
  expect((await ctx.get(`/api/workshops/${theirs}/me`)).status()).toBe(403);
  expect((await ctx.post(`/api/workshops/${theirs}/progress`, { data: { done: ['x'] } })).status()).toBe(403);
  expect((await ctx.post(`/api/workshops/${theirs}/answer`, { data: { kind: 'predict', id: 'l2-missing-json', value: 0 } })).status()).toBe(403);
  await ctx.dispose();
});

test('each participant has an isolated namespace: the demos cache per participant', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request);
  const a = await join(playwright, baseURL!, code, 'A');
  const b = await join(playwright, baseURL!, code, 'B');
  expect((await a.ctx.get('/api/demos/cache-aside/posts/11')).headers()['x-cache']).toBe('MISS');
  expect((await a.ctx.get('/api/demos/cache-aside/posts/11')).headers()['x-cache']).toBe('HIT');
  expect((await b.ctx.get('/api/demos/cache-aside/posts/11')).headers()['x-cache']).toBe('MISS');

  // The instructor resets A only: A misses again, B still hits.
  const reset = await request.post(`/api/workshops/${code}/reset`, { headers: asInstructor, data: { participant: a.body.participant.id } });
  expect(reset.status()).toBe(200);
  expect((await a.ctx.get('/api/demos/cache-aside/posts/11')).headers()['x-cache']).toBe('MISS');
  expect((await b.ctx.get('/api/demos/cache-aside/posts/11')).headers()['x-cache']).toBe('HIT');

  const dashboard = await (await request.get(`/api/workshops/${code}/dashboard`, { headers: asInstructor })).json();
  expect(dashboard.room).toMatchObject({ requests: 5, byCache: { MISS: 3, HIT: 2 } });
  await a.ctx.dispose();
  await b.ctx.dispose();
});

test('leaving and joining again restores the participant, namespace and progress', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request);
  const { ctx, body } = await join(playwright, baseURL!, code, 'Ada');
  await ctx.post(`/api/workshops/${code}/progress`, { data: { done: ['caching-patterns#cache-aside'] } });
  await ctx.get('/api/demos/cache-aside/posts/12');
  expect((await ctx.post(`/api/workshops/${code}/leave`)).status()).toBe(200);
  expect((await ctx.get(`/api/workshops/${code}/me`)).status()).toBe(401);

  const again = await ctx.post(`/api/workshops/${code}/join`, { data: { name: 'Ada' } });
  expect(again.status()).toBe(200);
  const rejoined = await again.json();
  expect(rejoined).toMatchObject({ rejoined: true, participant: { id: body.participant.id, done: ['caching-patterns#cache-aside'] } });
  // Same namespace: the post cached before leaving is still a hit.
  expect((await ctx.get('/api/demos/cache-aside/posts/12')).headers()['x-cache']).toBe('HIT');
  await ctx.dispose();
});

test('names and answers come back as data, never markup; CSV export neutralises formulas', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request, '<script>alert(1)</script>');
  const evil = '=HYPERLINK("http://x")<img src=x>';
  const { ctx } = await join(playwright, baseURL!, code, evil);
  await ctx.post(`/api/workshops/${code}/answer`, { data: { kind: 'reflect', id: 'l9-read-often', value: '<b>bold</b>' } });
  const dashboard = await (await request.get(`/api/workshops/${code}/dashboard`, { headers: asInstructor })).json();
  expect(dashboard.participants[0].name).toBe(evil);
  expect(dashboard.answers).toEqual([{ kind: 'reflect', id: 'l9-read-often', total: 1 }]);
  const debrief = await (await request.get(`/api/workshops/${code}/debrief`, { headers: asInstructor })).json();
  expect(debrief.questions[0].answers[0]).toMatchObject({ name: evil, text: '<b>bold</b>' });
  const csv = await (await request.get(`/api/workshops/${code}/export?format=csv`, { headers: asInstructor })).text();
  expect(csv).toContain(`"'=HYPERLINK(""http://x"")<img src=x>"`);
  // Read with a semicolon or a tab as the separator (a spreadsheet in a locale whose list
  // separator is `;`), no cell starts a formula either: quotes only count at a cell's start.
  const semi = await join(playwright, baseURL!, code, 'x;=1+1');
  await semi.ctx.post(`/api/workshops/${code}/answer`, { data: { kind: 'reflect', id: 'l9-read-often', value: 'a\t@SUM(1);-1' } });
  const csv2 = await (await request.get(`/api/workshops/${code}/export?format=csv`, { headers: asInstructor })).text();
  expect(csv2).toContain(`,"x;'=1+1",`);
  for (const separator of [',', ';', '\t']) {
    const formulas = spreadsheetCells(csv2, separator).filter((cell) => /^[\s]*[=+\-@]/.test(cell));
    expect(formulas, `cells read with ${JSON.stringify(separator)}`).toEqual([]);
  }
  await semi.ctx.dispose();
  const exported = await (await request.get(`/api/workshops/${code}/export?format=json`, { headers: asInstructor })).json();
  expect(exported.participants[0]).toMatchObject({ name: evil, answers: [{ kind: 'reflect', id: 'l9-read-often', answer: '<b>bold</b>' }] });
  await ctx.dispose();
});

test('rate limiting is per participant: one participant gets 429 with a message, the next is unaffected', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request);
  const busy = await join(playwright, baseURL!, code, 'Busy');
  const calm = await join(playwright, baseURL!, code, 'Calm');
  // Concurrent bursts until the budget (100 per 10 s) runs out; bounded, and robust to a slow
  // machine where a window may end mid-burst.
  let sent = 0;
  let limited: APIResponse | undefined;
  while (!limited && sent < 400) {
    const batch = await Promise.all(Array.from({ length: 40 }, () => busy.ctx.get(`/api/workshops/${code}/me`)));
    sent += batch.length;
    expect(batch.every((r) => r.status() === 200 || r.status() === 429)).toBe(true);
    limited = batch.find((r) => r.status() === 429);
  }
  expect(limited, 'no 429 after 400 requests').toBeDefined();
  if (!limited) return;
  // Seconds until the 10-second window ends.
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(Number(limited.headers()['retry-after'])).toBeLessThanOrEqual(10);
  expect((await limited.json()).error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('per participant') });
  // Same machine, same IP: the other participant is not affected.
  expect((await calm.ctx.get(`/api/workshops/${code}/me`)).status()).toBe(200);
  await busy.ctx.dispose();
  await calm.ctx.dispose();
});

test('the live socket refuses plain HTTP, strangers and other sites', async ({ request }) => {
  const code = await createWorkshop(request);
  expect((await request.get(`/api/workshops/${code}/live`)).status()).toBe(426);
  const open = (headers: Record<string, string>, query = '') =>
    request.get(`/api/workshops/${code}/live${query}`, { headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
  expect((await open({})).status()).toBe(401);
  expect((await open({}, '?ticket=123.abc')).status()).toBe(401);
  expect((await open({ origin: 'https://evil.example' })).status()).toBe(403);
});

test('a console ticket opens the live feed once: the same ticket again is refused', async ({ request, baseURL }) => {
  const code = await createWorkshop(request);
  const { url } = await (await request.post(`/api/workshops/${code}/ticket`, { headers: asInstructor })).json();
  expect(url).toMatch(/\?ticket=[A-Za-z0-9_-]{43}$/);
  const connect = () =>
    new Promise<'open' | 'refused'>((resolve) => {
      const ws = new WebSocket(new URL(url, baseURL!.replace(/^http/, 'ws')));
      ws.onopen = () => (ws.close(), resolve('open'));
      ws.onerror = () => resolve('refused');
    });
  expect(await connect()).toBe('open');
  expect(await connect()).toBe('refused');
  const again = await request.get(url, { headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
  expect(again.status()).toBe(401);
  expect((await again.json()).error.message).toMatch(/already used/);
  // A fresh ticket still works: the console asks for one per connection.
  const next = await (await request.post(`/api/workshops/${code}/ticket`, { headers: asInstructor })).json();
  expect(next.url).not.toBe(url);
});

test("a herd fetch needs its run's ticket, which only the room's signal carries", async ({ request, baseURL }) => {
  const code = await createWorkshop(request);
  const other = await createWorkshop(request);
  const joined = await fetch(`${baseURL}/api/workshops/${code}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Herd' }),
  });
  expect(joined.status).toBe(201);
  const cookie = joined.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  // Node's WebSocket takes a cookie header, as the participant's browser sends one.
  const socket = new WebSocket(`${baseURL!.replace(/^http/, 'ws')}/api/workshops/${code}/live`, { headers: { cookie } } as never);
  const signals: { run: number; fanOut: number; ticket: string }[] = [];
  socket.onmessage = (e) => {
    const message = JSON.parse(String(e.data));
    if (message.type === 'herd') signals.push(message);
  };
  await new Promise((resolve, reject) => ((socket.onopen = resolve), (socket.onerror = reject)));
  for (const coalesce of [false, true]) {
    expect((await request.post(`/api/workshops/${code}/herd`, { headers: asInstructor, data: { coalesce } })).status()).toBe(200);
  }
  await expect.poll(() => signals.length).toBe(2);
  socket.close();
  const [first, second] = signals as [(typeof signals)[0], (typeof signals)[0]];
  expect(first.ticket).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(second.ticket).not.toBe(first.ticket);

  const herd = (path: string) => fetch(`${baseURL}/api/workshops/${path}`, { headers: { cookie } });
  const answered = await herd(`${code}/herd/${first.run}?clients=2&ticket=${first.ticket}`);
  expect(answered.status).toBe(200);
  expect(await answered.json()).toMatchObject({ run: first.run, clients: 2, coalesced: false });

  // Without it: 400 saying what is missing. Another run's, another workshop's or a made-up one: 403.
  const missing = await herd(`${code}/herd/${first.run}?clients=2`);
  expect(missing.status).toBe(400);
  expect(((await missing.json()) as { error: { message: string } }).error.message).toContain('"ticket"');
  for (const path of [`${code}/herd/${first.run}?ticket=${second.ticket}`, `${other}/herd/${first.run}?ticket=${first.ticket}`]) {
    const refused = await herd(path);
    expect(refused.status, path).toBe(403);
    expect(((await refused.json()) as { error: unknown }).error).toEqual({ code: 'forbidden', message: expect.stringContaining("instructor's signal") });
  }
  expect((await request.get(`/api/workshops/${code}/herd/${first.run}?ticket=${'A'.repeat(22)}`)).status()).toBe(403);
});

test('instructor actions validate their input', async ({ request }) => {
  const code = await createWorkshop(request);
  const bad: [string, object][] = [
    ['section', { lesson: '../../etc' }],
    ['section', { lesson: 'caching-patterns', section: 'a b' }],
    ['reveal', { slug: 'not-an-exercise' }],
    ['reset', { participant: 'nobody' }],
    ['reset', {}],
  ];
  for (const [path, data] of bad) {
    const res = await request.post(`/api/workshops/${code}/${path}`, { headers: asInstructor, data });
    expect(res.status(), path).toBe(400);
  }
  expect((await request.get(`/api/workshops/${code}/dashboard?stuckMinutes=0`, { headers: asInstructor })).status()).toBe(400);
  expect((await request.get(`/api/workshops/${code}/export?format=xml`, { headers: asInstructor })).status()).toBe(400);
  expect((await request.get(`/api/workshops/${code}/section`, { headers: asInstructor })).status()).toBe(405);
});

test('an ended workshop refuses joins (410) and progress (409) but keeps its data for export', async ({ playwright, baseURL, request }) => {
  const code = await createWorkshop(request);
  const { ctx } = await join(playwright, baseURL!, code, 'Late');
  expect((await request.post(`/api/workshops/${code}/end`, { headers: asInstructor })).status()).toBe(200);
  expect((await request.post(`/api/workshops/${code}/join`, { data: { name: 'Later' } })).status()).toBe(410);
  expect((await ctx.post(`/api/workshops/${code}/progress`, { data: { done: ['x'] } })).status()).toBe(409);
  const exported = await (await request.get(`/api/workshops/${code}/export`, { headers: asInstructor })).json();
  expect(exported.participants).toHaveLength(1);
  await ctx.dispose();
});
