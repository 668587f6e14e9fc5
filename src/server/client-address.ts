/**
 * The client address that per-address budgets are keyed on (src/server/limits.ts).
 *
 * On Cloudflare, CF-Connecting-IP is set by the edge and is the visitor's address. Locally,
 * Miniflare (npm start, wrangler dev, astro dev) sets it to the connection's address — but only
 * when the request does not carry one already, so a local client can claim any address. The
 * server listens on 127.0.0.1 unless HOST says otherwise; on a shared network, per-address
 * budgets hold only against clients that do not forge the header. Per-learner budgets do not
 * depend on it: learner ids are signed.
 *
 * A request without a usable header (only possible when the Worker is called directly, as in
 * tests) counts as the one address `unknown`: sharing a budget errs on the safe side.
 */
export function clientAddress(request: Request): string {
  const header = request.headers.get('cf-connecting-ip')?.trim() ?? '';
  return normalizeAddress(header) ?? 'unknown';
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * `203.0.113.7` stays as it is; an IPv6 address becomes its /64 network (`2001:db8:0:1::/64`),
 * since one subscriber is usually given a whole /64 and could otherwise pick a fresh address
 * for every request. Anything else is null.
 */
export function normalizeAddress(text: string): string | null {
  if (text.length === 0 || text.length > 45) return null;
  const v4 = IPV4.exec(text);
  if (v4) return v4.slice(1).every((part) => Number(part) <= 255) ? text : null;
  const groups = ipv6Groups(text.toLowerCase());
  if (!groups) return null;
  // An IPv4 address written as IPv6 (::ffff:203.0.113.7) is that IPv4 address.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups.slice(0, 4).map((g) => g.toString(16)).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-f:.]+$/.test(text)) return null;
  let tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const v4 = IPV4.exec(dotted[2]!);
    if (!v4 || v4.slice(1).some((p) => Number(p) > 255)) return null;
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    tail = [(a << 8) | b, (c << 8) | d];
    text = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const all = [...head, ...rest];
  if (!all.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - tail.length - all.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const zeros = halves.length === 2 ? Array<number>(missing).fill(0) : [];
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}
