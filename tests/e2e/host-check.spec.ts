import { expect, test } from '@playwright/test';
import http from 'node:http';

// DNS rebinding: the local server answers only for its own names (src/server/host-check.ts and
// scripts/lib/serve-build.mjs). Requests are sent with node:http, which sends the Host header it
// is given, to the server's real address, as a browser would after a rebinding.

function send(baseURL: string, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  const { hostname, port } = new URL(baseURL);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = http.request({ hostname, port, path, method, headers: { ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type'] ?? ''), body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('a request for a host name that is not ours is refused: JSON under /api, text for pages and files', async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  const evil = { host: `rebind.evil.example:${port}` };
  const api = await send(baseURL!, '/api/health', evil);
  expect(api.status).toBe(421);
  expect(api.type).toContain('application/json');
  expect(JSON.parse(api.body).error).toMatchObject({ code: 'misdirected_request', message: expect.stringContaining('rebind.evil.example') });
  for (const path of ['/', '/lessons/caching-patterns/', '/favicon.svg', '/no-such-page/']) {
    const page = await send(baseURL!, path, evil);
    expect(page.status, path).toBe(421);
    expect(page.type, path).toContain('text/plain');
    expect(page.body, path).not.toContain('<html');
  }
  // A mutation and the workshop's WebSocket are refused before anything runs.
  expect((await send(baseURL!, '/api/kv/k', evil, 'PUT', '{"value":"x"}')).status).toBe(421);
  const ws = await send(baseURL!, '/api/workshops/ABCDEFGH/live', { ...evil, upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' });
  expect(ws.status).toBe(421);
  // The API compares the port too.
  expect((await send(baseURL!, '/api/health', { host: '127.0.0.1:1' })).status).toBe(421);
});

test('the served address, localhost, [::1] and ALLOWED_HOSTS are answered', async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  // kvlab.test comes from ALLOWED_HOSTS in playwright.config.ts's webServer env.
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`, `kvlab.test:${port}`]) {
    expect((await send(baseURL!, '/api/health', { host })).status, host).toBe(200);
    expect((await send(baseURL!, '/', { host })).status, host).toBe(200);
  }
});

test('a mutation is ours when its Origin is one of the allowed hosts, not merely equal to its own Host', async ({ baseURL }) => {
  const port = new URL(baseURL!).port;
  const put = (host: string, origin: string) => send(baseURL!, '/api/kv/origin-check', { host, origin }, 'PUT', '{"value":"x"}');
  expect((await put(`127.0.0.1:${port}`, `http://127.0.0.1:${port}`)).status).toBe(200);
  expect((await put(`127.0.0.1:${port}`, `http://localhost:${port}`)).status).toBe(200);
  expect((await put(`127.0.0.1:${port}`, `http://rebind.evil.example:${port}`)).status).toBe(403);
  expect((await put(`127.0.0.1:${port}`, `http://127.0.0.1:1`)).status).toBe(403);
  expect((await put(`127.0.0.1:${port}`, 'null')).status).toBe(403);
});
