import { createClient } from '@redis/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import type { DeckState, ServerMessage } from '../../src/protocol/messages.ts';
import { RelayConnection } from '../../src/runtime/follow/connection.ts';
import { Follower } from '../../src/runtime/follow/follower.ts';
import type { RunningDeck } from '../../src/server/app.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';
import { DeckProcess, Nginx, prebuiltSite, RedisServer } from './services.ts';

/**
 * Relay instances sharing one talk through a real redis-server: fan-out across instances, atomic order,
 * an instance killed mid-talk (followers behind nginx, running the browser's own reconnecting client), and
 * Redis restarted empty.
 */

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function redis(): Promise<RedisServer> {
  const r = await RedisServer.start();
  cleanup.push(() => r.stop());
  return r;
}

async function instance(url: string, log: string[] = []): Promise<RunningDeck> {
  const deck = await startRelay({ redis: url, log: (line) => log.push(line) });
  cleanup.push(() => deck.close());
  return deck;
}

async function join(deck: { url: string }, token?: string): Promise<TestClient> {
  const c = await TestClient.join(deck.url, token);
  cleanup.push(() => c.close());
  return c;
}

const health = async (deck: { url: string }) => {
  const res = await fetch(`${deck.url}healthz`);
  return `${res.status} ${await res.text()}`;
};

/** A phone: the browser's RelayConnection and Follower, on a deck in memory. */
function phone(url: string) {
  let at: DeckState | undefined;
  const follower = new Follower({ read: () => at ?? state(0), apply: (s) => (at = s) });
  const connection = new RelayConnection(
    `${url.replace(/^http/, 'ws')}follow`,
    { v: 1, t: 'hello', role: 'audience' },
    { message: (m) => m.t === 'state' && follower.receive(m), status: () => {} },
  );
  connection.start();
  cleanup.push(() => connection.stop());
  return { at: () => at, status: () => connection.status };
}

beforeAll(() => {
  // The browser's client, in Node: ws has the same WebSocket interface; nothing listens for `online`.
  vi.stubGlobal('WebSocket', WebSocket);
  vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
});

