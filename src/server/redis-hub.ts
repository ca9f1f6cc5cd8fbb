import { createClient } from '@redis/client';
import * as v from 'valibot';
import { type DeckState, DeckStateSchema, type PointerAt, parsePointerAt } from '../protocol/messages.ts';
import { type Hub, type HubEvents, type HubHealth, newEpoch, type Stamp } from './hub.ts';

/** The talk's latest state (a hash: epoch, seq, state, key) and the channel its changes go out on. */
const KEY = 'deck:follow:latest';
const CHANNEL = 'deck:follow:states';
/** The presenter's pointer (`origin|orderedAt|json`): published only, never stored. */
const POINTER = 'deck:follow:pointer';
/** The presenter seat in control of the talk, and the channel a hand-over goes out on. */
const CONTROL = 'deck:follow:control';

/** Control to ARGV[1] when nobody has it, or always when ARGV[2] is '1'; returns who has it. */
const CLAIM = `
local cur = redis.call('GET', KEYS[1])
if cur and (ARGV[2] ~= '1' or cur == ARGV[1]) then return cur end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PUBLISH', KEYS[1], ARGV[1])
return ARGV[1]
`;

/**
 * Orders one state, atomically: the next seq of the talk (or, when the state is the latest already, the latest
 * seq), stored as the latest and published. When Redis lost the talk (a restart without persistence) it goes
 * on from this instance's epoch and seq, so followers never see a number go backwards.
 * ARGV: epoch, this instance's seq, state JSON, state key, origin, time ordered (ms).
 */
const ORDER = `
local cur = redis.call('HMGET', KEYS[1], 'epoch', 'seq', 'key')
local epoch = cur[1]
local seq = tonumber(cur[2]) or 0
if not epoch then
  epoch = ARGV[1]
  seq = math.max(seq, tonumber(ARGV[2]))
elseif cur[3] == ARGV[4] then
  return {epoch, seq}
end
seq = seq + 1
redis.call('HSET', KEYS[1], 'epoch', epoch, 'seq', seq, 'state', ARGV[3], 'key', ARGV[4])
redis.call('PUBLISH', KEYS[2], epoch .. '|' .. seq .. '|' .. ARGV[5] .. '|' .. ARGV[6] .. '|' .. ARGV[3])
return {epoch, seq}
`;

/**
 * Reconciles an instance with Redis after a (re)connect, and every few seconds: the highest seq of the talk
 * wins. An instance that knows a later state than Redis (Redis lost it, or missed it) stores and publishes
 * it; otherwise Redis's latest is returned for the instance to take. Same ARGV as ORDER (origin unused).
 */
const SEED = `
local cur = redis.call('HMGET', KEYS[1], 'epoch', 'seq', 'state')
local seq = tonumber(cur[2]) or 0
local mine = tonumber(ARGV[2])
if mine > 0 and (not cur[1] or (cur[1] == ARGV[1] and mine > seq)) then
  redis.call('HSET', KEYS[1], 'epoch', ARGV[1], 'seq', mine, 'state', ARGV[3], 'key', ARGV[4])
  redis.call('PUBLISH', KEYS[2], ARGV[1] .. '|' .. mine .. '||' .. ARGV[6] .. '|' .. ARGV[3])
  return {ARGV[1], mine, ARGV[3]}
end
if not cur[1] then return {ARGV[1], 0, ''} end
return {cur[1], seq, cur[3]}
`;

export interface RedisHubOptions {
  /** Reconciliation with Redis, and the health probe, this often. @default 1000 */
  syncMs?: number;
  log: (line: string) => void;
}

/** Two states that sameState() calls equal have the same key (the Lua scripts compare keys). */
const stateKey = (s: DeckState) =>
  [s.h, s.v, s.f, Number(s.overview), Number(s.paused), Number(Boolean(s.join))].join(',');

/**
 * Many relay instances, one talk: Redis orders the presenters' states (a Lua script per change, so two
 * instances can never give out the same seq), keeps the latest and publishes each one; every instance fans
 * it out to its own followers. While Redis is away an instance keeps serving what it has, holds presenters'
 * new states, and reconnects with backoff; on its return the instances re-seed it and converge.
 */
export class RedisHub implements Hub {
  private epochNow = newEpoch();
  /** The latest this instance knows: its seed when Redis lost the talk. */
  private known: Stamp | undefined;
  private events: HubEvents | undefined;
  private readonly cmd;
  private readonly sub;
  private synced = false;
  private problem: string | undefined = 'connecting to Redis';
  private outages = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private subscribed = false;
  private announced = false;
  private firstReady: () => void = () => {};
  private controller: string | undefined;

