import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { example } from './site.ts';

/** examples/en, built by `npm run build` (`deck build examples/en`) into its own dist/. */
const html = readFileSync(join(example.outDir, 'index.html'), 'utf8');
const doc = parseHTML(html).document;
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

describe('the English example deck, built', () => {
  it('is in examples/en/dist/: one English page, no other language, no switch', () => {
    expect(example.outDir).toMatch(/examples\/en\/dist$/);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(existsSync(join(example.outDir, 'zh-Hant'))).toBe(false);
    expect(doc.querySelector('link[rel=alternate]')).toBeNull();
    const config = JSON.parse(doc.getElementById('deck-config')?.textContent ?? '{}');
    expect(config).toMatchObject({ lang: 'en', title: 'Riverside Bakery in Numbers', alternates: [] });
  });

  it('has its own title and not a word of Chinese in the page (slides, notes, block text, data)', () => {
    expect(doc.title).toBe('Riverside Bakery in Numbers');
    expect(html.match(CJK)).toBeNull();
    expect(doc.querySelectorAll('[data-block]').length).toBeGreaterThanOrEqual(7);
  });
});