describe('relay instances over Redis', () => {
  it('fans a presenter state out to followers on every instance; a late joiner anywhere gets it at once', async () => {
    const r = await redis();
    const [a, b, c] = [await instance(r.url), await instance(r.url), await instance(r.url)];
    const presenter = await join(a, TOKEN);
    const followers = [await join(a), await join(b), await join(c)];
    presenter.publish(1, state(3, { f: 1 }));
    presenter.publish(2, state(4));
    await presenter.next((m) => m.t === 'ack' && m.seq === 2);
    for (const f of followers) {
      await f.next((m) => m.t === 'state' && m.seq === 2);
      expect(f.states().map((m) => [m.seq, m.state.h])).toEqual([
        [1, 3],
        [2, 4],
      ]);
    }
    // One talk: the same epoch everywhere, and the presenter never gets its own state back.
    expect(new Set(followers.map((f) => f.states()[0]!.epoch)).size).toBe(1);
    expect(presenter.states()).toEqual([]);
    const late = await join(c);
    expect(late.messages[0]).toMatchObject({ t: 'welcome', seq: 2 });
    expect(await late.next((m) => m.t === 'state')).toMatchObject({ seq: 2, state: state(4) });
    expect(await health(b)).toBe('200 ready\n');
  });

  it('never gives out the same seq twice: two presenters on two instances, interleaved', async () => {
    const r = await redis();
    const [a, b] = [await instance(r.url), await instance(r.url)];
    const p1 = await join(a, TOKEN);
    const p2 = await join(b, TOKEN);
    const fa = await join(a);
    const fb = await join(b);
    for (let i = 1; i <= 20; i++) {
      p1.publish(i, state(i));
      p2.publish(i, state(100 + i));
    }
    await p1.next((m) => m.t === 'ack' && m.seq === 20);
    await p2.next((m) => m.t === 'ack' && m.seq === 20);
    const given = [p1, p2].flatMap((p) => p.messages.flatMap((m) => (m.t === 'ack' ? [m.at] : [])));
    expect(new Set(given).size).toBe(40);
    expect(Math.max(...given)).toBe(40);
    for (const f of [fa, fb]) {
      await f.next((m) => m.t === 'state' && m.seq === 40);
      const seqs = f.states().map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    expect(a.relay!.latest).toEqual(b.relay!.latest);
  });

  it('keeps serving through a Redis restart that lost everything, says so, and converges when it is back', async () => {
    const r = await redis();
    const logs: string[] = [];
    const [a, b] = [await instance(r.url, logs), await instance(r.url, logs)];
    const presenter = await join(a, TOKEN);
    const fb = await join(b);
    presenter.publish(1, state(5));
    await fb.next((m) => m.t === 'state' && m.seq === 1);

    await r.kill();
    await vi.waitFor(async () => expect(await health(b)).toMatch(/^503 degraded: Redis unreachable/), {
      timeout: 10_000,
      interval: 50,
    });
    expect(logs.join('\n')).toContain('serving what this instance has');
    // What the instances have, they still serve: a follower joining now gets the last state.
    const during = await join(b);
    expect(await during.next((m) => m.t === 'state')).toMatchObject({ seq: 1, state: state(5) });
    // The presenter's change waits (its newest only) until Redis is back.
    presenter.publish(2, state(6));

    await r.restart();
    for (const f of [fb, during]) {
      const got = await f.next<Extract<ServerMessage, { t: 'state' }>>(
        (m) => m.t === 'state' && m.state.h === 6,
        0,
        15_000,
      );
      expect(got.seq).toBeGreaterThan(1); // re-seeded from the instances: never backwards
    }
    expect(await health(a)).toBe('200 ready\n');
    expect(logs.join('\n')).toContain('Redis answers again');
    const store = createClient({ url: r.url });
    await store.connect();
    cleanup.push(() => store.destroy());
    expect(JSON.parse((await store.hGet('deck:follow:latest', 'state')) ?? '')).toEqual(state(6));

    presenter.publish(3, state(7));
    for (const f of [fb, during]) await f.next((m) => m.t === 'state' && m.state.h === 7);
  });

  it('loses an instance mid-talk: its followers reconnect through nginx and end on the presenter’s slide; it restarts and rejoins', {
    timeout: 60_000,
  }, async () => {
    const r = await redis();
    const site = prebuiltSite('redis-test');
    cleanup.push(() => site.remove());
    const env = {
      DECK_OUT_DIR: site.out,
      DECK_PRESENTER_TOKEN: TOKEN,
      DECK_RELAY_REDIS: r.url,
      DECK_TRUSTED_PROXIES: '127.0.0.1',
    };
    const decks = await Promise.all([0, 1, 2].map(() => DeckProcess.start(env)));
    cleanup.push(() => Promise.all(decks.map((d) => d.kill())));
    const nginx = await Nginx.start(decks.map((d) => d.port));
    cleanup.push(() => nginx.stop());

    const presenter = await join(decks[0]!, TOKEN);
    presenter.publish(1, state(2, { f: 0 }));
    await presenter.next((m) => m.t === 'ack' && m.seq === 1);
    // Six phones through nginx: round robin puts two on each instance.
    const phones = Array.from({ length: 6 }, () => phone(nginx.url));
    await vi.waitFor(() => expect(phones.map((p) => p.at()?.h)).toEqual(Array(6).fill(2)), {
      timeout: 10_000,
    });

    await decks[2]!.kill();
    presenter.publish(2, state(3, { f: 1 }));
    await vi.waitFor(() => expect(phones.map((p) => p.at())).toEqual(Array(6).fill(state(3, { f: 1 }))), {
      timeout: 15_000,
      interval: 20,
    });

    // Back on its port, the instance joins the talk where it is.
    decks[2] = await DeckProcess.start({ ...env, PORT: String(decks[2]!.port) });
    const back = await join(decks[2]!);
    expect(await back.next((m) => m.t === 'state')).toMatchObject({ state: state(3, { f: 1 }) });
    presenter.publish(3, state(4));
    await vi.waitFor(() => expect(phones.map((p) => p.at()?.h)).toEqual(Array(6).fill(4)), {
      timeout: 10_000,
    });
    await back.next((m) => m.t === 'state' && m.state.h === 4);
  });
});
