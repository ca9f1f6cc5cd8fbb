import * as v from 'valibot';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { type DeckState, parseServerMessage, type ServerMessage } from '../../src/protocol/messages.ts';
import { LatestOnly } from '../../src/protocol/throttle.ts';
import { RelayConnection } from '../../src/runtime/follow/connection.ts';
import { Follower } from '../../src/runtime/follow/follower.ts';
import type { RunningDeck } from '../../src/server/app.ts';
import * as v1 from '../fixtures/protocol-v1/messages.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';
import { RedisServer } from './services.ts';

/**
 * The hall: the presenter's pointer (version 2, presenters in control only, newest wins), hand-over between
 * presenters of different browsers (seats), and the protocol's versions: pages and relays of version 1 (the
 * frozen schemas in tests/fixtures/protocol-v1) and of version 2 keep following each other's slides.
 */

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function relay(options: Parameters<typeof startRelay>[0] = {}): Promise<RunningDeck> {
  const deck = await startRelay(options);
  cleanup.push(() => deck.close());
  return deck;
}

/** A client of version 2 (`?v=2`), a presenter in `seat` when given a token. */
async function join(deck: { url: string }, token?: string, seat = 'seat-a'): Promise<TestClient> {
  const c = await TestClient.join(deck.url, token, undefined, `?v=2${token ? `&seat=${seat}` : ''}`);
  cleanup.push(() => c.close());
  return c;
}

/** A client of version 1: no version in its URL, as the pages before version 2. */
async function joinV1(deck: { url: string }, token?: string): Promise<TestClient> {
  const c = await TestClient.join(deck.url, token);
  cleanup.push(() => c.close());
  return c;
}

const at = (x: number, y: number, extra: { h?: number; el?: string } = {}) => ({
  h: extra.h ?? 0,
  v: 0,
  x,
  y,
  ...(extra.el ? { el: extra.el } : {}),
});
const point = (c: TestClient, where: ReturnType<typeof at> | null) =>
  c.send({ v: 2, t: 'pointer', at: where });
const pointers = (c: TestClient) =>
  c.messages.filter((m): m is Extract<ServerMessage, { t: 'pointer' }> => m.t === 'pointer');
const controls = (c: TestClient) =>
  c.messages.filter((m): m is Extract<ServerMessage, { t: 'control' }> => m.t === 'control');

beforeAll(() => {
  // The browser's client, in Node: ws has the same WebSocket interface; nothing listens for `online`.
  vi.stubGlobal('WebSocket', WebSocket);
  vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
});

describe('the presenter’s pointer', () => {
  it('reaches every follower speaking version 2, a late joiner included, and goes off everywhere', async () => {
    const deck = await relay();
    const presenter = await join(deck, TOKEN);
    await presenter.next((m) => m.t === 'control');
    const followers = [await join(deck), await join(deck)];
    point(presenter, at(0.25, 0.5, { el: '1/2' }));
    for (const f of followers) {
      const m = await f.next<Extract<ServerMessage, { t: 'pointer' }>>((m) => m.t === 'pointer');
      expect(m.at).toEqual(at(0.25, 0.5, { el: '1/2' }));
    }
    const late = await join(deck);
    const first = await late.next<Extract<ServerMessage, { t: 'pointer' }>>((m) => m.t === 'pointer');
    expect(first.at).toEqual(at(0.25, 0.5, { el: '1/2' }));
    point(presenter, null);
    for (const f of [...followers, late]) await f.next((m) => m.t === 'pointer' && m.at === null);
    expect(pointers(presenter)).toEqual([]); // never sent back to its origin
  });

  it('refuses it from an audience socket: closed with 1008, and nobody gets it', async () => {
    const deck = await relay();
    const follower = await join(deck);
    const sneaky = await join(deck);
    point(sneaky, at(0.5, 0.5));
    expect((await sneaky.closedWith()).code).toBe(1008);
    const presenter = await join(deck, TOKEN);
    presenter.publish(1, state(2));
    await follower.next((m) => m.t === 'state' && m.seq === 1);
    expect(pointers(follower)).toEqual([]);
  });

  it('coalesces a burst to the newest position: never a queue of stale ones', async () => {
    const deck = await relay();
    const presenter = await join(deck, TOKEN);
    await presenter.next((m) => m.t === 'control');
    const follower = await join(deck);
    for (let i = 1; i <= 100; i++) point(presenter, at(i / 100, 0.5));
    await follower.next((m) => m.t === 'pointer' && m.at?.x === 1);
    // The first goes out at once, the 99 after it within 1/30 s as one: the newest (a slow machine may split
    // the burst over a few intervals, never queue it).
    const xs = pointers(follower).map((m) => m.at?.x ?? 0);
    expect(xs[0]).toBe(0.01);
    expect(xs.at(-1)).toBe(1);
    expect(xs.length).toBeLessThanOrEqual(5);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
  });

  it('is not sent to followers speaking version 1, whose every frame still passes version 1’s schema', async () => {
    const deck = await relay();
    const presenter = await join(deck, TOKEN);
    await presenter.next((m) => m.t === 'control');
    const old = await joinV1(deck);
    const now = await join(deck);
    point(presenter, at(0.5, 0.5));
    presenter.publish(1, state(1));
    point(presenter, at(0.6, 0.5));
    presenter.publish(2, state(2, { f: 0 }));
    await now.next((m) => m.t === 'pointer' && m.at?.x === 0.6);
    await old.next((m) => m.t === 'state' && m.seq === 2);
    for (const raw of old.raw) expect(v1.parseServerMessage(raw), raw).toMatchObject({ ok: true });
    expect(old.states().map((m) => m.state.h)).toEqual([1, 2]);
    expect(pointers(old)).toEqual([]);
  });
});

