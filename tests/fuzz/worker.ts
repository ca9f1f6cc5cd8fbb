import { parentPort, workerData } from 'node:worker_threads';
import { runCase } from './check.ts';
import { fuzzCase, loadCorpus } from './generate.ts';

/** Runs cases [from, to) of a seed, saying when each starts (so the runner can tell which one hung). */
const { repo, seed, from, to } = workerData as { repo: string; seed: number; from: number; to: number };
const corpus = loadCorpus(repo);
for (let i = from; i < to; i++) {
  parentPort!.postMessage({ type: 'start', index: i });
  const c = fuzzCase(corpus, seed, i);
  parentPort!.postMessage({ type: 'done', index: i, kind: c.kind, result: runCase(c) });
}
parentPort!.postMessage({ type: 'end' });
