import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { numberFormat } from '../../src/blocks/chart/pptx.ts';
import { pptxMappingFiles, walkerScript } from '../../src/export/pptx/bundle.ts';

describe('the PPTX walker as modules (#26.3)', () => {
  it('finds each block’s mapping by its folder: a new block adds its own pptx.ts only', () => {
    const root = mkdtempSync(join(tmpdir(), 'deck-pptx-'));
    try {
      for (const [name, file] of [
        ['chart', 'pptx.ts'],
        ['metric', 'pptx.ts'],
        ['quote', 'render.ts'],
      ] as const) {
        mkdirSync(join(root, 'src/blocks', name), { recursive: true });
        writeFileSync(join(root, 'src/blocks', name, file), 'export default {};');
      }
      expect(pptxMappingFiles(root)).toEqual([
        join(root, 'src/blocks/chart/pptx.ts'),
        join(root, 'src/blocks/metric/pptx.ts'),
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('bundles the walker with the engine’s mappings into one script for the page', async () => {
    expect(pptxMappingFiles().some((f) => f.endsWith('src/blocks/chart/pptx.ts'))).toBe(true);
    const code = await walkerScript();
    expect(code).toMatch(/^var __deckPptxWalk = /);
    expect(code).toContain('src/blocks/chart/pptx.ts');
    expect(code).not.toMatch(/^import |\bimport\(/m);
  });

  it('takes a chart’s number format from its model, not from a formatted label', () => {
    expect(numberFormat(1, '亿元', [10189.4])).toBe('0.0"亿元"');
    expect(numberFormat(0, '%', [12])).toBe('0"%"');
    expect(numberFormat(undefined, '个', [12, 30])).toBe('0"个"');
    // No decimals given and a first value that is whole: the others keep their digits (not rounded to "4").
    expect(numberFormat(undefined, '', [12, 3.5])).toBe('General');
    expect(numberFormat(2, 'a"b', [1])).toBe('0.00"ab"');
  });
});