describe('hand-over between presenters', () => {
  it('a second presenter takes over explicitly; the first sees it at once and is refused from then on', async () => {
    const deck = await relay();
    const follower = await join(deck);
    const a = await join(deck, TOKEN, 'laptop');
    expect((await a.next<Extract<ServerMessage, { t: 'control' }>>((m) => m.t === 'control')).mine).toBe(
      true,
    );
    const b = await join(deck, TOKEN, 'tablet');
    expect((await b.next<Extract<ServerMessage, { t: 'control' }>>((m) => m.t === 'control')).mine).toBe(
      false,
    );
    a.publish(1, state(1));
    await follower.next((m) => m.t === 'state' && m.state.h === 1);

    // Not in control: refused with a message, and nobody gets it.
    b.publish(1, state(5));
    const refused = await b.next<Extract<ServerMessage, { t: 'refused' }>>((m) => m.t === 'refused');
    expect(refused).toMatchObject({ seq: 1, reason: expect.stringMatching(/another presenter has control/) });
    point(b, at(0.1, 0.1));

    b.send({ v: 2, t: 'take' });
    const fromA = a.messages.length;
    expect(
      (await a.next<Extract<ServerMessage, { t: 'control' }>>((m) => m.t === 'control', fromA)).mine,
    ).toBe(false);
    await b.next((m) => m.t === 'control' && m.mine);
    b.publish(2, state(3));
    await follower.next((m) => m.t === 'state' && m.state.h === 3);
    a.publish(2, state(9));
    await a.next((m) => m.t === 'refused' && m.seq === 2);

    // And back.
    a.send({ v: 2, t: 'take' });
    await a.next((m) => m.t === 'control' && m.mine, fromA);
    a.publish(3, state(4));
    await follower.next((m) => m.t === 'state' && m.state.h === 4);
    expect(follower.states().map((m) => m.state.h)).toEqual([1, 3, 4]);
    expect(pointers(follower)).toEqual([]); // the viewer's pointer never went out
  });

  it('presenter pages of one seat (the projector and the presenter view) drive together', async () => {
    const deck = await relay();
    const follower = await join(deck);
    const view = await join(deck, TOKEN, 'laptop');
    const projector = await join(deck, TOKEN, 'laptop');
    await projector.next((m) => m.t === 'control' && m.mine);
    view.publish(1, state(1));
    await view.next((m) => m.t === 'ack' && m.seq === 1);
    projector.publish(1, state(2));
    await follower.next((m) => m.t === 'state' && m.state.h === 2);
    expect(controls(view).map((m) => m.mine)).toEqual([true]);
  });

  it('presenters of version 1 share one seat and learn of control only by refusals they already understand', async () => {
    const deck = await relay();
    const follower = await join(deck);
    const old = await joinV1(deck, TOKEN);
    old.publish(1, state(1));
    await follower.next((m) => m.t === 'state' && m.state.h === 1);
    const now = await join(deck, TOKEN, 'tablet');
    now.send({ v: 2, t: 'take' });
    await now.next((m) => m.t === 'control' && m.mine);
    old.publish(2, state(7));
    await old.next((m) => m.t === 'refused' && m.seq === 2);
    for (const raw of old.raw) expect(v1.parseServerMessage(raw), raw).toMatchObject({ ok: true });
  });
});

