import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CaseResult } from './check.ts';

export interface FuzzOptions {
  count: number;
  seed: number;
  /** A case that takes longer is a hang: its worker is stopped and the run goes on after it. @default 30000 */
  hangMs?: number;
  /** Parallel workers. @default 1 */
  workers?: number;
}

export interface FuzzReport {
  cases: number;
  crashes: number;
  hangs: number;
  unlocated: number;
  withDiagnostics: number;
  diagnostics: number;
  byKind: Record<string, number>;
  maxMs: number;
  p99Ms: number;
  totalMs: number;
  /** The first few failures, each with its seed and index to reproduce it. */
  failures: string[];
}

const repo = fileURLToPath(new URL('../..', import.meta.url));
const workerFile = fileURLToPath(new URL('./worker.mjs', import.meta.url));

/** Runs cases [from, to) in one worker; a case silent for hangMs is a hang, and the rest run in a new worker. */
function runRange(
  seed: number,
  from: number,
  to: number,
  hangMs: number,
  onCase: (i: number, kind: string, r: CaseResult | 'hang') => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let current = from;
    const worker = new Worker(workerFile, {
      workerData: { repo, seed, from, to },
      execArgv: ['--import', 'tsx'],
    });
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        onCase(current, 'unknown', 'hang');
        void worker.terminate();
        const next = current + 1;
        runRange(seed, next, to, hangMs, onCase).then(resolve, reject);
      }, hangMs);
    };
    arm();
    worker.on('message', (m: { type: string; index: number; kind: string; result: CaseResult }) => {
      if (m.type === 'start') {
        current = m.index;
        arm();
      } else if (m.type === 'done') onCase(m.index, m.kind, m.result);
      else if (m.type === 'end') {
        clearTimeout(timer);
        void worker.terminate();
        resolve();
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Generates and compiles `count` cases of `seed`, checking each (see check.ts); resolves with the figures. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const hangMs = options.hangMs ?? 30_000;
  const workers = Math.max(1, Math.min(options.workers ?? 1, options.count));
  const report: FuzzReport = {
    cases: 0,
    crashes: 0,
    hangs: 0,
    unlocated: 0,
    withDiagnostics: 0,
    diagnostics: 0,
    byKind: {},
    maxMs: 0,
    p99Ms: 0,
    totalMs: 0,
    failures: [],
  };
  const times: number[] = [];
  const started = performance.now();
  const onCase = (i: number, kind: string, r: CaseResult | 'hang') => {
    report.cases++;
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    const where = `seed ${options.seed} case ${i} (${kind})`;
    if (r === 'hang') {
      report.hangs++;
      report.failures.push(`${where}: no result within ${hangMs} ms`);
      return;
    }
    times.push(r.ms);
    report.diagnostics += r.diagnostics;
    if (r.diagnostics > 0) report.withDiagnostics++;
    if (r.failures.some((f) => f.startsWith('threw'))) report.crashes++;
    if (r.failures.some((f) => f.startsWith('not located'))) report.unlocated++;
    if (r.failures.length > 0 && report.failures.length < 20)
      report.failures.push(`${where}: ${r.failures[0]}`);
  };
  const size = Math.ceil(options.count / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) =>
      runRange(options.seed, w * size, Math.min(options.count, (w + 1) * size), hangMs, onCase),
    ),
  );
  times.sort((a, b) => a - b);
  report.totalMs = performance.now() - started;
  report.maxMs = times[times.length - 1] ?? 0;
  report.p99Ms = times[Math.floor(times.length * 0.99)] ?? 0;
  return report;
}

// `npm run fuzz [-- --count N --seed S]`: the full run, figures on stdout, exit 1 on any failure.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const count = arg('count', 10_000);
  const seed = arg('seed', 20250514);
  const workers = arg('workers', Math.max(1, Math.min(2, cpus().length)));
  const r = await runFuzz({ count, seed, workers });
  const kinds = Object.entries(r.byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  process.stdout.write(
    [
      `fuzz: ${r.cases} cases (seed ${seed}; ${kinds}) in ${(r.totalMs / 1000).toFixed(1)} s on ${workers} workers`,
      `  crashes ${r.crashes}, hangs ${r.hangs}, diagnostics not located ${r.unlocated}`,
      `  ${r.withDiagnostics} cases with diagnostics (${r.diagnostics} in all); per case p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms`,
      ...r.failures.map((f) => `  ${f}`),
      '',
    ].join('\n'),
  );
  process.exitCode = r.crashes + r.hangs + r.unlocated > 0 ? 1 : 0;
}