  constructor(
    url: string,
    private readonly o: RedisHubOptions,
  ) {
    this.cmd = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 2000,
        // Back again within a second or two of Redis: 50 ms doubling to 1 s, with jitter.
        reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) + Math.random() * 100,
      },
    });
    this.sub = this.cmd.duplicate();
  }

  get epoch(): string {
    return this.epochNow;
  }

  async start(events: HubEvents, waitMs: number): Promise<void> {
    this.events = events;
    for (const client of [this.cmd, this.sub]) {
      client.on('error', (e: Error) => this.lost(e.message || String(e)));
      client.on('ready', () => void this.sync());
    }
    this.timer = setInterval(() => void this.sync(), this.o.syncMs ?? 1000);
    this.timer.unref();
    const ready = new Promise<void>((resolve) => {
      this.firstReady = resolve;
      setTimeout(resolve, waitMs).unref();
    });
    this.cmd.connect().catch(() => {});
    // node-redis subscribes again by itself after a reconnect.
    this.sub
      .connect()
      .then(() =>
        Promise.all([
          this.sub.subscribe(CHANNEL, (message) => this.receive(message)),
          this.sub.subscribe(POINTER, (message) => this.receivePointer(message)),
          this.sub.subscribe(CONTROL, (seat) => this.controlled(seat)),
        ]),
      )
      .then(() => {
        this.subscribed = true;
        return this.sync();
      })
      .catch(() => {});
    await ready;
  }

  async order(state: DeckState, origin: string): Promise<{ epoch: string; seq: number }> {
    if (!this.synced) throw new Error(this.problem ?? 'Redis is not ready');
    const reply = (await this.cmd.eval(ORDER, {
      keys: [KEY, CHANNEL],
      arguments: [
        this.epochNow,
        String(this.known?.seq ?? 0),
        JSON.stringify(state),
        stateKey(state),
        origin,
        String(Date.now()),
      ],
    })) as [string, number];
    return { epoch: String(reply[0]), seq: Number(reply[1]) };
  }

  pointer(at: PointerAt, origin: string): void {
    // A pointer lost while Redis is away is worth nothing later: the next one replaces it.
    if (!this.synced) return;
    this.cmd.publish(POINTER, `${origin}|${Date.now()}|${JSON.stringify(at)}`).catch(() => {});
  }

  async claim(seat: string, force: boolean): Promise<string> {
    if (!this.synced) throw new Error(this.problem ?? 'Redis is not ready');
    const holder = String(
      await this.cmd.eval(CLAIM, { keys: [CONTROL], arguments: [seat, force ? '1' : '0'] }),
    );
    this.controlled(holder);
    return holder;
  }

  health(): HubHealth {
    return this.synced ? { ready: true } : { ready: false, reason: this.problem ?? 'Redis is not ready' };
  }

  gauges(): Record<string, number> {
    return { deck_relay_redis_up: this.synced ? 1 : 0, deck_relay_redis_outages: this.outages };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    // Also stops a client that is between reconnect attempts.
    for (const client of [this.sub, this.cmd]) {
      try {
        client.destroy();
      } catch {
        // already closed
      }
    }
  }

  /** A published state: `epoch|seq|origin|orderedAt|state`. */
  private receive(message: string): void {
    const parts = message.split('|', 4);
    const head = parts.join('|').length + 1;
    const state = parseState(message.slice(head));
    const seq = Number(parts[1]);
    if (parts.length < 4 || !state || !Number.isSafeInteger(seq)) return;
    this.take({ epoch: parts[0]!, seq, state }, parts[2]!, Number(parts[3]));
  }

  /** A published pointer: `origin|orderedAt|json`. */
  private receivePointer(message: string): void {
    const parts = message.split('|', 2);
    const at = parsePointerAt(message.slice(parts.join('|').length + 1));
    if (parts.length < 2 || at === undefined) return;
    this.events?.pointer(at, parts[0]!, Number(parts[1]));
  }

  private controlled(seat: string): void {
    if (seat === this.controller || !/^[A-Za-z0-9_.:-]{1,64}$/.test(seat)) return;
    this.controller = seat;
    this.events?.control(seat);
  }

  private take(stamp: Stamp, origin: string, orderedAt: number): void {
    const known = this.known;
    if (known && stamp.epoch === known.epoch && stamp.seq <= known.seq) return;
    this.known = stamp;
    this.epochNow = stamp.epoch;
    this.events?.deliver(stamp, origin, orderedAt);
  }

  /** Reconciles with Redis (see SEED); the first success after an outage makes the hub ready again. */
  private async sync(): Promise<void> {
    if (this.closed || !this.subscribed || !this.cmd.isReady || !this.sub.isReady) return;
    const known = this.known;
    try {
      const reply = (await this.cmd.eval(SEED, {
        keys: [KEY, CHANNEL],
        arguments: [
          known?.epoch ?? this.epochNow,
          String(known?.seq ?? 0),
          known ? JSON.stringify(known.state) : '',
          known ? stateKey(known.state) : '',
          '',
          String(Date.now()),
        ],
      })) as [string, number, string];
      const [epoch, seq] = [String(reply[0]), Number(reply[1])];
      const state = parseState(reply[2]);
      if (seq > 0 && state) this.take({ epoch, seq, state }, '', Date.now());
      const holder = await this.cmd.get(CONTROL);
      if (holder) this.controlled(holder);
      if (!this.synced && this.sub.isReady) {
        if (this.announced)
          this.o.log('relay: Redis answers again; the instances converge on the latest state');
        this.announced = false;
        this.synced = true;
        this.problem = undefined;
        this.firstReady();
        this.events?.ready();
      }
    } catch (e) {
      this.lost((e as Error).message);
    }
  }

  private lost(reason: string): void {
    if (this.closed) return;
    if (this.synced) this.outages += 1;
    this.synced = false;
    this.problem = `Redis unreachable: ${reason}`;
    if (!this.announced) {
      this.announced = true;
      this.o.log(`relay: ${this.problem}; serving what this instance has, and reconnecting`);
    }
  }
}

function parseState(json: unknown): DeckState | undefined {
  if (typeof json !== 'string' || json === '') return undefined;
  try {
    const result = v.safeParse(DeckStateSchema, JSON.parse(json));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}