describe('protocol versions', () => {
  it('an old follower page (version 1, strict) keeps following a new relay driven by a new presenter', async () => {
    const deck = await relay();
    const old = await joinV1(deck);
    const presenter = await join(deck, TOKEN);
    for (let i = 1; i <= 5; i++) {
      presenter.publish(i, state(i));
      point(presenter, at(i / 10, 0.5));
    }
    await old.next((m) => m.t === 'state' && m.seq === 5);
    const parsed = old.raw.map((raw) => v1.parseServerMessage(raw));
    expect(parsed.every((p) => p.ok)).toBe(true);
    expect(old.states().map((m) => m.state.h)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a new page follows a relay that sends unknown types and fields, skipping what it does not know', async () => {
    const wss = new WebSocketServer({ port: 0 });
    cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
    const heard: string[] = [];
    wss.on('connection', (ws, req) => {
      heard.push(req.url ?? '');
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { t: string };
        heard.push(m.t);
        if (m.t !== 'hello') return;
        // A relay of some later version: new types, new keys in known ones.
        ws.send(JSON.stringify({ v: 1, t: 'welcome', role: 'audience', epoch: 'e', seq: 0, room: 'hall 2' }));
        ws.send(JSON.stringify({ v: 7, t: 'laser', colour: 'green' }));
        ws.send(JSON.stringify({ v: 1, t: 'state', epoch: 'e', seq: 1, state: { ...state(3), zoom: 2 } }));
        ws.send(JSON.stringify({ v: 1, t: 'state', epoch: 'e', seq: 2, state: state(4), at: 'later' }));
        // A state of another version is another shape: skipped, not taken for version 1's.
        ws.send(JSON.stringify({ v: 3, t: 'state', epoch: 'e', seq: 3, slide: 'intro' }));
        ws.send(JSON.stringify({ v: 2, t: 'pointer', at: { ...at(0.5, 0.5), shape: 'ring' } }));
      });
    });
    const port = (wss.address() as { port: number }).port;
    let deckAt: DeckState | undefined;
    const follower = new Follower({ read: () => deckAt ?? state(0), apply: (s) => (deckAt = s) });
    const seen: ServerMessage[] = [];
    const connection = new RelayConnection(
      `ws://127.0.0.1:${port}/follow?v=2`,
      { v: 1, t: 'hello', role: 'audience' },
      {
        message: (m) => {
          seen.push(m);
          if (m.t === 'state') follower.receive(m);
        },
        status: () => {},
      },
    );
    connection.start();
    cleanup.push(() => connection.stop());
    await vi.waitFor(() => expect(seen.map((m) => m.t)).toContain('pointer'), { timeout: 5000, interval: 5 });
    expect(seen.map((m) => m.t)).toEqual(['welcome', 'state', 'state', 'pointer']);
    expect(deckAt).toEqual(state(4)); // the unknown `zoom` dropped, not an error
    expect(seen.at(-1)).toEqual({ v: 2, t: 'pointer', at: at(0.5, 0.5) });
    expect(heard).toEqual(['/follow?v=2', 'hello']);
  });

  it('a new page follows an old relay (version 1, strict): its hello and pings are version 1 frames', async () => {
    // The old relay as it read clients: v1's strict schemas; anything else from an audience closes it (1008).
    const wss = new WebSocketServer({ port: 0 });
    cleanup.push(() => new Promise((resolve) => wss.close(resolve)));
    const invalid: string[] = [];
    let pings = 0;
    wss.on('connection', (ws) => {
      ws.on('message', (data) => {
        const parsed = v1.parseClientMessage(String(data));
        if (!parsed.ok) {
          invalid.push(String(data));
          ws.close(1008, parsed.reason);
          return;
        }
        if (parsed.message.t === 'hello') {
          ws.send(v1.encode({ v: 1, t: 'welcome', role: 'audience', epoch: 'old', seq: 1 }));
          ws.send(v1.encode({ v: 1, t: 'state', epoch: 'old', seq: 1, state: state(6) }));
        }
        if (parsed.message.t === 'ping') {
          pings++;
          ws.send(v1.encode({ v: 1, t: 'pong' }));
        }
      });
    });
    const port = (wss.address() as { port: number }).port;
    let deckAt: DeckState | undefined;
    const follower = new Follower({ read: () => deckAt ?? state(0), apply: (s) => (deckAt = s) });
    const statuses: string[] = [];
    const connection = new RelayConnection(
      `ws://127.0.0.1:${port}/follow?v=2`,
      { v: 1, t: 'hello', role: 'audience' },
      { message: (m) => m.t === 'state' && follower.receive(m), status: (s) => statuses.push(s) },
      { heartbeatMs: 20 },
    );
    connection.start();
    cleanup.push(() => connection.stop());
    await vi.waitFor(() => expect(deckAt).toEqual(state(6)), { timeout: 5000, interval: 5 });
    // A few heartbeats later it is still open: nothing it sent was refused.
    await vi.waitFor(() => expect(pings).toBeGreaterThanOrEqual(3), { timeout: 5000, interval: 5 });
    expect(wss.clients.size).toBe(1);
    expect(invalid).toEqual([]);
    expect(statuses).toEqual(['open']);
  });
});

