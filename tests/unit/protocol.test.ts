import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  encode,
  MAX_FRAME_BYTES,
  parseClientMessage,
  parseServerMessage,
  sameState,
} from '../../src/protocol/messages.ts';
import { SequenceGate } from '../../src/protocol/sequence.ts';
import { TokenBucket } from '../../src/server/rate.ts';
import { randomToken, tokenMatches } from '../../src/server/token.ts';

vi.mock('node:crypto', async (original) => {
  const crypto = await original<typeof import('node:crypto')>();
  return { ...crypto, timingSafeEqual: vi.fn(crypto.timingSafeEqual) };
});

const s = { h: 2, v: 1, f: 0, overview: false, paused: false };
const json = (x: unknown) => JSON.stringify(x);

describe('protocol: validation', () => {
  it('accepts the client messages of version 1', () => {
    for (const m of [
      { v: 1, t: 'hello', role: 'audience' },
      { v: 1, t: 'hello', role: 'presenter', token: 'abc' },
      { v: 1, t: 'state', seq: 1, state: s },
      { v: 1, t: 'state', seq: 9, state: { ...s, f: -1, overview: true, paused: true, join: true } },
      { v: 1, t: 'ping' },
    ]) {
      expect(parseClientMessage(json(m)), json(m)).toEqual({ ok: true, message: m });
    }
  });

  it.each([
    ['another version', { v: 2, t: 'ping' }],
    ['no version', { t: 'ping' }],
    ['an unknown type', { v: 1, t: 'jump' }],
    ['an extra key', { v: 1, t: 'ping', x: 1 }],
    ['an extra state key', { v: 1, t: 'state', seq: 1, state: { ...s, token: 'x' } }],
    ['a negative slide', { v: 1, t: 'state', seq: 1, state: { ...s, h: -1 } }],
    ['a fractional slide', { v: 1, t: 'state', seq: 1, state: { ...s, v: 0.5 } }],
    ['a fragment below -1', { v: 1, t: 'state', seq: 1, state: { ...s, f: -2 } }],
    ['a string index', { v: 1, t: 'state', seq: 1, state: { ...s, h: '1' } }],
    ['NaN-ish seq', { v: 1, t: 'state', seq: 'NaN', state: s }],
    ['seq 0', { v: 1, t: 'state', seq: 0, state: s }],
    ['a missing state', { v: 1, t: 'state', seq: 1 }],
    ['a boolean as number', { v: 1, t: 'state', seq: 1, state: { ...s, overview: 1 } }],
    ['an unknown role', { v: 1, t: 'hello', role: 'admin' }],
    ['a huge token', { v: 1, t: 'hello', role: 'presenter', token: 'x'.repeat(600) }],
    ['null', null],
    ['an array', [1, 2]],
    ['a number', 42],
  ])('rejects %s', (_name, message) => {
    expect(parseClientMessage(json(message)).ok).toBe(false);
  });

  it('rejects prototype keys, non-JSON, binary data and frames over 4 KB', () => {
    expect(parseClientMessage('{"v":1,"t":"ping","__proto__":{"x":1}}').ok).toBe(false);
    expect(parseClientMessage('{"v":1,')).toEqual({ ok: false, reason: 'not JSON' });
    expect(parseClientMessage(Buffer.from('{"v":1,"t":"ping"}')).ok).toBe(false);
    expect(parseClientMessage(undefined).ok).toBe(false);
    const padded = `{"v":1,"t":"ping"}${' '.repeat(MAX_FRAME_BYTES)}`;
    expect(parseClientMessage(padded)).toEqual({ ok: false, reason: `frame over ${MAX_FRAME_BYTES} bytes` });
    // Counted in UTF-8 bytes, not characters.
    const cjk = json({ v: 1, t: 'hello', role: 'presenter', token: '字'.repeat(500) });
    expect(cjk.length).toBeLessThan(MAX_FRAME_BYTES);
    expect(parseClientMessage(cjk.replace('"token"', `"pad":"${'字'.repeat(1200)}","token"`)).ok).toBe(false);
  });

  it('validates relay messages the browser receives', () => {
    const ok = [
      { v: 1, t: 'welcome', role: 'audience', epoch: 'abc_-1', seq: 0 },
      { v: 1, t: 'welcome', role: 'presenter', epoch: 'e', seq: 3, join: 'http://192.168.1.5:8080/' },
      { v: 1, t: 'state', epoch: 'e', seq: 3, state: s },
      { v: 1, t: 'ack', seq: 3, at: 7 },
      { v: 1, t: 'peers', audience: 12 },
      { v: 1, t: 'denied' },
      { v: 1, t: 'refused', seq: 4, reason: "h 9999 is past the deck's last slide (11)" },
      { v: 1, t: 'pong' },
    ];
    for (const m of ok) expect(parseServerMessage(json(m)).ok, json(m)).toBe(true);
    expect(parseServerMessage(json({ v: 1, t: 'welcome', role: 'audience', epoch: '<x>', seq: 0 })).ok).toBe(
      false,
    );
    expect(
      parseServerMessage(json({ v: 1, t: 'welcome', role: 'x', epoch: 'e', seq: 0, join: 'nope' })).ok,
    ).toBe(false);
    expect(parseServerMessage(json({ v: 1, t: 'state', seq: 3, state: s })).ok).toBe(false);
    expect(parseServerMessage(json({ v: 1, t: 'refused', seq: 4, reason: 'x'.repeat(201) })).ok).toBe(false);
  });

  it('encodes a message and refuses one over the frame limit', () => {
    expect(encode({ v: 1, t: 'ping' })).toBe('{"v":1,"t":"ping"}');
    expect(() => encode({ v: 1, t: 'hello', role: 'presenter', token: 'x'.repeat(5000) })).toThrow(
      /over 4096/,
    );
  });

  it('compares states field by field, the join overlay optionally', () => {
    expect(sameState(s, { ...s })).toBe(true);
    expect(sameState(s, { ...s, f: 1 })).toBe(false);
    expect(sameState(s, { ...s, join: false })).toBe(true);
    expect(sameState(s, { ...s, join: true })).toBe(false);
    expect(sameState(s, { ...s, join: true }, false)).toBe(true);
    expect(sameState(undefined, s)).toBe(false);
    expect(sameState(undefined, undefined)).toBe(true);
  });
});

