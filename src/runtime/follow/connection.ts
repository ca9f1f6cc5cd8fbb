import {
  type ClientMessage,
  encode,
  parseServerMessage,
  type ServerMessage,
} from '../../protocol/messages.ts';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'denied' | 'stopped';

export interface ConnectionOptions {
  /** First reconnect delay; doubled per failure up to `maxDelayMs`, with jitter. @default 250 */
  minDelayMs?: number;
  /** @default 5000 */
  maxDelayMs?: number;
  /** Heartbeat interval. @default 10000 */
  heartbeatMs?: number;
  /** With nothing heard for this long the link is presumed dead and replaced. @default 25000 */
  silenceMs?: number;
}

/**
 * One WebSocket to the relay that keeps itself up: says hello on every (re)connect, sends heartbeats,
 * reconnects with exponential backoff after the server or network goes away, and hands on only messages
 * that pass the protocol's validation. A denied presenter token stops it for good.
 */
export class RelayConnection {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private beat: ReturnType<typeof setInterval> | undefined;
  private heard = 0;
  private state: ConnectionStatus = 'connecting';
  private readonly o: Required<ConnectionOptions>;
  private readonly onOnline = () => {
    if (this.state === 'reconnecting') this.reconnectNow();
  };
  /** A socket may outlive the network (Chromium keeps one open offline): it is dead, replace it when back. */
  private readonly onOffline = () => {
    if (this.state !== 'open' && this.state !== 'connecting') return;
    this.drop();
    this.scheduleReconnect();
  };

  constructor(
    private readonly url: string,
    private readonly hello: ClientMessage,
    private readonly handlers: {
      message(m: ServerMessage): void;
      status(s: ConnectionStatus): void;
    },
    options: ConnectionOptions = {},
  ) {
    this.o = { minDelayMs: 250, maxDelayMs: 5000, heartbeatMs: 10_000, silenceMs: 25_000, ...options };
  }

  get status(): ConnectionStatus {
    return this.state;
  }

  start(): void {
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.open();
  }

  stop(): void {
    this.setStatus('stopped');
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    clearTimeout(this.retry);
    this.drop();
  }

  send(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(encode(message));
  }

  private open(): void {
    const ws = new WebSocket(this.url);
    this.ws = ws;
    ws.onopen = () => {
      this.heard = Date.now();
      ws.send(encode(this.hello));
      this.beat = setInterval(() => this.heartbeat(), this.o.heartbeatMs);
    };
    ws.onmessage = (event) => {
      this.heard = Date.now();
      const parsed = parseServerMessage(event.data);
      if (!parsed.ok) return; // not ours to act on: a newer relay or a broken one
      const message = parsed.message;
      if (message.t === 'welcome') {
        this.attempt = 0;
        this.setStatus('open');
      }
      if (message.t === 'denied') {
        this.setStatus('denied');
        this.drop();
      }
      this.handlers.message(message);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.drop();
      this.scheduleReconnect();
    };
  }

  private heartbeat(): void {
    if (Date.now() - this.heard > this.o.silenceMs) {
      // A half-open link never reports its close: replace it now.
      this.drop();
      this.scheduleReconnect();
      return;
    }
    this.send({ v: 1, t: 'ping' });
  }

  private scheduleReconnect(): void {
    if (this.state === 'stopped' || this.state === 'denied') return;
    this.setStatus('reconnecting');
    const base = Math.min(this.o.maxDelayMs, this.o.minDelayMs * 2 ** this.attempt);
    this.attempt += 1;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.open(), base / 2 + Math.random() * (base / 2));
  }

  private reconnectNow(): void {
    clearTimeout(this.retry);
    this.drop();
    this.open();
  }

  /** Forgets the socket without waiting for its close (which may never come). */
  private drop(): void {
    clearInterval(this.beat);
    const ws = this.ws;
    this.ws = undefined;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close();
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.state === status) return;
    this.state = status;
    this.handlers.status(status);
  }
}
