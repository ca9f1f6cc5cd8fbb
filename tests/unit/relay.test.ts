import type { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { SequenceGate } from '../../src/protocol/sequence.ts';
import type { RunningDeck } from '../../src/server/app.ts';
import { CLOSE } from '../../src/server/relay.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';

let deck: RunningDeck | undefined;
const clients: TestClient[] = [];

async function relay(options: Parameters<typeof startRelay>[0] = {}) {
  deck = await startRelay(options);
  return deck;
}
async function join(token?: string) {
  const c = await TestClient.join(deck!.url, token);
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await deck?.close();
  deck = undefined;
});

describe('relay: roles and fan-out', () => {
  it('fans a presenter state out to audiences, stamped with epoch and rising seq; the sender gets an ack', async () => {
    await relay();
    const presenter = await join(TOKEN);
    const a = await join();
    const b = await join();
    presenter.publish(1, state(1));
    presenter.publish(2, state(2, { v: 1, f: 0 }));
    const last = await a.next((m) => m.t === 'state' && m.seq === 2);
    expect(last).toMatchObject({
      t: 'state',
      seq: 2,
      epoch: deck!.relay!.epoch,
      state: state(2, { v: 1, f: 0 }),
    });
    await b.next((m) => m.t === 'state' && m.seq === 2);
    expect(a.states().map((m) => m.seq)).toEqual([1, 2]);
    await presenter.next((m) => m.t === 'ack' && m.seq === 2);
    expect(presenter.states()).toEqual([]);
    expect(presenter.messages.find((m) => m.t === 'welcome')).toMatchObject({ role: 'presenter' });
  });

  it('with more followers than a fan-out slice, a state that comes mid-pass supersedes the older: all end on the latest, none goes back', async () => {
    await relay({ fanoutSlice: 2 });
    const presenter = await join(TOKEN);
    const followers = await Promise.all(Array.from({ length: 6 }, () => join()));
    for (let n = 1; n <= 30; n++) presenter.publish(n, state(n));
    await Promise.all(followers.map((f) => f.next((m) => m.t === 'state' && m.seq === 30)));
    for (const f of followers) {
      const seqs = f.states().map((m) => m.seq);
      expect(seqs.at(-1)).toBe(30);
      expect(seqs.every((seq, i) => i === 0 || seq > seqs[i - 1]!)).toBe(true);
      expect(f.states().at(-1)?.state).toEqual(state(30));
    }
    // The 30 came in faster than a pass over 6 followers, 2 per turn: superseded states were skipped.
    expect(followers.reduce((n, f) => n + f.states().length, 0)).toBeLessThan(6 * 30);
  });

  it('gives a late joiner the latest state at once, in its welcome sequence', async () => {
    await relay();
    const presenter = await join(TOKEN);
    presenter.publish(1, state(3));
    presenter.publish(2, state(4, { overview: true }));
    await presenter.next((m) => m.t === 'ack' && m.seq === 2);
    const late = await join();
    expect(late.messages[0]).toMatchObject({ t: 'welcome', role: 'audience', seq: 2 });
    const first = await late.next((m) => m.t === 'state');
    expect(first).toMatchObject({ seq: 2, state: state(4, { overview: true }) });
  });

  it('drops stale presenter messages and does not re-broadcast an unchanged state', async () => {
    await relay();
    const presenter = await join(TOKEN);
    const a = await join();
    presenter.publish(5, state(5));
    presenter.publish(4, state(9)); // stale: lower seq than the last taken
    presenter.publish(6, state(5)); // same state: acked, not broadcast
    presenter.publish(7, state(6));
    await a.next((m) => m.t === 'state' && m.state.h === 6);
    expect(a.states().map((m) => m.state.h)).toEqual([5, 6]);
    expect(a.states().map((m) => m.seq)).toEqual([1, 2]);
  });

  it('rejects a wrong token: denied, closed with 4003, and the token never reaches anyone', async () => {
    await relay();
    const presenter = await join(TOKEN);
    const audience = await join();
    const forger = await join(`${TOKEN}x`);
    expect(forger.messages.map((m) => m.t)).toEqual(['denied']);
    expect((await forger.closedWith()).code).toBe(CLOSE.denied);
    presenter.publish(1, state(1));
    await audience.next((m) => m.t === 'state');
    for (const c of [presenter, audience, forger]) expect(c.raw.join('\n')).not.toContain(TOKEN);
  });

  it('closes an audience that sends a state, and nothing changes for anyone else', async () => {
    await relay();
    const presenter = await join(TOKEN);
    const a = await join();
    const b = await join();
    presenter.publish(1, state(2));
    await b.next((m) => m.t === 'state');
    a.publish(99, state(7));
    expect((await a.closedWith()).code).toBe(CLOSE.policy);
    expect(deck!.relay!.latest).toEqual({ seq: 1, state: state(2) });
    presenter.publish(2, state(3));
    await b.next((m) => m.t === 'state' && m.seq === 2);
    expect(b.states().map((m) => m.state.h)).toEqual([2, 3]);
  });

  it('answers heartbeats from audiences', async () => {
    await relay();
    const a = await join();
    a.send({ v: 1, t: 'ping' });
    await a.next((m) => m.t === 'pong');
    expect(a.closed).toBeUndefined();
  });

  it('advertises only an audience URL clients accept', async () => {
    await relay();
    deck!.relay!.advertise('javascript:alert(1)');
    deck!.relay!.advertise(`http://x/${'a'.repeat(600)}`);
    expect((await join()).messages[0]).not.toHaveProperty('join');
    deck!.relay!.advertise('http://192.168.1.5:8080/');
    expect((await join()).messages[0]).toMatchObject({ join: 'http://192.168.1.5:8080/' });
  });

  it('tells presenters how many audiences follow', async () => {
    await relay();
    const presenter = await join(TOKEN);
    await join();
    await join();
    await presenter.next((m) => m.t === 'peers' && m.audience === 2);
  });

  it('closes a client that never says hello', async () => {
    await relay({ helloTimeoutMs: 50 });
    const silent = await TestClient.open(deck!.url);
    clients.push(silent);
    expect((await silent.closedWith()).code).toBe(CLOSE.helloTimeout);
  });

  it('makes two presenters converge on the state the relay took last', async () => {
    await relay();
    const p1 = await join(TOKEN);
    const p2 = await join(TOKEN);
    p1.publish(1, state(1));
    p2.publish(1, state(2));
    await p1.next((m) => m.t === 'ack');
    await p2.next((m) => m.t === 'ack');
    const latest = deck!.relay!.latest;
    // Each presenter heard the other's state, or was acked at the relay's latest sequence number.
    const seen = (c: TestClient) =>
      Math.max(...c.messages.map((m) => (m.t === 'state' ? m.seq : m.t === 'ack' ? m.at : 0)));
    expect(seen(p1)).toBe(latest.seq);
    expect(seen(p2)).toBe(latest.seq);
  });
});

