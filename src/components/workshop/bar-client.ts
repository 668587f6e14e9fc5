/**
 * The participant's side of a workshop, in the browser: shows the instructor's banner, keeps
 * a live connection to the room, and forwards progress and answers. Every piece of text that
 * came from someone else is set with textContent, never as HTML.
 */

interface Joined {
  code: string;
  displayCode?: string;
  name?: string;
}
interface Section {
  lesson: string;
  id: string | null;
  label: string;
}
type RoomMessage =
  | { type: 'state'; section: Section | null; revealed: string[]; ended: boolean; propagation: { round: number; writtenAt: number | null } | null }
  | { type: 'section'; section: Section }
  | { type: 'reveal'; slug: string }
  | { type: 'reset' }
  | { type: 'ended' }
  | { type: 'propagation'; round: number; writtenAt: number }
  | { type: 'herd'; run: number };

const JOINED_KEY = 'kvlab:workshop';
const REVEALED_KEY = 'kvlab:revealed';
const PROGRESS_KEY = 'kvlab:progress';

let started = false;

function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

export function startWorkshopBar() {
  if (started) return;
  const joined = readJson<Joined>(JOINED_KEY);
  const root = document.getElementById('kvlab-workshop-bar');
  if (!joined?.code || !root) return;
  started = true;
  const api = `/api/workshops/${encodeURIComponent(joined.code)}`;

  // ── The bar ──────────────────────────────────────────────────────────────────────────
  const dot = el('span', { className: 'wb-dot', title: 'Connecting…' });
  const who = el('span', { className: 'wb-who' }, joined.name ?? '');
  const code = el('span', { className: 'wb-code' }, joined.displayCode ?? joined.code);
  const follow = el('span', { className: 'wb-follow' }, 'Waiting for the instructor…');
  const leave = el('button', { type: 'button', className: 'secondary' }, 'Leave workshop');
  const note = el('p', { className: 'wb-note', role: 'status' });
  note.setAttribute('aria-live', 'polite');
  root.replaceChildren(el('span', {}, dot, who), el('span', {}, 'Workshop ', code), follow, leave, note);
  root.hidden = false;

  const say = (text: string) => (note.textContent = text);
  let ended = false;

  function showSection(section: Section | null) {
    if (!section) {
      follow.replaceChildren('Waiting for the instructor…');
      return;
    }
    const href = `/lessons/${encodeURIComponent(section.lesson)}/${section.id ? `#${encodeURIComponent(section.id)}` : ''}`;
    const here = location.pathname === `/lessons/${section.lesson}/` && (!section.id || location.hash === `#${section.id}`);
    follow.replaceChildren(
      'Follow the instructor: ',
      el('strong', {}, section.label),
      ' ',
      here ? el('span', {}, '(you are here)') : el('a', { className: 'wb-jump', href }, 'Jump there'),
    );
  }

  function remember(slugs: string[]) {
    try {
      localStorage.setItem(REVEALED_KEY, JSON.stringify(slugs));
    } catch {
      // Storage full or blocked: the event below still reaches open pages.
    }
  }

  function reveal(slug: string, announce: boolean) {
    const all = new Set(readJson<string[]>(REVEALED_KEY) ?? []);
    const isNew = !all.has(slug);
    all.add(slug);
    remember([...all]);
    if (isNew || announce) window.dispatchEvent(new CustomEvent('kvlab:reveal', { detail: { slug } }));
    if (announce) say(`The instructor revealed the solution to the “${slug}” exercise.`);
  }

  // ── Talking to the server ────────────────────────────────────────────────────────────
  async function post(path: string, body: unknown) {
    if (ended) return;
    const res = await fetch(`${api}/${path}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => null);
    if (!res) return say('Could not reach the workshop server. Your progress is kept in this browser and sent again later.');
    if (res.status === 401 || res.status === 403) return stop('Your workshop session has ended. Join again from /workshop/.');
    if (!res.ok) {
      const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      say(err?.error?.message ?? `The workshop server answered ${res.status}.`);
    }
  }

  let progressTimer: ReturnType<typeof setTimeout> | undefined;
  function sendProgress() {
    clearTimeout(progressTimer);
    progressTimer = setTimeout(() => {
      const progress = readJson<{ done?: unknown }>(PROGRESS_KEY);
      const done = Array.isArray(progress?.done) ? progress.done.filter((d) => typeof d === 'string').slice(0, 500) : [];
      if (done.length) void post('progress', { done });
    }, 400);
  }

  // Where the participant is: the lesson in the URL and the last section heading scrolled past.
  const lessonMatch = /^\/lessons\/([^/]+)\/?$/.exec(location.pathname);
  let whereTimer: ReturnType<typeof setTimeout> | undefined;
  let lastWhere = '';
  function sendWhere(section: string | null) {
    if (!lessonMatch) return;
    const key = `${lessonMatch[1]}#${section ?? ''}`;
    if (key === lastWhere) return;
    clearTimeout(whereTimer);
    whereTimer = setTimeout(() => {
      lastWhere = key;
      void post('progress', { lesson: lessonMatch[1], section });
    }, 1200);
  }
  if (lessonMatch) {
    const headings = [...document.querySelectorAll<HTMLElement>('main h2[id]')];
    const update = () => {
      let current: string | null = null;
      for (const h of headings) if (h.getBoundingClientRect().top < window.innerHeight * 0.35) current = h.id;
      sendWhere(current);
    };
    window.addEventListener('scroll', () => requestAnimationFrame(update), { passive: true });
    window.addEventListener('hashchange', update);
    update();
  }

  window.addEventListener('kvlab:progress', sendProgress);
  window.addEventListener('kvlab:answer', (event) => {
    const detail = (event as CustomEvent<{ kind?: string; id?: string; value?: unknown }>).detail ?? {};
    void post('answer', { kind: detail.kind, id: detail.id, value: detail.value });
  });
  sendProgress();

  // ── Room-wide labs ───────────────────────────────────────────────────────────────────
  async function herd(run: number) {
    say('The instructor asked everyone to fetch the cold key — fetching now…');
    const res = await fetch(`${api}/herd/${run}`, { credentials: 'same-origin' }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { cache?: string; originLoad?: boolean; coalesced?: boolean; timings?: { total?: number } } | null;
    if (!res?.ok || !body?.cache) return say('Herd demo: your fetch failed.');
    const origin = body.cache === 'HIT' ? 'served from KV' : body.originLoad ? 'you loaded the origin' : 'waited for a shared origin load';
    say(`Herd demo: ${body.cache} — ${origin} (${Math.round(body.timings?.total ?? 0)} ms in the Worker).`);
  }

  let pollingRound = 0;
  async function propagation(round: number) {
    if (pollingRound === round) return;
    pollingRound = round;
    const startedAt = Date.now();
    say(`Propagation lab (round ${round}): watching the key from your nearest location…`);
    while (pollingRound === round && !ended && Date.now() - startedAt < 90_000) {
      const res = await fetch(`${api}/propagation/${round}`, { credentials: 'same-origin' }).catch(() => null);
      const body = (await res?.json().catch(() => null)) as { seen?: boolean; over?: boolean; colo?: string; simulated?: boolean; ageMs?: number } | null;
      if (body?.over || res?.status === 404) return;
      if (body?.seen) {
        const where = body.simulated ? `${body.colo} (modelled location)` : body.colo;
        return say(`Propagation lab: the new value reached ${where} after ${((body.ageMs ?? 0) / 1000).toFixed(1)} s.`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  // ── The live connection ──────────────────────────────────────────────────────────────
  let socket: WebSocket | null = null;
  let retries = 0;
  let pinger: ReturnType<typeof setInterval> | undefined;

  function connect() {
    if (ended) return;
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${api}/live`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      dot.dataset.live = 'true';
      dot.title = 'Connected to the room';
      pinger = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), 25_000);
    };
    ws.onmessage = (event) => {
      if (event.data === 'pong') return;
      let message: RoomMessage;
      try {
        message = JSON.parse(String(event.data)) as RoomMessage;
      } catch {
        return;
      }
      handle(message);
    };
    ws.onclose = () => {
      clearInterval(pinger);
      dot.dataset.live = 'false';
      dot.title = 'Reconnecting…';
      if (ended || socket !== ws) return;
      // Back off with jitter, so a restarted server is not hit by the whole room at once.
      const delay = Math.min(15_000, 1000 * 2 ** retries++) * (0.5 + Math.random());
      setTimeout(connect, delay);
    };
  }

  function handle(message: RoomMessage) {
    switch (message.type) {
      case 'state': {
        showSection(message.section);
        const known = new Set(readJson<string[]>(REVEALED_KEY) ?? []);
        for (const slug of message.revealed) if (!known.has(slug)) reveal(slug, false);
        if (message.ended) return stop('This workshop has ended. Thank you for taking part — the course stays open.');
        if (message.propagation?.writtenAt && Date.now() - message.propagation.writtenAt < 90_000) void propagation(message.propagation.round);
        return;
      }
      case 'section':
        showSection(message.section);
        return say(`The instructor moved the room to “${message.section.label}”.`);
      case 'reveal':
        return reveal(message.slug, true);
      case 'reset':
        window.dispatchEvent(new CustomEvent('kvlab:reset', { detail: {} }));
        return say('The instructor reset your demo cache and origin edits. Your progress is kept.');
      case 'ended':
        return stop('This workshop has ended. Thank you for taking part — the course stays open.');
      case 'propagation':
        return void propagation(message.round);
      case 'herd':
        return void herd(message.run);
    }
  }

  function stop(message: string) {
    ended = true;
    socket?.close();
    follow.replaceChildren(message);
    leave.textContent = 'Close';
  }

  leave.addEventListener('click', async () => {
    if (!ended) await fetch(`${api}/leave`, { method: 'POST', credentials: 'same-origin' }).catch(() => null);
    ended = true;
    socket?.close();
    try {
      localStorage.removeItem(JOINED_KEY);
    } catch {
      // Nothing to forget.
    }
    root.hidden = true;
    window.dispatchEvent(new CustomEvent('kvlab:workshop-left'));
  });

  // Confirm the session before going live: a stale flag (workshop over, cookie gone) is dropped.
  fetch(`${api}/me`, { credentials: 'same-origin' })
    .then(async (res) => {
      if (res.status === 401 || res.status === 403 || res.status === 404) {
        try {
          localStorage.removeItem(JOINED_KEY);
        } catch {
          // Nothing to forget.
        }
        root.hidden = true;
        ended = true;
        return;
      }
      const body = (await res.json().catch(() => null)) as { participant?: { name?: string } } | null;
      if (body?.participant?.name) who.textContent = body.participant.name;
      connect();
    })
    .catch(() => connect());
}
