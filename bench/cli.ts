/**
 * `npm run bench:cli`: the `deck` command's start-up, `deck --help` as a whole process, against a bare
 * `node -e 0` (Node's own start, the floor), alternating (RUNS, default 21). Prints the medians, the part that is
 * ours (help − bare Node) and the goal: `deck --help` ≤ 150 ms.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledCli } from '../src/cli/compile.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(5, Number(process.env.RUNS ?? 21));
const GOAL_MS = 150;

function timed(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}`);
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

await compiledCli(); // compile first (untimed) when a source changed
const help: number[] = [];
const bare: number[] = [];
for (let i = 0; i < runs; i++) {
  help.push(timed([join(root, 'src/cli/bin.mjs'), '--help']));
  bare.push(timed(['-e', '0']));
}
const [h, b] = [median(help), median(bare)];
console.log(`${runs} runs each, alternating; medians`);
console.log(`node -e 0 (Node's own start)   ${b.toFixed(0).padStart(5)} ms`);
console.log(
  `deck --help                    ${h.toFixed(0).padStart(5)} ms   (ours: ${(h - b).toFixed(0)} ms)`,
);
console.log(`deck --help / goal ${GOAL_MS} ms = ${(h / GOAL_MS).toFixed(2)} (goal ≤ 1.0)`);
