import { readdirSync, readFileSync } from 'node:fs';
import type { DeckPage } from './page.ts';

/**
 * `DECK_EXPORT_TRACE=1`: where an export's time goes, stage by stage, on stderr at the end: wall time since the
 * process started (node's own start and the CLI's import included), this process's CPU time, and Chromium's
 * (its whole process tree, read from /proc on Linux: what processes that have ended spent is lost, so it
 * reads low once Chromium is closing). `DECK_EXPORT_TRACE=json`: the same as one line of JSON after
 * `deck-trace ` (bench:export reads it). Off, every call is a no-op.
 */
export interface Trace {
  /** Marks the end of a stage. */
  mark(stage: string): void;
  /** The Chromium whose process tree counts (its CPU from now on). */
  chromium(pid: number | undefined): void;
  /** Before the page loads: records in it when its document, fonts and `data-deck-ready` arrive. */
  watch(page: { addInitScript(script: string): Promise<unknown> }): Promise<void>;
  /** Adds what the page recorded, on this process's clock. */
  page(page: DeckPage): Promise<void>;
  /** The table, once, when tracing. */
  print(write?: (s: string) => void): void;
}

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux Chromium runs on

/** CPU seconds of `pid` and everything under it, from /proc; 0 where there is none. */
export function treeCpu(pid: number): number {
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      // utime, stime, cutime, cstime: fields 14–17, counted from after the command's name.
      own.set(
        Number(name),
        Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]),
      );
    } catch {
      // Ended while we looked.
    }
  }
  let ticks = 0;
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    ticks += own.get(all[i]!) ?? 0;
    all.push(...(children.get(all[i]!) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

const off: Trace = { mark() {}, chromium() {}, watch: async () => {}, page: async () => {}, print() {} };

/** Runs in the page before its scripts: the moments of its load that the export waits on. */
function pageWatch() {
  const marks: Record<string, number> = {};
  (window as unknown as { __deckTrace: typeof marks }).__deckTrace = marks;
  new MutationObserver(() => {
    const ready = document.documentElement?.dataset.deckReady;
    if (ready && !marks.deckReady) marks.deckReady = performance.now();
    if (!marks.pdfPages && document.querySelector('.reveal .pdf-page')) marks.pdfPages = performance.now();
  }).observe(document, { subtree: true, attributes: true, childList: true });
  document.addEventListener('DOMContentLoaded', () => {
    marks.domContentLoaded = performance.now();
    void document.fonts.ready.then(() => {
      marks.fontsReady = performance.now();
    });
  });
  addEventListener('load', () => {
    marks.load = performance.now();
  });
}

/** One stage: its wall time, this process's CPU and Chromium's, in seconds; `at` since the process started. */
export interface TraceRow {
  stage: string;
  wall: number;
  at: number;
  cpu: number;
  chromium: number;
}

export function trace(mode = process.env.DECK_EXPORT_TRACE ?? ''): Trace {
  if (!mode || mode === '0') return off;
  let pid: number | undefined;
  const rows: { stage: string; at: number; cpu: number; browser: number }[] = [];
  const pageRows: { stage: string; at: number }[] = [];
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  return {
    mark(stage) {
      const browser = Math.max(rows[rows.length - 1]?.browser ?? 0, pid ? treeCpu(pid) : 0);
      rows.push({ stage, at: performance.now() / 1000, cpu: cpu(), browser });
    },
    chromium(p) {
      pid = p;
    },
    async watch(page) {
      await page.addInitScript(`(${pageWatch})()`);
    },
    async page(page) {
      const seen = await page.evaluate<{ origin: number; marks: Record<string, number> }>(`({
        origin: performance.timeOrigin,
        marks: { responseEnd: performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0, ...window.__deckTrace },
      })`);
      const offset = (seen.origin - performance.timeOrigin) / 1000;
      for (const [name, t] of Object.entries(seen.marks))
        pageRows.push({ stage: `  page: ${name}`, at: offset + t / 1000 });
    },
    print(write = (s) => process.stderr.write(s)) {
      let last = { at: 0, cpu: 0, browser: 0 };
      const table: TraceRow[] = rows.map((r) => {
        const row = {
          stage: r.stage,
          wall: r.at - last.at,
          at: r.at,
          cpu: r.cpu - last.cpu,
          chromium: r.browser - last.browser,
        };
        last = r;
        return row;
      });
      const page = pageRows.sort((a, b) => a.at - b.at);
      if (mode === 'json') {
        write(`deck-trace ${JSON.stringify({ stages: table, page })}\n`);
        return;
      }
      write(
        `${formatTrace(table)}\n${page.map((r) => `${r.stage.padEnd(28)} ${r.at.toFixed(3).padStart(6)}`).join('\n')}\n`,
      );
    },
  };
}

/** The stage table: wall, at, CPU (node, Chromium) in seconds. */
export function formatTrace(rows: TraceRow[]): string {
  const head = `${'stage'.padEnd(20)} ${'wall s'.padStart(7)} ${'at s'.padStart(6)} ${'node cpu'.padStart(9)} ${'chromium cpu'.padStart(13)}`;
  const lines = rows.map(
    (r) =>
      `${r.stage.padEnd(20)} ${r.wall.toFixed(3).padStart(7)} ${r.at.toFixed(3).padStart(6)} ${r.cpu.toFixed(3).padStart(9)} ${r.chromium.toFixed(3).padStart(13)}`,
  );
  return [head, ...lines].join('\n');
}

/** The export's trace: one per process. */
export const exportTrace = trace();
