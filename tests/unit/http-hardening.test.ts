import { describe, expect, it } from 'vitest';
import { API_POLICY, pagePolicy, withHeaderOnlyDirectives } from '../../src/lib/http/security-headers';
import { isOwnOrigin, refuseForeignHost } from '../../src/server/host-check';

// The HTTP edges of the API, in workerd with real KV.

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
