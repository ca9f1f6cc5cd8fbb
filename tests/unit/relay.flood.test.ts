import { afterEach, describe, expect, it } from 'vitest';
import type { RunningDeck } from '../../src/server/app.ts';
import { FloodGuard } from '../../src/server/rate.ts';
import { CLOSE } from '../../src/server/relay.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';

let deck: RunningDeck | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await deck?.close();
  deck = undefined;
});

async function join(token?: string, localAddress?: string) {
  const c = await TestClient.join(deck!.url, token, localAddress);
  clients.push(c);
  return c;
}

const PING = JSON.stringify({ v: 1, t: 'ping' });
const pongs = (c: TestClient) => c.messages.filter((m) => m.t === 'pong').length;

/** A clock the test moves by hand: the limits then never depend on how busy the machine is. */
function manualClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Milliseconds from a presenter's state to a follower having it. */
async function delivery(presenter: TestClient, follower: TestClient, seq: number): Promise<number> {
  const from = follower.messages.length;
  const t0 = performance.now();
  presenter.publish(seq, state(seq));
  await follower.next((m) => m.t === 'state' && m.seq === seq, from);
  return performance.now() - t0;
}

describe('flood guard (pure)', () => {
  const options = { audienceRate: 2, audienceBurst: 10, audienceExcess: 5, addressRate: 4, addressBurst: 6 };

  it('lets a burst through, drops the excess, and closes a socket that keeps on', () => {
    const clock = manualClock();
    const guard = new FloodGuard({ ...options, addressBurst: 100 }, clock.now);
    const socket = guard.allowance();
    const verdicts = Array.from({ length: 20 }, () => guard.check(socket, 'a'));
    expect(verdicts).toEqual([...Array(10).fill('ok'), ...Array(5).fill('drop'), ...Array(5).fill('close')]);
  });

  it('refills on arrival: a follower pinging every 10 s is never limited, one a little over its rate is closed', () => {
    const clock = manualClock();
    const guard = new FloodGuard({ ...options, addressBurst: 100 }, clock.now);
    const calm = guard.allowance();
    for (let i = 0; i < 1000; i++) {
      clock.advance(10_000);
      expect(guard.check(calm, 'a')).toBe('ok');
    }
    const pushy = guard.allowance();
    const seen = new Set<string>();
    // 3 a second against a rate of 2: the excess slowly eats the slack, which refills at a tenth of the rate.
    for (let i = 0; i < 300 && !seen.has('close'); i++) {
      clock.advance(1000 / 3);
      seen.add(guard.check(pushy, 'b'));
    }
    expect([...seen].sort()).toEqual(['close', 'drop', 'ok']);
  });

  it('shares one bucket among the sockets of an address; a hello (shared: false) is not counted there', () => {
    const clock = manualClock();
    const guard = new FloodGuard(options, clock.now);
    const [a, b, c] = [guard.allowance(), guard.allowance(), guard.allowance()];
    expect([a, b, c].map((s) => guard.check(s, 'nat', false))).toEqual(['ok', 'ok', 'ok']);
    const round = () => [a, b, c].map((s) => guard.check(s, 'nat'));
    expect([...round(), ...round()]).toEqual(Array(6).fill('ok'));
    expect(round()).toEqual(['drop', 'drop', 'drop']);
    expect(guard.check(guard.allowance(), 'elsewhere')).toBe('ok');
    clock.advance(500); // 2 more for the address
    expect(round()).toEqual(['ok', 'ok', 'drop']);
  });
});

describe('relay: audience floods', () => {
  it('closes an audience that floods pings (1008) after a handful of pongs; a slide change still reaches a follower at once and pages answer', async () => {
    deck = await startRelay();
    const presenter = await join(TOKEN);
    const follower = await join();
    const normal = await delivery(presenter, follower, 1);
    const flooder = await join(undefined, '127.0.0.2');
    const t0 = performance.now();
    for (let i = 0; i < 50_000; i++) flooder.send(PING);
    const flooded = await delivery(presenter, follower, 2);
    const closed = await flooder.closedWith(10_000);
    const seconds = (performance.now() - t0) / 1000;
    expect(closed.code).toBe(CLOSE.policy);
    // Its burst (10, less the hello unless it refilled before the flood) and the refill at 2 a second while
    // it flooded: 50,000 without a limit.
    expect(pongs(flooder)).toBeLessThanOrEqual(10 + Math.ceil(2 * seconds));
    const page = await fetch(deck.url);
    expect(page.status).toBe(200);
    // Generous: a normal delivery is a few milliseconds.
    expect(flooded).toBeLessThan(Math.max(20 * normal, 1000));
    const metrics = await (await fetch(`${deck.url}metrics`)).text();
    expect(metrics).toContain('deck_relay_dropped_total{reason="flood"} 1');
    expect(metrics).toMatch(/deck_relay_limited_total\{kind="frame"\} [1-9]/);
  });

  it('limits WebSocket-level pings too (ws would answer every one), from a socket that never said hello', async () => {
    deck = await startRelay();
    const flooder = await TestClient.open(deck.url, {}, '127.0.0.3');
    clients.push(flooder);
    let answered = 0;
    flooder.ws.on('pong', () => answered++);
    const t0 = performance.now();
    for (let i = 0; i < 50_000; i++) flooder.ws.ping();
    const closed = await flooder.closedWith(10_000);
    expect(closed.code).toBe(CLOSE.policy);
    expect(answered).toBeLessThanOrEqual(10 + Math.ceil((2 * (performance.now() - t0)) / 1000));
    expect(await join()).toBeDefined();
  });

  it('three flooders from three addresses: each is closed, and a follower keeps following', async () => {
    deck = await startRelay();
    const presenter = await join(TOKEN);
    const follower = await join();
    const flooders = await Promise.all(
      ['127.0.0.4', '127.0.0.5', '127.0.0.6'].map((a) => join(undefined, a)),
    );
    for (let i = 0; i < 30_000; i++) for (const f of flooders) f.send(PING);
    await delivery(presenter, follower, 1);
    for (const f of flooders) expect((await f.closedWith(10_000)).code).toBe(CLOSE.policy);
    expect((await fetch(deck.url)).status).toBe(200);
  });

  it('shares a limit among the sockets of one address: together over it they are closed, another address is not', async () => {
    const clock = manualClock(); // frozen: no refill, so the counts are exact
    deck = await startRelay({ clock: clock.now, audienceBurst: 100, addressBurst: 12, audienceExcess: 5 });
    const nat = await Promise.all(Array.from({ length: 4 }, () => join(undefined, '127.0.0.7')));
    // The hellos are not the address's: its 12 go to 3 pings from each socket.
    for (const c of nat) for (let i = 0; i < 3; i++) c.send(PING);
    await Promise.all(nat.map((c) => c.next((m) => m.t === 'pong' && pongs(c) === 3)));
    const [first] = nat;
    for (let i = 0; i < 6; i++) first!.send(PING);
    expect((await first!.closedWith()).code).toBe(CLOSE.policy);
    expect(pongs(first!)).toBe(3);
    const other = await join(undefined, '127.0.0.8');
    other.send(PING);
    await other.next((m) => m.t === 'pong');
  });
});