describe('protocol: sequencing', () => {
  it('takes only newer messages within an epoch, and starts over in a new one', () => {
    const gate = new SequenceGate();
    const m = (epoch: string, seq: number) => ({ epoch, seq, state: s });
    expect(gate.accept(m('a', 1))).toBe(true);
    expect(gate.accept(m('a', 3))).toBe(true);
    expect(gate.accept(m('a', 2))).toBe(false); // out of order
    expect(gate.accept(m('a', 3))).toBe(false); // duplicate
    expect(gate.accept(m('b', 1))).toBe(true); // the relay restarted
    expect(gate.accept(m('b', 1))).toBe(false);
    expect(gate.latest).toEqual({ epoch: 'b', seq: 1 });
  });
});

describe('protocol: the presenter token', () => {
  it('matches only the exact token', () => {
    const token = randomToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(token, `${token} `)).toBe(false);
    expect(tokenMatches(token, token.slice(0, -1))).toBe(false);
    expect(tokenMatches(token, token.toUpperCase())).toBe(token === token.toUpperCase());
    expect(tokenMatches(token, '')).toBe(false);
    expect(tokenMatches(token, undefined)).toBe(false);
    expect(tokenMatches(token, 12 as unknown)).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
  });

  it('compares fixed-length digests with timingSafeEqual, whatever the lengths given', () => {
    // Constant time by construction, checked by construction: a timing test would measure the hash, not the compare.
    const compare = vi.mocked(timingSafeEqual);
    compare.mockClear();
    for (const given of ['x', 'a'.repeat(64), `${'a'.repeat(63)}b`, 'a'.repeat(1000)])
      tokenMatches('a'.repeat(64), given);
    expect(compare).toHaveBeenCalledTimes(4);
    for (const [a, b] of compare.mock.calls) {
      expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
    }
  });
});

describe('protocol: the presenter rate limit', () => {
  it('allows a burst, then refills at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.wait()).toBe(100);
    now = 50;
    expect(bucket.take()).toBe(false);
    now = 100;
    expect(bucket.take()).toBe(true);
    now = 10_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});
