const pad = (n: number) => String(n).padStart(2, '0');

/** `m:ss` below an hour, `h:mm:ss` above. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${pad(m)}:${pad(s % 60)}`;
}

/** `hh:mm:ss` in `timeZone` (the deck's: the talk's local time, whatever zone the presenter's machine is set to). */
export function formatClock(date: Date, timeZone?: string): string {
  if (!timeZone) return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('hour')}:${part('minute')}:${part('second')}`;
}

/** Ticks once a second, on the second, with the time since start (or the last reset) and the clock. */
export class Timer {
  private start = Date.now();
  private handle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly draw: (elapsed: string, clock: string) => void,
    private readonly timeZone?: string,
  ) {}

  run(): void {
    const now = new Date();
    this.draw(formatElapsed(now.getTime() - this.start), formatClock(now, this.timeZone));
    this.handle = setTimeout(() => this.run(), 1000 - (now.getTime() % 1000) + 5);
  }

  reset(): void {
    this.start = Date.now();
    this.stop();
    this.run();
  }

  stop(): void {
    clearTimeout(this.handle);
  }
}
