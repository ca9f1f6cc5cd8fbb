import { afterEach, describe, expect, it } from 'vitest';
import type { RunningDeck } from '../../src/server/app.ts';
import { CLOSE } from '../../src/server/relay.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';

let deck: RunningDeck | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await deck?.close();
  deck = undefined;
});

/** How a connection attempt ends: its welcome's role, `denied`, the close code, or the HTTP refusal. */
async function attempt(token?: string, localAddress?: string, headers: Record<string, string> = {}) {
  let client: TestClient;
  try {
    client = await TestClient.open(deck!.url, headers, localAddress);
  } catch (e) {
    return (e as Error).message; // "HTTP 503"
  }
  clients.push(client);
  client.hello(token);
  try {
    const m = await client.next((m) => m.t === 'welcome' || m.t === 'denied');
    return m.t === 'welcome' ? m.role : m.t;
  } catch {
    return `closed ${client.closed?.code}`;
  }
}

/** A clock the test moves by hand: backoff and rate limits then never depend on how busy the machine is. */
function manualClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('relay: token guessing', () => {
  it('finishes a denied socket: a burst of wrong hellos and then the right one never makes it a presenter', async () => {
    deck = await startRelay();
    const audience = await TestClient.join(deck.url);
    clients.push(audience);
    const guesser = await TestClient.open(deck.url);
    clients.push(guesser);
    // All in flight before the relay answers the first.
    for (let i = 0; i < 50; i++) guesser.hello(`guess-${i}`);
    guesser.hello(TOKEN);
    guesser.publish(1, state(9));
    expect((await guesser.closedWith()).code).toBe(CLOSE.denied);
    expect(guesser.messages.map((m) => m.t)).toEqual(['denied']);
    // Nothing it sent was taken: a real presenter's first state is the relay's first.
    const presenter = await TestClient.join(deck.url, TOKEN);
    clients.push(presenter);
    presenter.publish(1, state(2));
    const got = await audience.next((m) => m.t === 'state');
    expect(got).toMatchObject({ seq: 1, state: state(2) });
    expect(deck.relay!.latest).toEqual({ seq: 1, state: state(2) });
  });

  it('backs off an address after failed tokens, even for the right one, and lets it in once the wait is over', async () => {
    const clock = manualClock();
    deck = await startRelay({ clock: clock.now, tokenFailuresFree: 3, tokenBackoffMs: 1000 });
    for (let i = 0; i < 4; i++) expect(await attempt(`guess-${i}`)).toBe('denied');
    // Four failures, three free: the address waits a second; the right token is not even compared.
    expect(await attempt(TOKEN)).toBe('denied');
    // Other addresses and audiences are not held up.
    expect(await attempt(TOKEN, '127.0.0.2')).toBe('presenter');
    expect(await attempt()).toBe('audience');
    clock.advance(1001);
    expect(await attempt(TOKEN)).toBe('presenter');
  });

  it('doubles the wait with every further failure', async () => {
    const clock = manualClock();
    deck = await startRelay({ clock: clock.now, tokenFailuresFree: 0, tokenBackoffMs: 1000 });
    expect(await attempt('a')).toBe('denied'); // waits 1 s
    clock.advance(1001);
    expect(await attempt('b')).toBe('denied'); // waits 2 s
    clock.advance(1500);
    expect(await attempt(TOKEN)).toBe('denied');
    clock.advance(600);
    expect(await attempt(TOKEN)).toBe('presenter');
  });
});

describe('relay: connection limits', () => {
  it('keeps room for presenters when audiences fill the relay', async () => {
    deck = await startRelay({ maxClients: 30, presenterReserve: 4, maxPerAddress: 1000 });
    const outcomes = [];
    for (let i = 0; i < 40; i++) outcomes.push(await attempt());
    expect(outcomes.filter((o) => o === 'audience')).toHaveLength(26);
    expect(outcomes.slice(26).every((o) => o === `closed ${CLOSE.full}`)).toBe(true);
    expect(await attempt(TOKEN)).toBe('presenter');
  });

  it('limits audiences per address; other addresses still get in', async () => {
    deck = await startRelay({ maxPerAddress: 10 });
    const outcomes = [];
    for (let i = 0; i < 15; i++) outcomes.push(await attempt());
    expect(outcomes.filter((o) => o === 'audience')).toHaveLength(10);
    expect(await attempt(undefined, '127.0.0.3')).toBe('audience');
    // The presenter is not counted against its address.
    expect(await attempt(TOKEN)).toBe('presenter');
  });

  it('lets a presenter in past a flood of sockets that never say hello', async () => {
    deck = await startRelay({ maxClients: 30, presenterReserve: 4, maxPendingPerAddress: 8 });
    const silent = await Promise.all(Array.from({ length: 60 }, () => TestClient.open(deck!.url)));
    clients.push(...silent);
    expect(deck.relay!.clients).toBeLessThanOrEqual(8);
    expect(await attempt(TOKEN)).toBe('presenter');
    expect(await attempt()).toBe('audience');
  });

  it('counts addresses behind a trusted proxy by X-Forwarded-For, and ignores the header from anyone else', async () => {
    deck = await startRelay({ maxPerAddress: 2, trustedProxies: ['127.0.0.1'] });
    const via = (addr: string) => ({ 'X-Forwarded-For': `10.9.9.9, ${addr}` });
    expect(await attempt(undefined, undefined, via('10.0.0.1'))).toBe('audience');
    expect(await attempt(undefined, undefined, via('10.0.0.1'))).toBe('audience');
    expect(await attempt(undefined, undefined, via('10.0.0.1'))).toBe(`closed ${CLOSE.full}`);
    expect(await attempt(undefined, undefined, via('10.0.0.2'))).toBe('audience');
    // 127.0.0.4 is not a trusted proxy: its header is not believed.
    expect(await attempt(undefined, '127.0.0.4', via('10.0.0.3'))).toBe('audience');
    expect(await attempt(undefined, '127.0.0.4', via('10.0.0.4'))).toBe('audience');
    expect(await attempt(undefined, '127.0.0.4', via('10.0.0.5'))).toBe(`closed ${CLOSE.full}`);
  });
});
