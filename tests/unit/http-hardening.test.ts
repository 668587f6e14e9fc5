import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { playgroundList, playgroundPut } from '../../src/lib/demos/playground';
import { mediaType, readJsonObject } from '../../src/lib/http/parse';
import { API_POLICY, pagePolicy, withHeaderOnlyDirectives } from '../../src/lib/http/security-headers';
import { openCursor, sealCursor } from '../../src/lib/kv/sealed-cursor';
import { learnerScope } from '../../src/lib/learner-scope';
import { isOwnOrigin, refuseForeignHost } from '../../src/server/host-check';

// The HTTP edges of the API, in workerd with real KV.

const jsonRequest = (type: string | null, body = '{"a":1}') =>
  new Request('http://x/', { method: 'POST', body, headers: type ? { 'content-type': type } : {} });

describe('JSON bodies', () => {
  it('accept application/json, with or without charset=utf-8, in any case', async () => {
    for (const type of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json ; foo=bar']) {
      const parsed = await readJsonObject(jsonRequest(type));
      expect(parsed.ok, type).toBe(true);
    }
  });

  it('refuse other media types with 415, +json and json-prefixed ones included', async () => {
    for (const type of [null, '', 'application/json-patch+json', 'application/jsonx', 'application/merge-patch+json', 'text/json', 'application/json; charset=latin1', 'application/json/x', 'text/plain', 'application/x-www-form-urlencoded']) {
      const parsed = await readJsonObject(jsonRequest(type));
      expect(parsed.ok, String(type)).toBe(false);
      if (!parsed.ok) {
        expect(parsed.response.status, String(type)).toBe(415);
        expect((await parsed.response.json()) as object).toMatchObject({ error: { code: 'unsupported_media_type' } });
      }
    }
  });

  it('parse a media type as RFC 9110 does', () => {
    expect(mediaType('application/json; charset="utf-8"; q=1')).toEqual({ essence: 'application/json', params: new Map([['charset', 'utf-8'], ['q', '1']]) });
    expect(mediaType('application/json-patch+json')?.essence).toBe('application/json-patch+json');
    expect(mediaType('json')).toBeNull();
    expect(mediaType('application/')).toBeNull();
    expect(mediaType('app lication/json')).toBeNull();
  });
});

describe('list cursors', () => {
  const a = learnerScope('AAAAAAAAAAAAAAAAAAAAAA');
  const b = learnerScope('BBBBBBBBBBBBBBBBBBBBBB');

  it('are opaque, page through the keys, and open only for the learner and prefix they were given to', async () => {
    for (const id of ['1', '2', '3', '4', '5']) await playgroundPut(env.KV, a, `log:${id}`, { value: id });
    const first = (await playgroundList(env.KV, a, { prefix: 'log:', limit: 2 })) as { cursor: string; keys: { name: string }[] };
    expect(first.keys.map((k) => k.name)).toEqual(['log:1', 'log:2']);
    // Nothing of the key names, hence of the learner id, can be read from it.
    const decoded = atob(first.cursor.slice(3).replaceAll('-', '+').replaceAll('_', '/').padEnd(Math.ceil((first.cursor.length - 3) / 4) * 4, '='));
    expect(decoded).not.toContain('learner');
    expect(first.cursor).not.toContain(a.id);
    // KV's own cursor (locally the base64 of the last key) does carry the id: what the seal hides.
    const raw = await env.KV.list({ prefix: `${a.kvPrefix}log:`, limit: 2 });
    if (raw.list_complete) throw new Error('expected a second page');
    expect(atob(raw.cursor)).toContain(a.id);

    const second = (await playgroundList(env.KV, a, { prefix: 'log:', limit: 2, cursor: first.cursor })) as { keys: { name: string }[] };
    expect(second.keys.map((k) => k.name)).toEqual(['log:3', 'log:4']);

    expect(await playgroundList(env.KV, b, { prefix: 'log:', limit: 2, cursor: first.cursor })).toEqual({ error: expect.stringMatching(/not one this playground gave you/) });
    expect(await playgroundList(env.KV, a, { prefix: 'lo', limit: 2, cursor: first.cursor })).toEqual({ error: expect.stringMatching(/same prefix/) });
    for (const bogus of ['', 'abc', raw.cursor, 'c1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', first.cursor.slice(0, -2) + (first.cursor.endsWith('A') ? 'BB' : 'AA'), 'c1.!!!']) {
      expect(await playgroundList(env.KV, a, { prefix: 'log:', limit: 2, cursor: bogus }), bogus).toEqual({ error: expect.any(String) });
    }
  });

  it('round-trip exactly', async () => {
    const sealed = await sealCursor(a.id, 'p:', 'some-kv-cursor==');
    expect(await openCursor(a.id, 'p:', sealed)).toBe('some-kv-cursor==');
    expect(await openCursor(b.id, 'p:', sealed)).toBeNull();
    expect(await sealCursor(a.id, 'p:', 'x')).not.toBe(await sealCursor(a.id, 'p:', 'x')); // a fresh IV each time
  });
});

describe('host names (DNS rebinding)', () => {
  const local = { ALLOWED_HOSTS: '127.0.0.1:4321, localhost:4321,[::1]:4321' };
  const req = (host: string, path = '/api/health') => new Request(`http://${host}${path}`, { headers: { host } });

  it('answer only the allowed Host headers when a list is set, refusing with 421', async () => {
    for (const host of ['127.0.0.1:4321', 'LOCALHOST:4321', '[::1]:4321']) expect(refuseForeignHost(req(host), local), host).toBeNull();
    for (const host of ['evil.example:4321', '127.0.0.1:4322', 'localhost', '127.0.0.1.nip.io:4321']) {
      const refused = refuseForeignHost(req(host), local);
      expect(refused?.status, host).toBe(421);
      expect(await refused!.json(), host).toMatchObject({ error: { code: 'misdirected_request' } });
    }
    const page = refuseForeignHost(req('evil.example:4321', '/lessons/'), local)!;
    expect(page.status).toBe(421);
    expect(page.headers.get('content-type')).toContain('text/plain');
  });

  it('accept any Host without a list (deployed: Cloudflare routes only our own names here)', () => {
    expect(refuseForeignHost(req('kv-caching-lab.example.workers.dev'), {})).toBeNull();
    expect(refuseForeignHost(req('anything.example'), { ALLOWED_HOSTS: '' })).toBeNull();
  });

  it('compare Origin with the allowed hosts, or with the request itself when there is no list', () => {
    const r = req('127.0.0.1:4321');
    expect(isOwnOrigin('http://localhost:4321', r, local)).toBe(true);
    expect(isOwnOrigin('http://127.0.0.1:4321', r, local)).toBe(true);
    expect(isOwnOrigin('http://evil.example:4321', r, local)).toBe(false);
    expect(isOwnOrigin('null', r, local)).toBe(false);
    const deployed = new Request('https://lab.example.com/api/kv/k', { method: 'PUT' });
    expect(isOwnOrigin('https://lab.example.com', deployed, {})).toBe(true);
    expect(isOwnOrigin('https://evil.example', deployed, {})).toBe(false);
  });
});

describe('security headers', () => {
  it('allow inline scripts by hash only, and WebSockets to this origin through connect-src self', () => {
    const policy = pagePolicy(['sha256-abc=']);
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='");
    expect(policy).toContain("connect-src 'self';");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
    expect(API_POLICY).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(withHeaderOnlyDirectives("script-src 'self';")).toBe("script-src 'self'; frame-ancestors 'none'");
    expect(withHeaderOnlyDirectives("frame-ancestors 'self'")).toBe("frame-ancestors 'self'");
  });
});