describe('relay: limits', () => {
  it('rate-limits a presenter by coalescing: the burst goes through, then only the newest, once the bucket refills', async () => {
    // The bucket runs on a clock the test moves: how long the sends take on a busy machine does not count.
    let now = 0;
    await relay({ ratePerSecond: 20, rateBurst: 5, clock: () => now });
    const presenter = await join(TOKEN);
    const a = await join();
    for (let i = 1; i <= 100; i++) presenter.publish(i, state(i));
    presenter.send({ v: 1, t: 'ping' });
    await presenter.next((m) => m.t === 'pong'); // the relay has read all 100
    await a.next((m) => m.t === 'state' && m.state.h === 5);
    expect(deck!.relay!.latest.state).toEqual(state(5));
    now += 50; // one token
    await a.next((m) => m.t === 'state' && m.state.h === 100);
    expect(a.states().map((m) => m.state.h)).toEqual([1, 2, 3, 4, 5, 100]);
    await presenter.next((m) => m.t === 'ack' && m.seq === 100);
  });

  it('ignores a few invalid frames from a presenter but closes one that keeps sending them', async () => {
    await relay({ maxInvalid: 3 });
    const presenter = await join(TOKEN);
    for (let i = 0; i < 3; i++) presenter.send('{"v":1,"t":"state"}');
    presenter.send({ v: 1, t: 'ping' });
    await presenter.next((m) => m.t === 'pong');
    presenter.send('garbage');
    expect((await presenter.closedWith()).code).toBe(CLOSE.policy);
  });

  it('refuses a cross-site Origin, accepts its own and a client without one', async () => {
    await relay();
    await expect(TestClient.open(deck!.url, { Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    const own = await TestClient.open(deck!.url, { Origin: new URL(deck!.url).origin });
    clients.push(own);
    const none = await TestClient.open(deck!.url);
    clients.push(none);
  });

  it('answers upgrades to other paths with 404', async () => {
    await relay();
    const ws = new WebSocket(`${deck!.url.replace('http', 'ws')}elsewhere`);
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });

  it('drops a peer that stops answering heartbeats', async () => {
    // The test runs the heartbeat rounds itself: a busy machine cannot make a live peer look dead.
    await relay({ heartbeatMs: 3_600_000 });
    const dead = await join();
    const live = await join();
    expect(deck!.relay!.clients).toBe(2);
    // Stop reading: the client can no longer answer pings.
    (dead.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    deck!.relay!.sweep();
    expect(deck!.relay!.unanswered).toBe(2);
    await vi.waitFor(() => expect(deck!.relay!.unanswered).toBe(1), { timeout: 5000, interval: 5 });
    deck!.relay!.sweep();
    expect(deck!.relay!.clients).toBe(1);
    expect(live.closed).toBeUndefined();
  });
});

describe('relay: slow followers, health and metrics', () => {
  it('drops a follower too slow to read once its backlog passes maxBuffered; it comes back to the snapshot', async () => {
    await relay({ maxBuffered: 4096, ratePerSecond: 1e6, rateBurst: 1e6 });
    const serverSockets: Socket[] = [];
    deck!.server.on('upgrade', (_req, socket: Socket) => serverSockets.push(socket));
    const presenter = await join(TOKEN);
    const slow = await join();
    const fast = await join();
    // The slow phone's kernel buffers are full: what the relay writes to it stays in the relay's memory.
    const port = (slow.ws as unknown as { _socket: Socket })._socket.localPort;
    serverSockets.find((s) => s.remotePort === port)!.cork();
    for (let i = 1; i <= 100; i++) presenter.publish(i, state(i));
    await fast.next((m) => m.t === 'state' && m.seq === 100);
    expect(deck!.relay!.clients).toBe(2);
    const metrics = await (await fetch(`${deck!.url}metrics`)).text();
    expect(metrics).toContain('deck_relay_dropped_total{reason="slow"} 1');
    const again = await join();
    expect(await again.next((m) => m.t === 'state')).toMatchObject({ seq: 100, state: state(100) });
  });

  it('answers /healthz and /metrics (Prometheus text) for operators', async () => {
    await relay();
    const presenter = await join(TOKEN);
    const a = await join();
    await join();
    presenter.publish(1, state(1));
    presenter.publish(2, state(2));
    await a.next((m) => m.t === 'state' && m.seq === 2);
    const health = await fetch(`${deck!.url}healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ready\n']);
    const res = await fetch(`${deck!.url}metrics`);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await res.text();
    // Every sample line is `name{labels} number`, and every metric has HELP and TYPE.
    const samples = text.split('\n').filter((l) => l && !l.startsWith('#'));
    for (const line of samples) expect(line).toMatch(/^[a-z_]+(\{[a-z]+="[^"]*"\})? -?[0-9.e+-]+$/);
    const value = (name: string) => Number(samples.find((l) => l.startsWith(`${name} `))?.split(' ')[1]);
    expect(value('deck_relay_followers')).toBe(2);
    expect(value('deck_relay_connections')).toBe(3);
    expect(value('deck_relay_seq')).toBe(2);
    expect(value('deck_relay_fanout_seconds_count')).toBe(2);
    expect(text).toContain('deck_relay_messages_in_total{type="state"} 2');
    expect(text).toContain('deck_relay_messages_out_total{type="state"} 4');
    const buckets = samples.filter((l) => l.startsWith('deck_relay_fanout_seconds_bucket'));
    const counts = buckets.map((l) => Number(l.split(' ')[1]));
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(counts.at(-1)).toBe(2);
    expect(text).toMatch(/# TYPE deck_relay_fanout_seconds histogram/);
    expect(value('process_resident_memory_bytes')).toBeGreaterThan(0);
  });
});

describe('relay: shutdown and restart', () => {
  it('closes clients with "going away" and a restarted relay starts a new epoch followers accept', async () => {
    deck = await startRelay();
    const port = Number(new URL(deck.url).port);
    const presenter = await join(TOKEN);
    const a = await join();
    presenter.publish(1, state(1));
    presenter.publish(2, state(2));
    const before = await a.next<Extract<Awaited<ReturnType<TestClient['next']>>, { t: 'state' }>>(
      (m) => m.t === 'state' && m.seq === 2,
    );
    const gate = new SequenceGate();
    for (const m of a.states()) gate.accept(m);
    await deck.close();
    expect((await a.closedWith()).code).toBe(CLOSE.goingAway);
    expect((await presenter.closedWith()).code).toBe(CLOSE.goingAway);

    deck = await startRelay({}, port);
    const a2 = await join();
    expect(a2.messages[0]).toMatchObject({ t: 'welcome', seq: 0 });
    const p2 = await join(TOKEN);
    p2.publish(1, state(7));
    const after = await a2.next<typeof before>((m) => m.t === 'state');
    expect(after.epoch).not.toBe(before.epoch);
    expect(after.seq).toBe(1);
    expect(gate.accept(after)).toBe(true);
  });
});
