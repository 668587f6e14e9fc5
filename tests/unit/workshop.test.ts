import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { cleanName, newJoinCode, normalizeJoinCode } from '../../src/lib/workshop/codes';
import { loadDashboard } from '../../src/lib/workshop/dashboard';
import { anonymise, debriefRows, loadDebrief } from '../../src/lib/workshop/debrief';
import { csvCell, csvTable, exportRows, toCsv } from '../../src/lib/workshop/export';
import { findQuestion, QUESTIONS } from '../../src/lib/workshop/questions';
import { HERD_FAN_OUT, HERD_MIN_REQUESTS, herdFanOut } from '../../src/lib/workshop/messages';
import { getHerdRun, herdKey, queueHerdCount, startHerdRun } from '../../src/lib/workshop/herd';
import { herdTicket, isFirstHerdFetch, isHerdTicket } from '../../src/server/workshop/herd-ticket';
import { MODEL_WRITER, modelDelayMs, modelLocation } from '../../src/lib/workshop/propagation';
import { DEFAULT_CACHE_TTL_SECONDS, MODEL_LOCATIONS } from '../../src/lib/consistency/model';
import {
  createWorkshop,
  endSession,
  getWorkshop,
  joinWorkshop,
  participantBySession,
  recordAnswer,
  recordProgress,
} from '../../src/lib/workshop/records';
import { MAX_REFLECTION_CHARS, parseAnswer, parseProgress, parseSection } from '../../src/lib/workshop/validate';
import { checkInstructor, consumeConsoleTicket, createConsoleTicket } from '../../src/server/workshop/auth';
import { flushDemoEvents, queueDemoEvent } from '../../src/lib/monitoring/events';

/** Queue an event as a demo response does, and write it now. */
const recordDemoEvent = async (db: D1Database, learnerId: string, event: Parameters<typeof queueDemoEvent>[2]) => {
  queueDemoEvent(db, learnerId, event, () => {});
  await flushDemoEvents(db);
};

const TOKEN = 'test-instructor-token-0123456789';

