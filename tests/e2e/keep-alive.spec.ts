import { expect, test } from '@playwright/test';
import http from 'node:http';

// A refused body must not cost the client its connection. workerd closes a keep-alive connection
// when the Worker answers without reading the request body, and the unread bytes turn that close
// into a reset: the request that follows a 413 on the same connection failed with ECONNRESET.
// Refused bodies are now read to their end (up to 1 MiB, src/lib/http/parse.ts), so the same
// connection carries the next request.

const ROUNDS = 20;

function client(baseURL: string) {
  const { hostname, port } = new URL(baseURL);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; connection?: string; reused: boolean; body: string }>((resolve, reject) => {
      const req = http.request(
        { hostname, port, method, path, agent, headers: { ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, reused: req.reusedSocket, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

const refusals: { what: string; method: string; path: string; body: string; headers?: Record<string, string>; status: number }[] = [
  { what: 'a 70 KB body for a 64 KiB endpoint', method: 'PUT', path: '/api/demos/write-through/posts/1', body: JSON.stringify({ title: 'x', body: 'y'.repeat(70_000) }), status: 413 },
  { what: 'a 300 KB value for the playground (260 KiB)', method: 'PUT', path: '/api/kv/big', body: JSON.stringify({ value: 'v'.repeat(300_000) }), status: 413 },
  { what: 'a body that is not JSON', method: 'PUT', path: '/api/demos/write-through/posts/1', body: 'x'.repeat(70_000), headers: { 'content-type': 'text/plain' }, status: 415 },
  { what: 'a cross-site mutation', method: 'PUT', path: '/api/kv/k', body: JSON.stringify({ value: 'v'.repeat(70_000) }), headers: { origin: 'https://elsewhere.example' }, status: 403 },
  { what: 'a body sent to an endpoint that does not exist', method: 'POST', path: '/api/nowhere', body: JSON.stringify({ v: 'v'.repeat(70_000) }), status: 404 },
];

for (const refusal of refusals) {
  test(`after ${refusal.what} (${refusal.status}) the same keep-alive connection answers the next request, ${ROUNDS} times`, async ({ baseURL }) => {
    const { send, close } = client(baseURL!);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const refused = await send(refusal.method, refusal.path, refusal.body, refusal.headers);
        expect(refused.status, `round ${round}`).toBe(refusal.status);
        expect(JSON.parse(refused.body).error.code, `round ${round}`).toEqual(expect.any(String));
        expect(refused.connection, `round ${round}: the server keeps the connection`).not.toBe('close');
        const next = await send('GET', '/api/health');
        expect(next.status, `round ${round}`).toBe(200);
        expect(next.reused, `round ${round}: the next request went over the same connection`).toBe(true);
      }
    } finally {
      close();
    }
  });
}

test(`Playwright's own client, which reuses connections eagerly: ${ROUNDS} oversized bodies, each followed by a request`, async ({ request }) => {
  for (let round = 0; round < ROUNDS; round++) {
    const huge = await request.put('/api/demos/write-through/posts/1', { data: { title: 'x', body: 'y'.repeat(70_000) } });
    expect(huge.status(), `round ${round}`).toBe(413);
    expect((await request.put('/api/demos/write-through/posts/77', { data: { title: 'x' } })).status(), `round ${round}`).toBe(404);
  }
});