describe('pointer and hand-over across relay instances (Redis)', () => {
  it('a take-over on one instance is seen on another; the pointer reaches followers on both', async () => {
    const r = await RedisServer.start();
    cleanup.push(() => r.stop());
    const [a, b] = [await relay({ redis: r.url }), await relay({ redis: r.url })];
    const onA = await join(a);
    const onB = await join(b);
    const first = await join(a, TOKEN, 'laptop');
    await first.next((m) => m.t === 'control' && m.mine);
    const second = await join(b, TOKEN, 'tablet');
    await second.next((m) => m.t === 'control' && !m.mine);
    point(first, at(0.3, 0.3));
    for (const f of [onA, onB]) await f.next((m) => m.t === 'pointer' && m.at?.x === 0.3);
    second.send({ v: 2, t: 'take' });
    await first.next((m) => m.t === 'control' && !m.mine, 1);
    // Control moved: the old controller's pointer goes off everywhere.
    for (const f of [onA, onB]) await f.next((m) => m.t === 'pointer' && m.at === null);
    point(second, at(0.7, 0.2));
    second.publish(1, state(2));
    for (const f of [onA, onB]) {
      await f.next((m) => m.t === 'pointer' && m.at?.x === 0.7);
      await f.next((m) => m.t === 'state' && m.state.h === 2);
    }
    first.publish(5, state(8));
    await first.next((m) => m.t === 'refused' && m.seq === 5);
  });
});

describe('pointer messages', () => {
  it('version 2 messages are checked strictly by the relay and leniently by clients', () => {
    const strict = v.safeParse(v1.ServerMessageSchema, { v: 2, t: 'pointer', at: null });
    expect(strict.success).toBe(false); // what an old page would do with one: skip it
    expect(parseServerMessage(JSON.stringify({ v: 2, t: 'control', mine: true, why: 'x' }))).toEqual({
      ok: true,
      message: { v: 2, t: 'control', mine: true },
    });
    expect(parseServerMessage(JSON.stringify({ v: 2, t: 'pointer', at: { ...at(2, 0) } })).ok).toBe(false);
  });

  it('a pointer moving at 120 Hz goes out at most 30 times a second, each the newest position', () => {
    vi.useFakeTimers();
    try {
      const out: { x: number; t: number }[] = [];
      const throttle = new LatestOnly<number>(
        1000 / 30,
        (x) => out.push({ x, t: Date.now() }),
        () => Date.now(),
      );
      const start = Date.now();
      for (let i = 0; i < 240; i++) {
        throttle.offer(i);
        vi.advanceTimersByTime(1000 / 120);
      }
      vi.advanceTimersByTime(100);
      const span = (out.at(-1)!.t - start) / 1000;
      expect(out.length).toBeLessThanOrEqual(Math.ceil(span * 30) + 1);
      expect(out.length).toBeGreaterThanOrEqual(Math.floor(span * 30) - 1);
      expect(out.at(-1)!.x).toBe(239); // the last position always goes out
      for (let i = 1; i < out.length; i++)
        expect(out[i]!.t - out[i - 1]!.t).toBeGreaterThanOrEqual(1000 / 30 - 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
