import { describe, expect, it } from 'vitest';
import { API_POLICY, pagePolicy, withHeaderOnlyDirectives } from '../../src/lib/http/security-headers';

// The HTTP edges of the API, in workerd with real KV.

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