describe('join codes', () => {
  it('are 8 characters of an unambiguous alphabet and practically never repeat', () => {
    const codes = new Set(Array.from({ length: 2000 }, newJoinCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });

  it('are read back with or without dash, in any case; anything else is refused', () => {
    expect(normalizeJoinCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeJoinCode(' ABCD EFGH ')).toBe('ABCDEFGH');
    for (const bad of ['ABCDEFG', 'ABCDEFGHJ', 'ABCD0FGH', 'ABCDIFGH', '../../x', '', null]) {
      expect(normalizeJoinCode(bad)).toBeNull();
    }
  });
});

describe('display names and participant input', () => {
  it('keep markup as text but drop invisible and bidi-control characters', () => {
    expect(cleanName('  <b>Ada</b>\u202e  ')).toEqual({ ok: true, value: '<b>Ada</b>' });
    expect(cleanName('\u200b\u0000').ok).toBe(false);
    expect(cleanName('x'.repeat(41)).ok).toBe(false);
    expect(cleanName(42).ok).toBe(false);
  });

  it('refuse malformed progress, answers and sections with a message', () => {
    expect(parseProgress({ done: 'x' }).ok).toBe(false);
    expect(parseProgress({ done: ['<script>'] }).ok).toBe(false);
    expect(parseProgress({}).ok).toBe(false);
    expect(parseProgress({ done: ['caching-patterns#cache-aside'], lesson: 'caching-patterns', section: 'cache-aside' }).ok).toBe(true);
    expect(parseAnswer({ kind: 'guess', id: 'q1', value: 'a' }).ok).toBe(false);
    expect(parseAnswer({ kind: 'predict', id: 'q 1', value: 'a' }).ok).toBe(false);
    // Only questions the lessons declare, and only their choices.
    expect(parseAnswer({ kind: 'predict', id: 'l2-missing-json', value: 2 })).toEqual({ ok: true, value: { kind: 'predict', id: 'l2-missing-json', value: '2' } });
    expect(parseAnswer({ kind: 'predict', id: 'l2-missing-json', value: 3 }).ok).toBe(false);
    expect(parseAnswer({ kind: 'predict', id: 'no-such-question', value: 0 }).ok).toBe(false);
    expect(parseAnswer({ kind: 'reflect', id: 'l2-missing-json', value: 'text' }).ok).toBe(false);
    const long = parseAnswer({ kind: 'reflect', id: 'l9-read-often', value: `Sessions,\r\n\r\n\r\nthen ${'x'.repeat(400)}` });
    expect(long).toMatchObject({ ok: true, value: { value: `Sessions,\n\nthen ${'x'.repeat(400)}` } });
    expect(parseAnswer({ kind: 'reflect', id: 'l9-read-often', value: 'x'.repeat(MAX_REFLECTION_CHARS + 1) }).ok).toBe(false);
    expect(parseSection({ lesson: '../admin' }).ok).toBe(false);
    expect(parseSection({ lesson: 'caching-patterns', section: 'cache-aside' })).toMatchObject({ ok: true });
  });
});

describe('joining, isolation and rejoining', () => {
  it('gives each participant their own learner id (namespace) and a session stored only as a hash', async () => {
    const w = await createWorkshop(env.DB, 'Isolation');
    const a = await joinWorkshop(env.DB, w.code, 'Ada', {});
    const b = await joinWorkshop(env.DB, w.code, 'Bo', {});
    expect(a.participant.learnerId).not.toBe(b.participant.learnerId);
    expect(a.participant.learnerId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = await env.DB.prepare('SELECT session_hash FROM workshop_participants WHERE id = ?1').bind(a.participant.id).first<{ session_hash: string }>();
    expect(stored?.session_hash).not.toContain(a.sessionToken);
    expect((await participantBySession(env.DB, a.sessionToken))?.id).toBe(a.participant.id);
  });

  it('restores the same participant, namespace and progress after leaving and joining again', async () => {
    const w = await createWorkshop(env.DB, 'Rejoin');
    const first = await joinWorkshop(env.DB, w.code, 'Ada', {});
    await recordProgress(env.DB, first.participant, { done: ['caching-patterns#intro'] });
    await endSession(env.DB, first.participant.id);
    expect(await participantBySession(env.DB, first.sessionToken)).toBeNull();

    const again = await joinWorkshop(env.DB, w.code, 'Ada L.', { learnerId: first.participant.learnerId });
    expect(again.rejoined).toBe(true);
    expect(again.participant).toMatchObject({ id: first.participant.id, learnerId: first.participant.learnerId, name: 'Ada L.' });
    expect(again.participant.done).toEqual(['caching-patterns#intro']);
  });

  it("never hands one workshop's participant to another workshop", async () => {
    const w1 = await createWorkshop(env.DB, 'One');
    const w2 = await createWorkshop(env.DB, 'Two');
    const a = await joinWorkshop(env.DB, w1.code, 'Ada', {});
    const inOther = await joinWorkshop(env.DB, w2.code, 'Ada', { sessionToken: a.sessionToken, learnerId: a.participant.learnerId });
    expect(inOther.rejoined).toBe(false);
    expect(inOther.participant.id).not.toBe(a.participant.id);
  });

  it('only ever grows "done", and only growth counts as progress', async () => {
    const w = await createWorkshop(env.DB, 'Progress');
    const { participant } = await joinWorkshop(env.DB, w.code, 'Ada', {}, 1_000);
    expect((await recordProgress(env.DB, participant, { done: ['a', 'b'] }, 2_000)).progressed).toBe(true);
    const reloaded = (await participantBySession(env.DB, (await joinWorkshop(env.DB, w.code, 'Ada', { learnerId: participant.learnerId })).sessionToken))!;
    const moved = await recordProgress(env.DB, reloaded, { done: ['a'], lesson: 'caching-patterns', section: 'ttl' }, 3_000);
    expect(moved).toEqual({ done: ['a', 'b'], progressed: false });
  });
});

describe('the dashboard', () => {
  it('shows section, progress, exercises passed, stuck participants, answers and the room hit rate', async () => {
    const w = await createWorkshop(env.DB, 'Room', 0);
    const t0 = Date.now();
    const ada = await joinWorkshop(env.DB, w.code, '<img src=x onerror=alert(1)>', {}, t0 - 20 * 60_000);
    const bo = await joinWorkshop(env.DB, w.code, 'Bo', {}, t0 - 20 * 60_000);
    const outsider = await joinWorkshop(env.DB, (await createWorkshop(env.DB, 'Elsewhere')).code, 'Cy', {});
    await recordProgress(env.DB, bo.participant, { done: ['x', 'y'], lesson: 'caching-patterns', section: 'cache-aside' }, t0);
    await env.DB.prepare('INSERT INTO exercise_results (learner_id, slug, passed, checked_at) VALUES (?1, ?2, 1, ?3), (?1, ?4, 0, ?3), (?5, ?2, 1, ?3)')
      .bind(bo.participant.learnerId, 'cache-aside', t0, 'key-builder', outsider.participant.learnerId)
      .run();
    await recordAnswer(env.DB, ada.participant, { kind: 'predict', id: 'l2-missing-json', value: '2' });
    await recordAnswer(env.DB, bo.participant, { kind: 'predict', id: 'l2-missing-json', value: '0' });
    await recordDemoEvent(env.DB, ada.participant.learnerId, { demo: 'cache-aside', cache: 'MISS', totalMs: 40 });
    await recordDemoEvent(env.DB, ada.participant.learnerId, { demo: 'cache-aside', cache: 'HIT', totalMs: 2 });
    await recordDemoEvent(env.DB, outsider.participant.learnerId, { demo: 'cache-aside', cache: 'HIT', totalMs: 2 });

    const workshop = (await getWorkshop(env.DB, w.code))!;
    const d = await loadDashboard(env.DB, workshop, new Set([ada.participant.id, bo.participant.id]), { now: t0 + 1000, stuckMinutes: 5 });
    const byName = Object.fromEntries(d.participants.map((p) => [p.name, p]));
    expect(byName.Bo).toMatchObject({ online: true, lesson: 'caching-patterns', section: 'cache-aside', done: 2, exercisesPassed: ['cache-aside'], stuck: false });
    expect(byName['<img src=x onerror=alert(1)>']).toMatchObject({ online: true, done: 0, exercisesPassed: [], stuck: true });
    expect(d.participants.map((p) => p.name)).not.toContain('Cy');
    expect(d.answers).toEqual([{ kind: 'predict', id: 'l2-missing-json', total: 2 }]);
    expect(d.room).toMatchObject({ requests: 2, byCache: { HIT: 1, MISS: 1 }, hitRate: 0.5 });
    expect(d.room.recent.p50).toBe(2);
  });

  it('keeps a running room tally that agrees with a full count, and the latency percentiles', async () => {
    const w = await createWorkshop(env.DB, 'Tally', 0);
    const ada = await joinWorkshop(env.DB, w.code, 'Ada', {});
    const outsider = await joinWorkshop(env.DB, (await createWorkshop(env.DB, 'Other room')).code, 'Cy', {});
    const workshop = (await getWorkshop(env.DB, w.code))!;
    const tally = { upToId: 0, byCache: {} };
    for (const totalMs of [1, 2, 3, 40]) await recordDemoEvent(env.DB, ada.participant.learnerId, { demo: 'cache-aside', cache: totalMs > 10 ? 'MISS' : 'HIT', totalMs });
    const first = await loadDashboard(env.DB, workshop, new Set(), { tally });
    expect(first.room).toMatchObject({ requests: 4, byCache: { HIT: 3, MISS: 1 } });
    expect(tally.upToId).toBeGreaterThan(0);

    // Later events, the room's and another room's: the tally counts only the room's new ones.
    await recordDemoEvent(env.DB, ada.participant.learnerId, { demo: 'cache-aside', cache: 'HIT', totalMs: 2.6 });
    await recordDemoEvent(env.DB, outsider.participant.learnerId, { demo: 'cache-aside', cache: 'MISS', totalMs: 30 });
    const running = await loadDashboard(env.DB, workshop, new Set(), { tally });
    const full = await loadDashboard(env.DB, workshop, new Set());
    expect(running.room).toEqual(full.room);
    expect(running.room).toMatchObject({ requests: 5, byCache: { HIT: 4, MISS: 1 }, hitRate: 0.8 });
    // Whole milliseconds: 1, 2, 2(.6), 3, 40 — the median is 2, the 95th percentile 40.
    expect(running.room.recent).toMatchObject({ requests: 5, p50: 2, p95: 40, hitRate: 0.8 });
    // Nothing new: the same numbers again.
    expect((await loadDashboard(env.DB, workshop, new Set(), { tally })).room).toEqual(full.room);
  });

  it('exports CSV that keeps formulas and quotes as text', async () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('Ada, Lovelace')).toBe('"Ada, Lovelace"');
    // Spreadsheets that split on semicolons (or tabs) must not see a cell starting with = either.
    expect(csvCell('x;=1+1')).toBe(`"x;'=1+1"`);
    expect(csvCell('x; +1')).toBe(`"x;' +1"`);
    expect(csvCell('x\t=1+1')).toBe(`"x\t'=1+1"`);
    expect(csvCell('two\n@lines')).toBe(`"two\n'@lines"`);
    expect(csvCell('\t=1+1')).toBe(`"'\t=1+1"`);
    expect(csvCell(' =1+1')).toBe("' =1+1");
    expect(csvCell('＝1+1')).toBe("'＝1+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Smith-Jones')).toBe('Smith-Jones');
    const w = await createWorkshop(env.DB, 'Export');
    await joinWorkshop(env.DB, w.code, '@SUM(A1)', {});
    const d = await loadDashboard(env.DB, (await getWorkshop(env.DB, w.code))!, new Set());
    const csv = toCsv(await exportRows(env.DB, d));
    expect(csv.split('\r\n')[0]).toBe('id,name,joined_at,last_progress_at,lesson,section,done_count,done,exercises_passed,answers');
    expect(csv).toContain(",'@SUM(A1),");
  });
});

describe('the debrief', () => {
  it('reads every Predict and Reflect of the lessons, each prediction with exactly one right choice', () => {
    const lessons = import.meta.glob('../../content/lessons/*.mdx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
    const declared = Object.values(lessons).reduce((n, mdx) => n + (mdx.match(/<(Predict|Reflect)\b/g)?.length ?? 0), 0);
    expect(QUESTIONS.size).toBe(declared);
    for (const q of QUESTIONS.values()) if (q.kind === 'predict') expect(q.choices.filter((c) => c.correct), q.id).toHaveLength(1);
    expect(findQuestion('predict', 'l2-missing-json')).toMatchObject({
      lesson: 'basic-operations',
      lessonTitle: 'Basic operations',
      question: "What does env.KV.get('no-such-key', 'json') give you?",
      choices: [{ correct: false }, { text: 'undefined', correct: false }, { text: 'null', correct: true }],
    });
  });

  it('shows choices by their text with counts, reflections whole with names, and numbers instead of names on demand', async () => {
    const w = await createWorkshop(env.DB, 'Debrief');
    const ada = await joinWorkshop(env.DB, w.code, 'Ada', {});
    const bo = await joinWorkshop(env.DB, w.code, '=Bo', {});
    const reflection = `Sessions and feature flags: ${'read a thousand times per write. '.repeat(5)}`.trim();
    await recordAnswer(env.DB, ada.participant, { kind: 'predict', id: 'l2-missing-json', value: '2' }, 1);
    await recordAnswer(env.DB, bo.participant, { kind: 'predict', id: 'l2-missing-json', value: '1' }, 2);
    await recordAnswer(env.DB, ada.participant, { kind: 'reflect', id: 'l9-read-often', value: reflection }, 3);
    await recordAnswer(env.DB, bo.participant, { kind: 'reflect', id: 'l9-read-often', value: 'Prices.' }, 4);
    const debrief = await loadDebrief(env.DB, w.code);
    expect(debrief.map((q) => q.id)).toEqual(['l2-missing-json', 'l9-read-often']);
    expect(debrief[0]).toMatchObject({ total: 2, choices: [{ count: 0 }, { text: 'undefined', count: 1 }, { text: 'null', correct: true, count: 1 }] });
    expect(debrief[1]).toMatchObject({ answers: [{ name: 'Ada', text: reflection }, { name: '=Bo', text: 'Prices.' }] });
    expect(anonymise(debrief)[1]).toMatchObject({ answers: [{ name: 'Participant 1' }, { name: 'Participant 2' }] });
    const csv = csvTable(debriefRows(debrief));
    expect(csv).toContain(`basic-operations,predict,l2-missing-json,"What does env.KV.get('no-such-key', 'json') give you?",null,yes,1,`);
    expect(csv).toContain(",Prices.,,1,'=Bo");
    expect(csv).toContain(reflection);
  });
});

describe('instructor authentication', () => {
  const req = (authorization?: string) => new Request('http://x/', { headers: authorization ? { authorization } : {} });

  it('accepts only the exact token as a Bearer credential', async () => {
    expect(await checkInstructor(req(`Bearer ${TOKEN}`), TOKEN)).toBe('ok');
    expect(await checkInstructor(req(), TOKEN)).toBe('missing');
    expect(await checkInstructor(req(`Bearer ${TOKEN}x`), TOKEN)).toBe('invalid');
    expect(await checkInstructor(req(`Basic ${TOKEN}`), TOKEN)).toBe('missing');
    expect(await checkInstructor(req(`Bearer ${TOKEN}`), undefined)).toBe('unconfigured');
  });

  it('issues console tickets bound to one workshop that open the feed once, within a minute', async () => {
    const t = Date.now();
    const { ticket } = await createConsoleTicket(env.DB, 'ABCDEFGH', t);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await consumeConsoleTicket(env.DB, 'ZZZZZZZZ', ticket, t)).toBe(false); // another workshop
    expect(await consumeConsoleTicket(env.DB, 'ABCDEFGH', ticket.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), t)).toBe(false);
    expect(await consumeConsoleTicket(env.DB, 'ABCDEFGH', ticket, t + 59_000)).toBe(true);
    expect(await consumeConsoleTicket(env.DB, 'ABCDEFGH', ticket, t + 59_000)).toBe(false); // used

    const late = await createConsoleTicket(env.DB, 'ABCDEFGH', t);
    expect(await consumeConsoleTicket(env.DB, 'ABCDEFGH', late.ticket, t + 61_000)).toBe(false); // expired
    // Only the hash is stored.
    const stored = await env.DB.prepare('SELECT ticket_hash FROM workshop_console_tickets').all<{ ticket_hash: string }>();
    expect(stored.results.map((r) => r.ticket_hash)).not.toContain(late.ticket);
  });

  it('lets exactly one of many simultaneous connections use a ticket', async () => {
    const { ticket } = await createConsoleTicket(env.DB, 'ABCDEFGH');
    const attempts = await Promise.all(Array.from({ length: 10 }, () => consumeConsoleTicket(env.DB, 'ABCDEFGH', ticket)));
    expect(attempts.filter(Boolean)).toHaveLength(1);
  });
});

describe('propagation lab model', () => {
  it('is deterministic per round and location, immediate at the writer, within 60 s elsewhere', () => {
    expect(modelDelayMs(1, MODEL_WRITER)).toBe(0);
    for (const colo of ['FRA', 'SYD', 'GRU']) {
      expect(modelDelayMs(3, colo)).toBe(modelDelayMs(3, colo));
      expect(modelDelayMs(3, colo)).toBeGreaterThanOrEqual(0);
      expect(modelDelayMs(3, colo)).toBeLessThanOrEqual(60_000);
    }
    expect(modelLocation('abcdefghijkl')).toBe(modelLocation('abcdefghijkl'));
  });

  it("is the consistency demo's model: every location is one of its locations, some serve the old copy for up to cacheTtl", () => {
    const codes = MODEL_LOCATIONS.map((l) => l.id.toUpperCase());
    expect(codes).toContain(MODEL_WRITER);
    for (let i = 0; i < 50; i++) expect(codes).toContain(modelLocation(`participant-${i}`));
    const delays = Array.from({ length: 40 }, (_, round) => codes.filter((c) => c !== MODEL_WRITER).map((c) => modelDelayMs(round + 1, c))).flat();
    // Warm locations wait out their cached copy (seconds); cold ones read through (under 1 s).
    expect(delays.some((d) => d > 5_000)).toBe(true);
    expect(delays.some((d) => d < 1_000)).toBe(true);
    expect(Math.max(...delays)).toBeLessThanOrEqual(DEFAULT_CACHE_TTL_SECONDS * 1000);
    expect(() => modelDelayMs(1, 'XYZ')).toThrow(RangeError);
  });
});

describe('thundering herd with request coalescing', () => {
  it('makes any room a herd of at least twenty, and a big room one request per page', () => {
    expect([0, 1, 2, 3, 7, 20, 21, 100].map(herdFanOut)).toEqual([10, 10, 10, 7, 3, 1, 1, 1]);
    for (let pages = 1; pages <= 200; pages++) expect(pages * herdFanOut(pages)).toBeGreaterThanOrEqual(Math.min(HERD_MIN_REQUESTS, pages * HERD_FAN_OUT));
  });

  it('loads the origin once for twenty simultaneous misses on the shared key', async () => {
    const w = await createWorkshop(env.DB, 'Herd');
    const run = await startHerdRun(env.DB, w.code, true);
    const room = env.WORKSHOP_ROOM.get(env.WORKSHOP_ROOM.idFromName(w.code));
    const key = herdKey(w.code, run.run, run.postId);
    const results = await Promise.all(Array.from({ length: 20 }, () => room.coalescedLoad(key, run.postId)));
    expect(results.filter((r) => r.fromOrigin)).toHaveLength(1);
    expect(new Set(results.map((r) => r.post?.id))).toEqual(new Set([run.postId]));
    expect(await env.KV.get(key)).not.toBeNull();
  });

  it('writes a burst of herd requests as one count, then tells the room', async () => {
    const w = await createWorkshop(env.DB, 'Herd counts');
    const run = await startHerdRun(env.DB, w.code, true);
    expect(await getHerdRun(env.DB, w.code, run.run)).toEqual({ run: run.run, coalesced: true, postId: run.postId });
    const flushes: Promise<unknown>[] = [];
    let told = 0;
    for (let i = 0; i < 5; i++) {
      queueHerdCount(env.DB, { code: w.code, run: run.run, miss: i < 2, originLoads: i === 0 ? 1 : 0 }, (p) => void flushes.push(p), async () => void told++);
    }
    expect(flushes).toHaveLength(1); // one write for the whole burst
    await Promise.all(flushes);
    const row = await env.DB.prepare('SELECT requests, kv_misses, origin_loads FROM workshop_herd_runs WHERE workshop_code = ?1 AND run = ?2')
      .bind(w.code, run.run)
      .first();
    expect(row).toEqual({ requests: 5, kv_misses: 2, origin_loads: 1 });
    expect(told).toBe(1);
  });

  it("admits a learner's first fetch of a run with its ticket unbudgeted, and nothing else", async () => {
    const code = 'HERDTKT2'; // a join code's alphabet: no 0, 1, I, L or O
    const ticket = await herdTicket(code, 3);
    const url = (path: string, t = ticket) => new URL(`http://lab.test/api/workshops/${path}?clients=1&ticket=${t}`);
    expect(await isHerdTicket(code, 3, ticket)).toBe(true);
    expect(await isHerdTicket(code, 4, ticket)).toBe(false);
    expect(await isFirstHerdFetch(url(`${code}/herd/3`), 'learner-a')).toBe(true);
    // The same learner again, and tickets of another run or workshop or none: the usual budget.
    expect(await isFirstHerdFetch(url(`${code}/herd/3`), 'learner-a')).toBe(false);
    expect(await isFirstHerdFetch(url(`${code}/herd/4`), 'learner-a')).toBe(false);
    expect(await isFirstHerdFetch(url(`HERDTKT3/herd/3`), 'learner-a')).toBe(false);
    expect(await isFirstHerdFetch(url(`${code}/herd/3`, 'A'.repeat(22)), 'learner-a')).toBe(false);
    expect(await isFirstHerdFetch(url(`${code}/me`), 'learner-a')).toBe(false);
    // Another learner of the room has a first fetch of their own.
    expect(await isFirstHerdFetch(url(`${code}/herd/3`), 'learner-b')).toBe(true);
  });
});

describe('progress reports arriving together', () => {
  it('never lose each other’s entries', async () => {
    const w = await createWorkshop(env.DB, 'Concurrent');
    const { participant } = await joinWorkshop(env.DB, w.code, 'Ada', {});
    await Promise.all([
      recordProgress(env.DB, participant, { done: ['a'] }),
      recordProgress(env.DB, participant, { lesson: 'caching-patterns', section: 'cache-aside' }),
      recordProgress(env.DB, participant, { done: ['b', 'a'] }),
    ]);
    const t = Date.now() + 10_000;
    const latest = await recordProgress(env.DB, participant, { done: ['c'] }, t);
    expect(latest.done.sort()).toEqual(['a', 'b', 'c']);
    expect(latest.progressed).toBe(true);
    expect((await recordProgress(env.DB, participant, { done: ['c'] }, t + 1000)).progressed).toBe(false);
  });
});
