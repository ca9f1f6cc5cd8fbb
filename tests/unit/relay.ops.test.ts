import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningDeck } from '../../src/server/app.ts';
import { addressList, METRICS_ALLOW_DEFAULT } from '../../src/server/ops.ts';
import { startRelay } from './relay-helpers.ts';

let deck: RunningDeck | undefined;

afterEach(async () => {
  await deck?.close();
  deck = undefined;
});

/** GET a path from `localAddress` (any of 127.0.0.0/8 on Linux, to look like another machine). */
function get(
  path: string,
  localAddress = '127.0.0.1',
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const url = new URL(deck!.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, localAddress, headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('metrics allow-list (pure)', () => {
  it('takes addresses and CIDR ranges, IPv4 and IPv6; loopback by default', () => {
    const loopback = addressList(METRICS_ALLOW_DEFAULT);
    expect(['127.0.0.1', '127.9.8.7', '::1'].map(loopback)).toEqual([true, true, true]);
    expect(['10.0.0.1', '192.168.1.20', '::2', 'fe80::1', '', 'localhost'].map(loopback)).toEqual(
      Array(6).fill(false),
    );
    const lan = addressList(['10.0.0.0/8', ' 192.168.1.20 ', 'fd00::/8']);
    expect(['10.200.3.4', '192.168.1.20', 'fd12::5'].map(lan)).toEqual([true, true, true]);
    expect(['11.0.0.1', '192.168.1.21', '127.0.0.1', 'fe80::1'].map(lan)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(addressList([])('127.0.0.1')).toBe(false);
  });

  it('names an entry that is neither an address nor a range', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0/8', '10.0.0.0/x']) {
      expect(() => addressList([bad]), bad).toThrow(`"${bad}" is not an address or a CIDR range`);
    }
  });
});

describe('relay: /metrics is for operators', () => {
  it('answers loopback by default; behind a trusted proxy, the client it names', async () => {
    deck = await startRelay({ trustedProxies: ['127.0.0.1'] });
    expect((await get('/metrics')).status).toBe(200);
    expect((await get('/metrics', '127.0.0.2')).status).toBe(200); // 127.0.0.0/8 is all loopback
    // The proxy is on this machine, the client it forwards is not.
    const forwarded = await get('/metrics', '127.0.0.1', { 'X-Forwarded-For': '198.51.100.7' });
    expect(forwarded).toEqual({ status: 403, body: 'metrics are for the addresses in DECK_METRICS_ALLOW\n' });
    expect((await get('/healthz', '127.0.0.1', { 'X-Forwarded-For': '198.51.100.7' })).status).toBe(200);
  });

  it('answers the configured list only, which replaces loopback', async () => {
    deck = await startRelay({ metricsAllow: ['127.0.0.2', '10.0.0.0/8'] });
    expect((await get('/metrics')).status).toBe(403);
    expect((await get('/metrics', '127.0.0.3')).status).toBe(403);
    const allowed = await get('/metrics', '127.0.0.2');
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain('# TYPE deck_relay_followers gauge');
  });
});
