/** What a fan-out needs of a peer: whether it takes this kind of frame now, and the newest generation it has. */
export interface FanOutTarget<P> {
  /** Whether the peer is a follower of this frame (said hello, not closed, not its origin's kind). */
  wants(peer: P): boolean;
  gen(peer: P): number;
  setGen(peer: P, gen: number): void;
  /** The peer's id: a frame is never sent back to the peer it came from. */
  id(peer: P): string;
  /** Queues the frame; false when the peer could not take it (closed, or too slow and dropped). */
  send(peer: P, frame: Buffer): boolean;
}

export interface FanOutOptions<P> extends FanOutTarget<P> {
  /** The peers to go over, in the order to send (a snapshot is taken per pass). */
  peers(): Iterable<P>;
  /** Peers sent to per turn of the event loop. */
  slice: number;
  /** Frames written in one slice (for the counters). */
  sent(count: number): void;
  /** A pass reached every peer; its frame was ordered at `orderedAt` (ms since the epoch). */
  done(orderedAt: number): void;
  /** The relay is shutting down: stop between slices. */
  stopped(): boolean;
}

/**
 * Sends the newest frame to every peer not yet up to date, `slice` peers per turn of the event loop (so a pass
 * over fewer peers is done at once, every frame to every peer). Frames are whole snapshots, so one that arrives
 * mid-pass replaces the older one for the rest, and another pass brings the peers that got the older one up to
 * date: with many followers a follower skips superseded frames instead of the relay queueing every one for
 * every follower (each send costs ~15 µs of CPU).
 */
export class FanOut<P> {
  /** The latest frame's generation; peers remember the generation they have. */
  private gen = 0;
  private outgoing: { frame: Buffer; origin: string; orderedAt: number } | undefined;
  private fanning = false;

  constructor(private readonly o: FanOutOptions<P>) {}

  /** The latest generation: a peer given the latest by other means (its welcome snapshot) is set to it. */
  get generation(): number {
    return this.gen;
  }

  /** A new frame supersedes the last: sent to everyone but `origin`, now or in the pass under way. */
  push(frame: Buffer, origin: string, orderedAt: number): void {
    this.gen++;
    this.outgoing = { frame, origin, orderedAt };
    if (this.fanning) return;
    this.fanning = true;
    this.pass();
  }

  private pass(): void {
    const peers = [...this.o.peers()];
    const passGen = this.gen;
    let i = 0;
    const slice = () => {
      const latest = this.outgoing;
      if (!latest || this.o.stopped()) {
        this.fanning = false;
        return;
      }
      const gen = this.gen;
      let sent = 0;
      for (const stop = Math.min(peers.length, i + this.o.slice); i < stop; i++) {
        const peer = peers[i]!;
        if (this.o.gen(peer) >= gen || !this.o.wants(peer)) continue;
        this.o.setGen(peer, gen);
        if (this.o.id(peer) !== latest.origin && this.o.send(peer, latest.frame)) sent++;
      }
      this.o.sent(sent);
      if (i < peers.length) {
        setImmediate(slice);
        return;
      }
      this.o.done(latest.orderedAt);
      if (this.gen !== passGen) this.pass();
      else this.fanning = false;
    };
    slice();
  }
}
