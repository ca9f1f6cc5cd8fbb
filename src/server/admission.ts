import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * Who gets in. A relay is a public socket: one address must not be able to fill it, and no flood of
 * audiences or silent sockets may lock the presenter out. Counts are per relay instance.
 */
export interface AdmissionOptions {
  /** Connections in all. @default 10000 */
  maxClients: number;
  /** Of those, kept for presenters: audiences get at most maxClients − presenterReserve. @default 16 */
  presenterReserve: number;
  /** Audiences from one address (a venue behind one NAT counts as one). @default 1000 */
  maxPerAddress: number;
  /** Sockets from one address that have not said hello yet; beyond it the oldest is closed. @default 64 */
  maxPendingPerAddress: number;
}

export type Role = 'pending' | 'audience' | 'presenter' | 'closed';

export interface Counted {
  addr: string;
  role: Role;
}

/** Every connection by role and address, oldest first, so the relay can decide who gets room. */
export class Census<P extends Counted> {
  private readonly pending = new Set<P>();
  private readonly pendingAt = new Map<string, Set<P>>();
  private readonly audienceAt = new Map<string, number>();
  private readonly roles = { pending: 0, audience: 0, presenter: 0, closed: 0 };

  constructor(private readonly o: AdmissionOptions) {}

  get size(): number {
    return this.roles.pending + this.roles.audience + this.roles.presenter;
  }

  get audience(): number {
    return this.roles.audience;
  }

  /**
   * Room for a new socket from `addr`: the pending sockets to close first (its own oldest when the address
   * has too many waiting, the oldest of all when the relay is full), or undefined when there is none.
   */
  room(addr: string): P[] | undefined {
    const evict: P[] = [];
    const own = this.pendingAt.get(addr);
    if (own && own.size >= this.o.maxPendingPerAddress) evict.push(own.values().next().value!);
    if (this.size - evict.length >= this.o.maxClients) {
      const oldest = [...this.pending].find((p) => !evict.includes(p));
      if (!oldest) return undefined;
      evict.push(oldest);
    }
    return evict;
  }

  /** Whether one more audience fits, in all and from its address. */
  audienceFits(addr: string): boolean {
    return (
      this.roles.audience < this.o.maxClients - this.o.presenterReserve &&
      (this.audienceAt.get(addr) ?? 0) < this.o.maxPerAddress
    );
  }

  /** Records a peer's new role (a new peer starts as `closed`: nothing counted yet). */
  move(peer: P, to: Role): void {
    const from = peer.role;
    if (from === to) return;
    this.count(peer, -1);
    peer.role = to;
    this.count(peer, 1);
  }

  private count(peer: P, delta: 1 | -1): void {
    this.roles[peer.role] += delta;
    if (peer.role === 'pending') {
      const set = this.pendingAt.get(peer.addr) ?? new Set<P>();
      if (delta > 0) {
        this.pending.add(peer);
        set.add(peer);
        this.pendingAt.set(peer.addr, set);
      } else {
        this.pending.delete(peer);
        set.delete(peer);
        if (set.size === 0) this.pendingAt.delete(peer.addr);
      }
    } else if (peer.role === 'audience') {
      const n = (this.audienceAt.get(peer.addr) ?? 0) + delta;
      if (n > 0) this.audienceAt.set(peer.addr, n);
      else this.audienceAt.delete(peer.addr);
    }
  }
}

export interface BackoffOptions {
  /** Failed tokens an address may send before it has to wait. @default 5 */
  tokenFailuresFree: number;
  /** The first wait; doubled with each further failure. @default 1000 */
  tokenBackoffMs: number;
  /** @default 60000 */
  tokenBackoffMaxMs: number;
  /** Milliseconds, monotonic. @default performance.now */
  clock: () => number;
}

/** Addresses remembered at most (oldest forgotten first), so a spray of addresses cannot grow memory. */
const MAX_REMEMBERED = 10_000;
/** An address with no failure for this long starts over. */
const FORGET_MS = 15 * 60_000;

/**
 * Failed presenter tokens back off per address: a few are free (a typo), then each failure makes the address
 * wait twice as long before a token from it is even compared.
 */
export class TokenBackoff {
  private readonly failures = new Map<string, { count: number; until: number; last: number }>();

  constructor(private readonly o: BackoffOptions) {}

  /** Whether a token from `addr` may be compared now. */
  allowed(addr: string): boolean {
    const entry = this.failures.get(addr);
    return !entry || this.o.clock() >= entry.until;
  }

  failed(addr: string): void {
    const now = this.o.clock();
    const old = this.failures.get(addr);
    const count = old && now - old.last < FORGET_MS ? old.count + 1 : 1;
    const over = count - this.o.tokenFailuresFree;
    const wait = over > 0 ? Math.min(this.o.tokenBackoffMaxMs, this.o.tokenBackoffMs * 2 ** (over - 1)) : 0;
    this.failures.delete(addr); // re-inserted last: the map's order is oldest first
    this.failures.set(addr, { count, until: now + wait, last: now });
    if (this.failures.size > MAX_REMEMBERED) this.failures.delete(this.failures.keys().next().value!);
  }

  succeeded(addr: string): void {
    this.failures.delete(addr);
  }
}

/**
 * The client's address: the socket's peer, or, when that peer is a trusted proxy, the address the proxy
 * appended to X-Forwarded-For (the last entry; earlier ones are whatever the client claimed).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = normalize(req.socket.remoteAddress ?? '');
  if (!trustedProxies.includes(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim() ?? '';
  return isIP(last) ? normalize(last) : peer;
}

/** IPv4 addresses as IPv4 even when they arrive on an IPv6 socket. */
function normalize(addr: string): string {
  return addr.startsWith('::ffff:') && isIP(addr.slice(7)) === 4 ? addr.slice(7) : addr;
}
