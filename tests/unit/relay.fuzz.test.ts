import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RunningDeck } from '../../src/server/app.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';

/** A deterministic PRNG, so a failure replays. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

/** Malformed frames of many kinds: broken JSON, wrong types, wrong versions, forged states, huge, binary. */
function malformed(random: () => number): string | Buffer {
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const n = () => pick([-1, 0.5, 1e308, Number.NaN, 2 ** 53, '1', null, true, {}, [], 10_001]);
  const kind = Math.floor(random() * 14);
  switch (kind) {
    case 0:
      return Buffer.from(
        Array.from({ length: 1 + Math.floor(random() * 64) }, () => Math.floor(random() * 256)),
      );
    case 1:
      return '{"v":1,"t":"state","seq":';
    case 2:
      return JSON.stringify({ v: pick([0, 2, '1', null]), t: 'state', seq: 1, state: state(1) });
    case 3:
      return JSON.stringify({
        v: 1,
        t: 'state',
        seq: pick([-1, 0, 0.5, 1e308, 2 ** 53, '1', null, {}]),
        state: state(1),
      });
    case 4:
      return JSON.stringify({ v: 1, t: 'state', seq: 1, state: { ...state(1), h: n() } });
    case 5:
      return JSON.stringify({ v: 1, t: 'state', seq: 1, state: { ...state(1), extra: 'x' } });
    case 6:
      return JSON.stringify({ v: 1, t: 'hello', role: pick(['root', '', null]), token: TOKEN });
    case 7:
      return `{"v":1,"t":"ping","pad":"${'x'.repeat(4200)}"}`;
    case 8:
      return JSON.stringify({
        v: 1,
        t: pick(['welcome', 'ack', 'peers', 'denied', '__proto__', 'constructor']),
      });
    case 9:
      return '{"v":1,"t":"state","__proto__":{"polluted":true},"seq":1,"state":{}}';
    case 10:
      return pick(['', 'null', '[]', '"state"', '0', 'true', '{}', '\u0000', '\ud800']);
    case 11:
      return JSON.stringify({ v: 1, t: 'state', seq: 1, state: state(1) }).slice(
        0,
        Math.floor(random() * 40),
      );
    case 12:
      return '['.repeat(5000);
    default:
      return JSON.stringify({
        v: 1,
        t: 'hello',
        role: 'presenter',
        token: 'x'.repeat(Math.floor(random() * 600)),
      });
  }
}

const FRAMES = 10_000;
const PARALLEL = 16;

describe('relay fuzz', () => {
  let deck: RunningDeck;
  let presenter: TestClient;
  let audience: TestClient;

  beforeAll(async () => {
    deck = await startRelay({ maxInvalid: 200 });
    presenter = await TestClient.join(deck.url, TOKEN);
    audience = await TestClient.join(deck.url);
    presenter.publish(1, state(3, { v: 1, f: 2 }));
    await audience.next((m) => m.t === 'state');
  });

  afterAll(async () => {
    presenter.close();
    audience.close();
    await deck.close();
  });

  it(`stays up through ${FRAMES} malformed frames and the live session is unaffected`, async () => {
    const random = rng(20250514);
    let sent = 0;
    const url = `${deck.url.replace(/^http/, 'ws')}follow`;
    // Each worker sends frames on a socket (as audience, unauthenticated, or as a presenter) until the relay
    // closes it, then opens another: the relay must keep serving throughout.
    const worker = async (id: number) => {
      while (sent < FRAMES) {
        const ws = new WebSocket(url);
        ws.on('error', () => {});
        const opened = await new Promise<boolean>((resolve) => {
          ws.once('open', () => resolve(true));
          ws.once('error', () => resolve(false));
        });
        expect(opened, 'the relay accepts connections').toBe(true);
        const role = (id + sent) % 3;
        if (role === 1) ws.send(JSON.stringify({ v: 1, t: 'hello', role: 'audience' }));
        if (role === 2) ws.send(JSON.stringify({ v: 1, t: 'hello', role: 'presenter', token: TOKEN }));
        const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
        let open = true;
        ws.once('close', () => {
          open = false;
        });
        for (let i = 0; i < 400 && open && sent < FRAMES; i++) {
          sent++;
          ws.send(malformed(random));
          // Let the relay answer (and maybe close) before the next frame.
          if (i % 8 === 7) await new Promise<void>((resolve) => setImmediate(resolve));
        }
        ws.close();
        await closed;
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, (_, i) => worker(i)));
    expect(sent).toBeGreaterThanOrEqual(FRAMES);

    // The live session: no garbage got through, and the next real state reaches the audience.
    expect(audience.closed).toBeUndefined();
    expect(presenter.closed).toBeUndefined();
    expect(audience.states().map((m) => m.state)).toEqual([state(3, { v: 1, f: 2 })]);
    expect(deck.relay!.latest.state).toEqual(state(3, { v: 1, f: 2 }));
    presenter.publish(2, state(4));
    const next = await audience.next((m) => m.t === 'state' && m.state.h === 4);
    expect(next).toMatchObject({ seq: 2 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // The server still serves pages.
    expect((await fetch(deck.url)).status).toBe(200);
  }, 60_000);
});
