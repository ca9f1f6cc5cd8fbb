import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { RELAY_PATH } from '../contracts/relay.ts';
import {
  type DeckState,
  encode,
  type PointerAt,
  PROTOCOL_VERSION,
  parseClientMessage,
  type ServerMessage,
} from '../protocol/messages.ts';
import { LatestOnly } from '../protocol/throttle.ts';
import {
  type AdmissionOptions,
  type BackoffOptions,
  Census,
  clientAddress,
  type Role,
  TokenBackoff,
} from './admission.ts';
import { FanOut } from './fanout.ts';
import { type Hub, type HubHealth, MemoryHub, type Stamp } from './hub.ts';
import type { Metric } from './metrics.ts';
import { addressList, METRICS_ALLOW_DEFAULT } from './ops.ts';
import { type Allowance, FloodGuard, type FloodOptions, TokenBucket } from './rate.ts';
import { type DropReason, RelayMetrics } from './relay-metrics.ts';
import { outsideDeck, type SlideShape } from './slides.ts';
import { tokenMatches } from './token.ts';

export { RELAY_PATH };

export interface RelayOptions
  extends Partial<AdmissionOptions>,
    Partial<BackoffOptions>,
    Partial<FloodOptions> {
  /** The presenter token; a client proves it in its hello. */
  token: string;
  /** The audience URL advertised to clients (for the join QR code). @default none: clients use their own */
  join?: string;
  /** Origins allowed besides the server's own (browsers send Origin; other clients may omit it). @default [] */
  origins?: string[];
  /** Ping interval; a peer that missed the last ping is dropped. @default 15000 */
  heartbeatMs?: number;
  /** A client that has not said hello by then is closed. @default 10000 */
  helloTimeoutMs?: number;
  /** Presenter state messages per second, after a burst; excess ones are coalesced, never lost. @default 30 */
  ratePerSecond?: number;
  /** @default 60 */
  rateBurst?: number;
  /** Invalid frames a presenter may send before it is closed. @default 50 */
  maxInvalid?: number;
  /** Proxies whose X-Forwarded-For names the client (for the per-address limits). @default [] */
  trustedProxies?: string[];
  /**
   * The deck's slides, vertical slides and fragments: a presenter's state outside them is refused, not sent on.
   * @default none: states are checked by the schema only
   */
  slides?: SlideShape;
  /** Addresses and CIDR ranges that may read /metrics (the client's, as for the limits). @default loopback */
  metricsAllow?: string[];
  /**
   * `redis://host:port/db`: share the talk with every relay instance on that Redis (one talk per database).
   * @default none: this process alone, in memory
   */
  redis?: string;
  /** Where the relay says that its shared store went away or came back. @default stderr */
  log?: (line: string) => void;
  /** A peer with more unsent bytes than this is too slow to follow and is dropped. @default 262144 */
  maxBuffered?: number;
  /**
   * Followers sent a state per turn of the event loop (~15 ms of sends at the default); a state that arrives
   * while a pass over more followers than this is under way supersedes the older one for the rest. @default 1000
   */
  fanoutSlice?: number;
}

interface Peer {
  /** Unique across instances: the origin of the states it publishes, which it is not sent back. */
  id: string;
  ws: WebSocket;
  /** The client's address, for the per-address limits. */
  addr: string;
  /** `closed` once the relay is done with it: nothing it sends afterwards is read. */
  role: Role;
  alive: boolean;
  /** Presenter only: last state seq taken from it, its rate limit and a coalesced state waiting on it. */
  lastSeq: number;
  bucket?: TokenBucket;
  pending?: { seq: number; state: DeckState };
  timer?: ReturnType<typeof setTimeout>;
  invalid: number;
  /** Audiences and sockets not yet said hello: what they may still send; `heard` once a frame came. */
  allowance: Allowance;
  heard: boolean;
  /** The newest state it has (by fan-out generation): a fan-out pass skips peers already up to date. */
  gen: number;
  /** The same for the pointer. */
  pointerGen: number;
  /** The protocol version spoken with it: the lower of the one its URL names (`?v=2`; none: 1) and ours. */
  version: number;
  /**
   * Presenter pages of one browser share a seat (`?seat=`), and control goes to a seat: the deck on the
   * projector and the presenter view beside it drive together. Pages speaking version 1 share the seat `v1`.
   */
  seat: string;
}

