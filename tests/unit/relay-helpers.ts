import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { DeckState, ServerMessage } from '../../src/protocol/messages.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';
import type { RelayOptions } from '../../src/server/relay.ts';

export const TOKEN = 'relay-test-token-0123456789';

/** A site with one page (and `files` beside it, such as the build's deck-slides.json), served with the relay. */
export async function startRelay(
  options: Partial<RelayOptions> = {},
  port = 0,
  files: Record<string, string> = {},
): Promise<RunningDeck> {
  const root = mkdtempSync(join(tmpdir(), 'deck-relay-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>deck</title>');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return serveDeck({ root, port, relay: { token: TOKEN, ...options } });
}

export const state = (h: number, extra: Partial<DeckState> = {}): DeckState => ({
  h,
  v: 0,
  f: -1,
  overview: false,
  paused: false,
  ...extra,
});

/** A test client: every frame it receives (raw and parsed), and a way to wait for one. */
export class TestClient {
  readonly raw: string[] = [];
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | undefined;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      this.messages.push(JSON.parse(text) as ServerMessage);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
    ws.on('error', () => {});
  }

  /** Connects (from `localAddress`, any of 127.0.0.0/8 on Linux, to look like another machine). */
  static async open(
    url: string,
    headers: Record<string, string> = {},
    localAddress?: string,
    query = '',
  ): Promise<TestClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}follow${query}`, { headers, localAddress });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens and says hello as an audience (or as a presenter with a token); waits for the welcome. */
  static async join(url: string, token?: string, localAddress?: string, query = ''): Promise<TestClient> {
    const client = await TestClient.open(url, {}, localAddress, query);
    client.hello(token);
    await client.next((m) => m.t === 'welcome' || m.t === 'denied');
    return client;
  }

  hello(token?: string): void {
    this.send(
      token === undefined
        ? { v: 1, t: 'hello', role: 'audience' }
        : { v: 1, t: 'hello', role: 'presenter', token },
    );
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  publish(seq: number, s: DeckState): void {
    this.send({ v: 1, t: 'state', seq, state: s });
  }

  states(): Extract<ServerMessage, { t: 'state' }>[] {
    return this.messages.filter((m): m is Extract<ServerMessage, { t: 'state' }> => m.t === 'state');
  }

  /** Resolves with the first message (from `from` on) that matches; rejects after `ms`. */
  async next<T extends ServerMessage>(match: (m: ServerMessage) => boolean, from = 0, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.messages.slice(from).find(match);
      if (found) return found as T;
      if (this.closed) throw new Error(`closed (${this.closed.code} ${this.closed.reason}) while waiting`);
      if (Date.now() > deadline) throw new Error(`no matching message in ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async closedWith(ms = 5000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + ms;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`not closed in ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
