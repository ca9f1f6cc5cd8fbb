/**
 * The relay's metrics in the Prometheus text format (version 0.0.4): counters, gauges and one histogram, enough
 * for an operator to watch followers, traffic, fan-out latency and the shared store.
 */

/** Fan-out latency buckets, in seconds: a slide change should reach a phone within a frame or two. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class Histogram {
  private readonly counts = new Array<number>(BUCKETS.length).fill(0);
  private sum = 0;
  private count = 0;

  observe(seconds: number): void {
    this.sum += seconds;
    this.count += 1;
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) this.counts[i]! += 1;
  }

  lines(name: string): string[] {
    return [
      ...BUCKETS.map((b, i) => `${name}_bucket{le="${b}"} ${this.counts[i]}`),
      `${name}_bucket{le="+Inf"} ${this.count}`,
      `${name}_sum ${this.sum}`,
      `${name}_count ${this.count}`,
    ];
  }
}

/** Counters by label value (`messages_in_total{type="state"}`); a missing label value reads 0. */
export class Counters<K extends string> {
  private readonly values = new Map<K, number>();

  add(key: K, n = 1): void {
    this.values.set(key, (this.values.get(key) ?? 0) + n);
  }

  get(key: K): number {
    return this.values.get(key) ?? 0;
  }

  lines(name: string, label: string): string[] {
    return [...this.values].map(([k, v]) => `${name}{${label}="${k}"} ${v}`);
  }
}

export interface Metric {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  /** Sample lines, each `name{labels} value`; a plain number is one unlabelled sample. */
  samples: string[] | number;
}

/** Renders metrics as Prometheus text. */
export function prometheusText(metrics: Metric[]): string {
  const out: string[] = [];
  for (const m of metrics) {
    out.push(`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`);
    if (typeof m.samples === 'number') out.push(`${m.name} ${m.samples}`);
    else out.push(...m.samples);
  }
  return `${out.join('\n')}\n`;
}