/** Close codes the relay uses (4000–4999 are the application's). */
export const CLOSE = {
  goingAway: 1001,
  policy: 1008,
  denied: 4003,
  helloTimeout: 4008,
  tooSlow: 4009,
  /** No room (the relay, or the client's address, is full): try again later. */
  full: 1013,
} as const;

/** The presenter's pointer reaches followers at most this often (newest wins). */
const POINTER_PER_SECOND = 30;

/** A closed socket whose peer does not finish the closing handshake is cut off after this. */
const CLOSE_GRACE_MS = 1000;

/**
 * The follow-along relay: presenters who prove the token publish full deck states; the relay keeps the last
 * one, stamps each with its epoch and a sequence number and fans it out to everyone else. Audiences may only
 * say hello and send heartbeats, within a rate per socket and per address. Nothing a client sends can throw
 * out of a handler.
 */
export class Relay {
  /** This relay instance, in peer ids. */
  private readonly instance = randomBytes(6).toString('base64url');
  private peerCount = 0;
  private hub: Hub = new MemoryHub();
  private epochNow = this.hub.epoch;
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    perMessageDeflate: false,
    clientTracking: false,
    // WebSocket pings are answered by connect(), within the audience's rate: ws would answer every one.
    autoPong: false,
  });
  private readonly peers = new Map<WebSocket, Peer>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly census: Census<Peer>;
  private readonly guard: FloodGuard;
  private readonly metricsReader: (addr: string) => boolean;
  private readonly backoff: TokenBackoff;
  private state: DeckState | undefined;
  private seq = 0;
  /** Sends each new state to every follower; `peer.gen` is the newest it has. */
  private readonly states: FanOut<Peer>;
  /** Sends the pointer to followers speaking version 2; `peer.pointerGen` is the newest it has. */
  private readonly pointers: FanOut<Peer>;
  /** The pointer as followers last got it (null: off), sent to a joiner after its welcome. */
  private pointerAt: PointerAt = null;
  /** Presenters' pointer moves, at most POINTER_PER_SECOND to the hub, newest wins. */
  private readonly pointerOut = new LatestOnly<{ at: PointerAt; origin: string }>(
    1000 / POINTER_PER_SECOND,
    ({ at, origin }) => this.hub.pointer(at, origin),
  );
  /** The seat in control of the talk: only its presenters' states and pointer go out. */
  private controller: string | undefined;
  private peersTimer: ReturnType<typeof setTimeout> | undefined;
  private closing = false;
  private readonly o: Required<
    Omit<RelayOptions, 'join' | 'redis' | 'addressRate' | 'addressBurst' | 'metricsAllow' | 'slides'>
  > &
    Pick<RelayOptions, 'join' | 'redis' | 'slides'>;
  private readonly counts = new RelayMetrics();

  constructor(options: RelayOptions) {
    this.o = {
      origins: [],
      heartbeatMs: 15_000,
      helloTimeoutMs: 10_000,
      ratePerSecond: 30,
      rateBurst: 60,
      maxInvalid: 50,
      maxClients: 10_000,
      presenterReserve: 16,
      maxPerAddress: 1000,
      maxPendingPerAddress: 64,
      tokenFailuresFree: 5,
      tokenBackoffMs: 1000,
      tokenBackoffMaxMs: 60_000,
      clock: () => performance.now(),
      trustedProxies: [],
      log: (line: string) => process.stderr.write(`${line}\n`),
      maxBuffered: 256 * 1024,
      fanoutSlice: 1000,
      audienceRate: 2,
      audienceBurst: 10,
      audienceExcess: 20,
      ...options,
    };
    this.metricsReader = addressList(options.metricsAllow ?? METRICS_ALLOW_DEFAULT);
    this.census = new Census(this.o);
    // An address's allowance grows with the followers it may have: each pings every 10 s.
    this.guard = new FloodGuard(
      {
        ...this.o,
        addressRate: options.addressRate ?? this.o.maxPerAddress / 2,
        addressBurst: options.addressBurst ?? this.o.maxPerAddress,
      },
      this.o.clock,
    );
    this.backoff = new TokenBackoff(this.o);
    this.o.join = undefined;
    if (options.join) this.advertise(options.join);
    this.heartbeat = setInterval(() => this.sweep(), this.o.heartbeatMs);
    this.heartbeat.unref();
    this.states = new FanOut<Peer>({
      peers: () => this.peers.values(),
      slice: this.o.fanoutSlice,
      wants: (peer) => peer.role === 'audience' || peer.role === 'presenter',
      gen: (peer) => peer.gen,
      setGen: (peer, gen) => {
        peer.gen = gen;
      },
      id: (peer) => peer.id,
      send: (peer, frame) => this.sendFrame(peer, frame),
      sent: (n) => this.counts.out.add('state', n),
      done: (orderedAt) => this.counts.fanout.observe(Math.max(0, Date.now() - orderedAt) / 1000),
      stopped: () => this.closing,
    });
    this.pointers = new FanOut<Peer>({
      peers: () => this.peers.values(),
      slice: this.o.fanoutSlice,
      wants: (peer) => peer.version >= 2 && (peer.role === 'audience' || peer.role === 'presenter'),
      gen: (peer) => peer.pointerGen,
      setGen: (peer, gen) => {
        peer.pointerGen = gen;
      },
      id: (peer) => peer.id,
      send: (peer, frame) => this.sendFrame(peer, frame),
      sent: (n) => this.counts.out.add('pointer', n),
      done: () => {},
      stopped: () => this.closing,
    });
  }

  /** Sets the audience URL sent to clients in their welcome (known once the server listens). */
  advertise(join: string): void {
    // Clients validate it as a URL of at most 512 characters: never send one that would fail.
    if (/^https?:\/\/[^\s]+$/.test(join) && join.length <= 512) this.o.join = join;
  }

  /**
   * Connects the hub that orders states: in memory, or Redis when configured. With Redis unreachable the relay
   * still starts (and serves what it has) after `waitMs`, and joins the talk once Redis answers.
   */
  async start(waitMs = 3000): Promise<void> {
    if (this.o.redis) {
      const { RedisHub } = await import('./redis-hub.ts');
      this.hub = new RedisHub(this.o.redis, { log: this.o.log });
      this.epochNow = this.hub.epoch;
    }
    await this.hub.start(
      {
        deliver: (stamp, origin, orderedAt) => this.deliver(stamp, origin, orderedAt),
        pointer: (at, origin, orderedAt) => this.point(at, origin, orderedAt),
        control: (seat) => this.controlled(seat),
        ready: () => {
          for (const peer of this.peers.values()) if (peer.pending && !peer.timer) this.flush(peer);
          // Nobody could claim control while the store was away: the first presenter here does now.
          const presenter = [...this.peers.values()].find((p) => p.role === 'presenter');
          if (this.controller === undefined && presenter) this.claim(presenter, false);
        },
      },
      waitMs,
    );
  }

  /** The talk's epoch (this relay run's, or the shared store's). */
  get epoch(): string {
    return this.epochNow;
  }

  /** The last state and its sequence number (for tests and the bench). */
  get latest(): { seq: number; state: DeckState | undefined } {
    return { seq: this.seq, state: this.state };
  }

  /** Ready, or degraded with the reason (the shared store is unreachable), or closing. */
  health(): HubHealth {
    if (this.closing) return { ready: false, reason: 'shutting down' };
    return this.hub.health();
  }

  /** Followers, traffic, fan-out latency and the store, for /metrics. */
  metrics(): Metric[] {
    return this.counts.table({
      followers: this.census.audience,
      connections: this.census.size,
      seq: this.seq,
      hub: this.hub.gauges(),
    });
  }

  /** Whether a request's client (behind a trusted proxy, the one it names) may read /metrics. */
  metricsAllowed(req: IncomingMessage): boolean {
    return this.metricsReader(clientAddress(req, this.o.trustedProxies));
  }

  get clients(): number {
    return this.peers.size;
  }

  /** Clients that have not answered the last heartbeat yet. */
  get unanswered(): number {
    let n = 0;
    for (const peer of this.peers.values()) if (!peer.alive) n++;
    return n;
  }

  /** Takes an HTTP upgrade; answers it with an error status when it is not for the relay or not allowed. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const refusal = this.refusal(req);
    if (refusal) {
      refuse(socket, refusal);
      return;
    }
    const addr = clientAddress(req, this.o.trustedProxies);
    const evict = this.census.room(addr);
    if (!evict) {
      refuse(socket, '503 Service Unavailable');
      return;
    }
    // Sockets that have not said hello make room: a flood of them cannot keep a presenter out.
    for (const peer of evict) this.finish(peer, CLOSE.full, 'server full', 'full', true);
    const query = new URLSearchParams((req.url ?? '').split('?')[1] ?? '');
    const named = Number(query.get('v'));
    const version = Number.isInteger(named) && named >= 1 ? Math.min(named, PROTOCOL_VERSION) : 1;
    const seat = query.get('seat') ?? '';
    this.wss.handleUpgrade(req, socket, head, (ws) =>
      this.connect(ws, addr, version, version >= 2 && /^[A-Za-z0-9_-]{1,32}$/.test(seat) ? `s.${seat}` : ''),
    );
  }

  private refusal(req: IncomingMessage): string | undefined {
    if ((req.url ?? '').split('?')[0] !== RELAY_PATH) return '404 Not Found';
    if (this.closing) return '503 Service Unavailable';
    if (!this.originAllowed(req)) return '403 Forbidden';
    return undefined;
  }

  /** Browsers send Origin: it must be the server's own (or listed). Clients without one are not browsers. */
  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (this.o.origins.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  private connect(ws: WebSocket, addr: string, version: number, seat: string): void {
    const id = `${this.instance}.${++this.peerCount}`;
    const peer: Peer = {
      id,
      ws,
      addr,
      role: 'closed',
      alive: true,
      lastSeq: 0,
      invalid: 0,
      gen: 0,
      pointerGen: 0,
      version,
      // A page speaking version 2 without a seat is a seat of its own.
      seat: version < 2 ? 'v1' : seat || `p.${id}`,
      allowance: this.guard.allowance(),
      heard: false,
    };
    this.census.move(peer, 'pending');
    this.peers.set(ws, peer);
    const helloTimer = setTimeout(() => {
      if (peer.role === 'pending') this.finish(peer, CLOSE.helloTimeout, 'no hello', 'hello-timeout');
    }, this.o.helloTimeoutMs);
    ws.on('ping', (data) => {
      if (this.admit(peer, 'control')) ws.pong(data);
    });
    ws.on('pong', () => {
      if (this.admit(peer, 'control')) peer.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      try {
        this.receive(peer, data, isBinary);
      } catch {
        // A bug here must cost one client, not the relay.
        ws.terminate();
      }
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clearTimeout(helloTimer);
      this.retire(peer);
    });
  }

  /** Done with a peer: it no longer counts, and nothing it sends is read. */
  private retire(peer: Peer): void {
    if (peer.role === 'closed') return;
    const audience = peer.role === 'audience';
    clearTimeout(peer.timer);
    this.census.move(peer, 'closed');
    this.peers.delete(peer.ws);
    if (audience) this.notePeers();
  }

  /** Closes a peer with a code it can act on, and cuts it off if it does not finish the handshake. */
  private finish(peer: Peer, code: number, reason: string, why: DropReason, now = false): void {
    if (peer.role !== 'closed') this.counts.dropped.add(why);
    this.retire(peer);
    const ws = peer.ws;
    if (now) {
      ws.terminate();
      return;
    }
    ws.close(code, reason.slice(0, 120));
    setTimeout(() => ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  private receive(peer: Peer, data: RawData, isBinary: boolean): void {
    // Frames already in flight when the relay closed a socket (after `denied`, say) are not read.
    if (!this.admit(peer, 'frame')) return;
    peer.alive = true;
    const text = isBinary ? undefined : rawText(data);
    const parsed = parseClientMessage(text);
    if (!parsed.ok) {
      this.counts.in.add('invalid');
      this.reject(peer, parsed.reason);
      return;
    }
    const message = parsed.message;
    this.counts.in.add(message.t);
    if (message.t === 'ping') {
      this.send(peer, { v: 1, t: 'pong' });
      return;
    }
    if (message.t === 'hello') {
      this.hello(peer, message.role, message.token);
      return;
    }
    if (peer.role !== 'presenter') {
      this.reject(peer, `only a presenter may send ${message.t}`);
      return;
    }
    if (message.t === 'take') {
      this.take(peer);
      return;
    }
    const inControl = this.controller === undefined || this.controller === peer.seat;
    if (message.t === 'pointer') {
      // A viewer's pointer is nobody's business; the one in control has the room.
      if (!inControl) this.counts.in.add('not-in-control');
      else this.pointerOut.offer({ at: message.at, origin: peer.id });
      return;
    }
    if (!inControl) {
      this.counts.in.add('not-in-control');
      this.send(peer, {
        v: 1,
        t: 'refused',
        seq: message.seq,
        reason: 'another presenter has control: take over to drive the talk',
      });
      return;
    }
    if (message.seq <= peer.lastSeq) return; // stale: the client restarted its counter or replayed
    peer.lastSeq = message.seq;
    // The schema bounds numbers, not this deck: `h: 9999` would send every follower to a slide it lacks.
    const outside = this.o.slides && outsideDeck(message.state, this.o.slides);
    if (outside) {
      this.counts.in.add('outside');
      this.send(peer, { v: 1, t: 'refused', seq: message.seq, reason: outside.slice(0, 200) });
      return;
    }
    if (peer.bucket?.take()) {
      this.publish(peer, message.seq, message.state);
      return;
    }
    // Over the rate: keep only the newest and publish it when the bucket refills.
    peer.pending = { seq: message.seq, state: message.state };
    if (!peer.timer) {
      peer.timer = setTimeout(() => this.flush(peer), peer.bucket?.wait() ?? 0);
    }
  }

  /**
   * Whether to read a frame: presenters' always (their states have their own limit), an audience's within its
   * rate. Over it the frame is dropped unread; a socket that keeps on is closed with 1008 and read no more.
   */
  private admit(peer: Peer, kind: 'frame' | 'control'): boolean {
    if (peer.role === 'closed') return false;
    if (peer.role === 'presenter') return true;
    // The first frame of a socket is its hello: left out of the address's count (see FloodGuard.check).
    const shared = peer.heard || peer.role !== 'pending';
    peer.heard = true;
    const verdict = this.guard.check(peer.allowance, peer.addr, shared);
    if (verdict === 'ok') return true;
    this.counts.limited.add(kind);
    if (verdict === 'close') {
      this.finish(peer, CLOSE.policy, 'too many messages', 'flood');
      // Its close frame is on its way; what it sends meanwhile is not even parsed.
      peer.ws.pause();
    }
    return false;
  }

  private flush(peer: Peer): void {
    peer.timer = undefined;
    const pending = peer.pending;
    if (!pending || peer.ws.readyState !== WebSocket.OPEN) return;
    if (!this.hub.health().ready) return; // the hub's ready event flushes it
    if (!peer.bucket?.take()) {
      peer.timer = setTimeout(() => this.flush(peer), peer.bucket?.wait() ?? 0);
      return;
    }
    peer.pending = undefined;
    this.publish(peer, pending.seq, pending.state);
  }

  private hello(peer: Peer, role: 'presenter' | 'audience', token: string | undefined): void {
    const addr = peer.addr;
    if (peer.role !== 'pending') {
      // Saying hello twice is allowed only to step up from audience to presenter.
      if (!(peer.role === 'audience' && role === 'presenter')) {
        this.reject(peer, 'hello twice');
        return;
      }
    }
    if (role === 'presenter') {
      // An address that keeps failing waits before its tokens are even compared.
      const allowed = this.backoff.allowed(addr);
      if (!allowed || !tokenMatches(this.o.token, token)) {
        if (allowed) this.backoff.failed(addr);
        this.send(peer, { v: 1, t: 'denied' });
        this.finish(peer, CLOSE.denied, 'bad token', 'denied');
        return;
      }
      this.backoff.succeeded(addr);
      const wasAudience = peer.role === 'audience';
      this.census.move(peer, 'presenter');
      if (wasAudience) this.notePeers();
      peer.bucket = new TokenBucket(this.o.ratePerSecond, this.o.rateBurst, this.o.clock);
    } else {
      if (!this.census.audienceFits(addr)) {
        this.finish(peer, CLOSE.full, 'server full', 'full');
        return;
      }
      this.census.move(peer, 'audience');
      this.notePeers();
    }
    this.send(peer, {
      v: 1,
      t: 'welcome',
      role,
      epoch: this.epochNow,
      seq: this.seq,
      ...(this.o.join ? { join: this.o.join } : {}),
    });
    // The snapshot makes it up to date: a fan-out pass under way does not send it the same state again.
    peer.gen = this.states.generation;
    if (this.state)
      this.send(peer, {
        v: 1,
        t: 'state',
        epoch: this.epochNow,
        seq: this.seq,
        state: this.state,
      });
    if (role === 'presenter') this.send(peer, { v: 1, t: 'peers', audience: this.census.audience });
    peer.pointerGen = this.pointers.generation;
    if (this.pointerAt) this.send(peer, { v: 2, t: 'pointer', at: this.pointerAt });
    if (role === 'presenter') {
      if (this.controller === undefined) this.claim(peer, false);
      else this.send(peer, { v: 2, t: 'control', mine: this.controller === peer.seat });
    }
  }

  /** A presenter takes control (hand-over): its seat's pages drive from now on, the others watch. */
  private take(peer: Peer): void {
    this.claim(peer, true);
  }

  private claim(peer: Peer, force: boolean): void {
    this.hub.claim(peer.seat, force).then(
      (holder) => this.controlled(holder),
      () => {}, // the shared store is away: the presenter asks again (its button, its next hello)
    );
  }

  /** Control moved (here or on another instance): every presenter learns whether it has it; the pointer goes off. */
  private controlled(seat: string): void {
    if (seat === this.controller) return;
    const first = this.controller === undefined;
    this.controller = seat;
    this.pointerOut.cancel();
    if (!first && this.pointerAt) this.point(null, '', Date.now());
    for (const peer of this.peers.values())
      if (peer.role === 'presenter') this.send(peer, { v: 2, t: 'control', mine: peer.seat === seat });
  }

  /** The pointer the hub delivered: the latest, and to every follower speaking version 2 but its origin. */
  private point(at: PointerAt, origin: string, orderedAt: number): void {
    this.pointerAt = at;
    this.pointers.push(Buffer.from(encode({ v: 2, t: 'pointer', at })), origin, orderedAt);
  }

  /** Audiences that send anything but hello and heartbeats are closed; presenters get some slack. */
  private reject(peer: Peer, reason: string): void {
    if (peer.role === 'presenter' && ++peer.invalid <= this.o.maxInvalid) return;
    this.finish(peer, CLOSE.policy, reason, 'policy');
  }

  /** Has the hub order a presenter's state, then acks it; when the hub cannot, the newest waits for it. */
  private publish(from: Peer, clientSeq: number, state: DeckState): void {
    this.hub.order(state, from.id).then(
      ({ seq }) => this.send(from, { v: 1, t: 'ack', seq: clientSeq, at: seq }),
      () => {
        if (!from.pending || from.pending.seq < clientSeq) from.pending = { seq: clientSeq, state };
      },
    );
  }

  /** A state the hub ordered, here or on another instance: the latest, if newer, and to every follower. */
  private deliver(stamp: Stamp, origin: string, orderedAt: number): void {
    if (stamp.epoch === this.epochNow && stamp.seq <= this.seq) return;
    this.epochNow = stamp.epoch;
    this.seq = stamp.seq;
    this.state = stamp.state;
    this.states.push(Buffer.from(encode({ v: 1, t: 'state', ...stamp })), origin, orderedAt);
  }

  private send(peer: Peer, message: ServerMessage): void {
    // Nothing newer than the version it speaks: a version-1 page would take it for a broken relay.
    if (message.v > peer.version) return;
    if (this.sendFrame(peer, Buffer.from(encode(message)))) this.counts.out.add('other');
  }

  /** Queues a frame; a peer with too much unsent is dropped instead (it reconnects to the latest state). */
  private sendFrame(peer: Peer, frame: Buffer): boolean {
    const ws = peer.ws;
    if (ws.readyState !== WebSocket.OPEN) return false;
    if (ws.bufferedAmount > this.o.maxBuffered) {
      this.finish(peer, CLOSE.tooSlow, 'too slow', 'slow');
      return false;
    }
    ws.send(frame, { binary: false });
    return true;
  }

  /** The audience count changed. */
  private notePeers(): void {
    if (this.peersTimer) return;
    // Joins come in bursts: tell presenters the count at most twice a second.
    this.peersTimer = setTimeout(() => {
      this.peersTimer = undefined;
      const frame = Buffer.from(encode({ v: 1, t: 'peers', audience: this.census.audience }));
      for (const peer of this.peers.values()) if (peer.role === 'presenter') this.sendFrame(peer, frame);
    }, 500);
    this.peersTimer.unref();
  }

  /** One heartbeat round (the timer runs one every heartbeatMs): drops who missed the last ping, pings the rest. */
  sweep(): void {
    for (const peer of [...this.peers.values()]) {
      if (!peer.alive) {
        this.finish(peer, CLOSE.goingAway, 'no heartbeat', 'heartbeat', true);
        continue;
      }
      peer.alive = false;
      try {
        peer.ws.ping();
      } catch {
        this.finish(peer, CLOSE.goingAway, 'no heartbeat', 'heartbeat', true);
      }
    }
  }

  /** Closes every client with "going away" (they reconnect with backoff) and stops the heartbeat. */
  async close(graceMs = 1000): Promise<void> {
    this.closing = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.peersTimer);
    this.pointerOut.cancel();
    const open = [...this.peers.keys()];
    const closed = open.map(
      (ws) =>
        new Promise<void>((resolve) =>
          ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
        ),
    );
    for (const ws of open) ws.close(CLOSE.goingAway, 'server shutting down');
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([Promise.all(closed), timeout]);
    for (const ws of this.peers.keys()) ws.terminate();
    this.wss.close();
    await this.hub.close();
  }
}

function refuse(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function rawText(data: RawData): string | undefined {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  // Strict UTF-8: malformed text is rejected rather than repaired.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return undefined;
  }
}
