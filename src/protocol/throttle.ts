/**
 * Newest wins, at most one emit per interval: a value offered within the interval replaces the one waiting and
 * goes out when the interval is over. A pointer moving at 120 Hz becomes ≤ 30 messages a second, each the
 * newest position: nothing stale is ever queued. Shared by the presenter page and the relay.
 */
export class LatestOnly<T> {
  private last = Number.NEGATIVE_INFINITY;
  private waiting: { value: T } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly emit: (value: T) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  offer(value: T): void {
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0 && !this.timer) {
      this.send(value);
      return;
    }
    this.waiting = { value };
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, wait));
  }

  /** Forgets what waits (the sender lost the right to send it). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = undefined;
  }

  private flush(): void {
    this.timer = undefined;
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) this.send(waiting.value);
  }

  private send(value: T): void {
    this.last = this.now();
    this.emit(value);
  }
}
