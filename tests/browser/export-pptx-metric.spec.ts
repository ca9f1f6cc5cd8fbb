import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { all, readPptx, text } from '../ooxml.ts';
import { deck } from './run-export.ts';

/**
 * The metric block in a PPTX (#26.2: its mapping, src/blocks/metric/pptx.ts): the blocks fixture exported as a
 * user runs it, its metric slide read back: number and unit, label, comparison and source line are native,
 * editable text (`<a:t>`), each once, the number the exact final value; no picture of the figure.
 */
const dir = fileURLToPath(new URL('../fixtures/blocks-deck', import.meta.url));

let work: string;

test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'deck-pptx-metric-'));
});

test.afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

test('a metric is native text in the PPTX: the exact number with its unit, label, comparison, source', async () => {
  test.setTimeout(240_000);
  const file = join(work, 'blocks.pptx');
  const run = await deck(['pptx', dir, '--out', file], { env: { DECK_OUT_DIR: join(work, 'site') } });
  expect(run.status, run.stderr).toBe(0);
  const pkg = await readPptx(readFileSync(file));
  const slides = await Promise.all(pkg.slides.map((p) => pkg.xml(p)));
  const slide = slides.find((x) => text(x).includes('Output of information technology'));
  expect(slide, 'the metric slide').toBeDefined();
  const paragraphs = all(slide!, 'a:p').map(text);
  expect(paragraphs).toContain('5187.9bn');
  expect(paragraphs.filter((p) => p.includes('5187.9'))).toHaveLength(1);
  expect(paragraphs).toContain('Output of information technology, 2024');
  expect(paragraphs).toContain('+9.5% on 2023');
  expect(paragraphs.some((p) => p.includes('City statistics bureau (fixture data)'))).toBe(true);
  expect(all(slide!, 'p:pic')).toHaveLength(0);
});
