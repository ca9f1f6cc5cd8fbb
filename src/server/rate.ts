/** A token bucket: `burst` actions at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token when there is one. */
  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is available (0 when one is). */
  wait(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }
}

/** How much an audience may send (every kind of frame counts: hello, ping, WebSocket ping and pong). */
export interface FloodOptions {
  /** Frames a second from one audience socket, after a burst. @default 2 */
  audienceRate: number;
  /** @default 10 */
  audienceBurst: number;
  /**
   * Frames over the limit a socket may send before it is closed (1008); one more is forgiven every
   * 10 / audienceRate seconds, so only a socket that keeps on is closed. @default 20
   */
  audienceExcess: number;
  /** Frames a second from all the audience sockets of one address together. @default maxPerAddress / 2 */
  addressRate: number;
  /** @default maxPerAddress */
  addressBurst: number;
}

/** One socket's allowance: its own bucket, and the excess it may still send before it is closed. */
export interface Allowance {
  own: TokenBucket;
  slack: TokenBucket;
}

export type FloodVerdict = 'ok' | 'drop' | 'close';

/** Addresses whose buckets are kept at most (the oldest forgotten first): a spray of addresses cannot grow memory. */
const MAX_ADDRESSES = 10_000;

/**
 * Limits what audiences send, per socket and per address, with buckets refilled on arrival (no timers): a
 * frame within both limits is read; one over is dropped unread; a socket that keeps on is closed.
 */
export class FloodGuard {
  private readonly addresses = new Map<string, TokenBucket>();

  constructor(
    private readonly o: FloodOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  allowance(): Allowance {
    const { audienceRate: rate, audienceBurst, audienceExcess } = this.o;
    return {
      own: new TokenBucket(rate, audienceBurst, this.now),
      slack: new TokenBucket(rate / 10, audienceExcess, this.now),
    };
  }

  /**
   * The verdict on one frame from a socket with `allowance` at `addr`. `shared: false` leaves the address
   * out (a socket's hello: how many sockets an address may open is the admission's business, and a venue's
   * phones all say hello at once after a restart).
   */
  check(allowance: Allowance, addr: string, shared = true): FloodVerdict {
    if (allowance.own.take() && (!shared || this.address(addr).take())) return 'ok';
    return allowance.slack.take() ? 'drop' : 'close';
  }

  private address(addr: string): TokenBucket {
    let bucket = this.addresses.get(addr);
    if (!bucket) {
      bucket = new TokenBucket(this.o.addressRate, this.o.addressBurst, this.now);
      this.addresses.set(addr, bucket);
      if (this.addresses.size > MAX_ADDRESSES) this.addresses.delete(this.addresses.keys().next().value!);
    }
    return bucket;
  }
}
