import { DurableObject } from 'cloudflare:workers';
import { loadDashboard, type RoomTally } from '../../lib/workshop/dashboard';
import { loadAndCache } from '../../lib/workshop/herd';
import { originScanRows } from '../demo-env';
import { getWorkshop, touchParticipant } from '../../lib/workshop/records';
import type { Post } from '../../lib/origin/posts';
import type { ConsoleMessage, ParticipantMessage } from '../../lib/workshop/messages';

/**
 * One live workshop room. It holds the WebSockets of the instructor's console and of every
 * participant (hibernatable: an idle room costs nothing), pushes the dashboard to consoles,
 * relays the instructor's actions to participants, and coalesces the herd demo's origin
 * loads. It keeps no state of its own that matters: workshops, participants and progress
 * live in D1, so a restart loses only the open connections, which the browsers reopen.
 */

type Attachment = { role: 'console' } | { role: 'participant'; id: string };

/** Consoles get the dashboard at most this often under constant change… */
const MIN_PUSH_INTERVAL_MS = 1000;
/** …and at least this often while one is connected (room stats move on their own). */
const TICK_MS = 3000;

export class WorkshopRoom extends DurableObject<Env> {
  #code: string | null = null;
  #nextPushAt = 0;
  #lastPushAt = 0;
  #inflight = new Map<string, Promise<{ post: Post | null; fromOrigin: boolean }>>();
  /** The room's requests so far, advanced by each push (lost on eviction: then counted afresh). */
  #tally: RoomTally = { upToId: 0, byCache: {} };

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Keep-alive pings are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  /** A WebSocket upgrade, already authenticated by the Worker (src/server/workshop/live.ts). */
  async fetch(request: Request): Promise<Response> {
    const code = request.headers.get('x-kvlab-code');
    const role = request.headers.get('x-kvlab-role');
    const participantId = request.headers.get('x-kvlab-participant');
    if (!code || (role !== 'console' && !(role === 'participant' && participantId))) {
      return new Response('bad room request', { status: 400 });
    }
    await this.#remember(code);

    const [client, server] = Object.values(new WebSocketPair());
    const attachment: Attachment = role === 'console' ? { role: 'console' } : { role: 'participant', id: participantId! };
    this.ctx.acceptWebSocket(server, role === 'console' ? ['console'] : ['participant', `p:${participantId}`]);
    server.serializeAttachment(attachment);

    if (attachment.role === 'participant') {
      const workshop = await getWorkshop(this.env.DB, code);
      if (workshop) {
        this.#send(server, {
          type: 'state',
          section: workshop.section,
          revealed: workshop.revealed,
          ended: workshop.endedAt !== null,
          propagation: workshop.propagationRound
            ? { round: workshop.propagationRound, writtenAt: workshop.propagationWrittenAt }
            : null,
        });
      }
      this.ctx.waitUntil(touchParticipant(this.env.DB, attachment.id));
    }
    // A new console wants the picture now; a new participant changes who is online.
    await this.#schedulePush(attachment.role === 'console' ? 0 : 300);
    return new Response(null, { status: 101, webSocket: client });
  }

  async webSocketMessage(): Promise<void> {
    // Clients only send keep-alive pings, answered by the auto-response above.
  }

  async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    const a = ws.deserializeAttachment() as Attachment | null;
    try {
      ws.close(code === 1005 ? 1000 : code, 'closing');
    } catch {
      // Already closed.
    }
    if (a?.role === 'participant') {
      this.ctx.waitUntil(touchParticipant(this.env.DB, a.id));
      await this.#schedulePush(300);
    }
  }

  async webSocketError(ws: WebSocket): Promise<void> {
    await this.webSocketClose(ws, 1011);
  }

  // ── RPC from the Worker ───────────────────────────────────────────────────────────────

  /** Ids of participants with an open connection. */
  async online(): Promise<string[]> {
    return [...this.#onlineIds()];
  }

  /** Something in D1 changed: consoles get a fresh dashboard soon. */
  async changed(code: string): Promise<void> {
    await this.#remember(code);
    await this.#schedulePush(300);
  }

  /** Send to every participant, or to one; consoles are refreshed too. */
  async broadcast(code: string, message: ParticipantMessage, participantId?: string): Promise<number> {
    await this.#remember(code);
    const sockets = this.ctx.getWebSockets(participantId ? `p:${participantId}` : 'participant');
    for (const ws of sockets) this.#send(ws, message);
    await this.#schedulePush(message.type === 'herd' ? 1500 : 200);
    return sockets.length;
  }

  /**
   * The herd demo with coalescing: the first miss for `key` loads the origin; every miss
   * that arrives while that load runs waits for the same promise instead of loading again.
   * `fromOrigin` is true for the one caller whose request did the load.
   */
  async coalescedLoad(key: string, postId: number): Promise<{ post: Post | null; fromOrigin: boolean }> {
    const running = this.#inflight.get(key);
    if (running) return { post: (await running).post, fromOrigin: false };
    const load = (async () => {
      // A load that finished a moment ago already filled the cache.
      const cached = await this.env.KV.get<Post>(key, 'json');
      if (cached !== null) return { post: cached, fromOrigin: false };
      return { post: await loadAndCache(this.env.KV, this.env.DB, key, postId, originScanRows()), fromOrigin: true };
    })();
    this.#inflight.set(key, load);
    try {
      return await load;
    } finally {
      this.#inflight.delete(key);
    }
  }

  // ── Pushing the dashboard ─────────────────────────────────────────────────────────────

  async alarm(): Promise<void> {
    this.#nextPushAt = 0;
    const consoles = this.ctx.getWebSockets('console');
    if (consoles.length === 0) return;
    const code = await this.#loadCode();
    const workshop = code ? await getWorkshop(this.env.DB, code) : null;
    if (!workshop) return;
    const dashboard = await loadDashboard(this.env.DB, workshop, this.#onlineIds(), { tally: this.#tally });
    this.#lastPushAt = Date.now();
    const message = JSON.stringify({ type: 'dashboard', dashboard } satisfies ConsoleMessage);
    for (const ws of consoles) {
      try {
        ws.send(message);
      } catch {
        // A console that went away; its close handler cleans up.
      }
    }
    await this.#schedulePush(TICK_MS);
  }

  async #schedulePush(delayMs: number): Promise<void> {
    const now = Date.now();
    const at = Math.max(now + delayMs, this.#lastPushAt + MIN_PUSH_INTERVAL_MS);
    // An earlier push is already due: it will carry this change too.
    if (this.#nextPushAt > now && this.#nextPushAt <= at) return;
    this.#nextPushAt = at;
    await this.ctx.storage.setAlarm(at);
  }

  #onlineIds(): Set<string> {
    const ids = new Set<string>();
    for (const ws of this.ctx.getWebSockets('participant')) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (a?.role === 'participant') ids.add(a.id);
    }
    return ids;
  }

  #send(ws: WebSocket, message: ParticipantMessage) {
    try {
      ws.send(JSON.stringify(message));
    } catch {
      // Closed in the meantime.
    }
  }

  async #remember(code: string) {
    if (this.#code === code) return;
    this.#code = code;
    await this.ctx.storage.put('code', code);
  }

  async #loadCode(): Promise<string | null> {
    this.#code ??= (await this.ctx.storage.get<string>('code')) ?? null;
    return this.#code;
  }
}
