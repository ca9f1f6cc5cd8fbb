import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const deck = loadDeck({ root, config: await resolveDeckConfig(root) });
const slides = deck.stacks.flat();
const facts = parse(readFileSync(`${root}/slides/data/facts.yaml`, 'utf8')) as {
  sources: Record<string, unknown>;
  facts: Record<string, { value: number; source: string }>;
  dates: Record<string, { source: string }>;
};

const text = (html: string) =>
  parseHTML(`<div>${html}</div>`).document.querySelector('div')?.textContent ?? '';

describe('the 作战图 deck', () => {
  it('has no problems', () => {
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('has speaker notes of 60–250 characters on every slide', () => {
    const bad = slides
      .map((s) => ({ at: `${s.file}:${s.startLine}`, length: [...text(s.notes).replace(/\s/g, '')].length }))
      .filter((n) => n.length < 60 || n.length > 250);
    expect(bad).toEqual([]);
  });

  it('names a known source for every fact and date', () => {
    for (const [id, f] of Object.entries({ ...facts.facts, ...facts.dates })) {
      expect(Object.keys(facts.sources), id).toContain(f.source);
    }
  });

  it('states every number by reference: none is left in prose or notes but dates', () => {
    const years = new Set(Object.keys(facts.dates).map((d) => d.slice(0, 4)));
    const monthDays = new Set(Object.keys(facts.dates).map((d) => d.slice(5)));
    const unknown: string[] = [];
    for (const s of slides) {
      const doc = parseHTML(`<div>${s.html}</div>`).document;
      // Facts cited by id, and blocks (their numbers come from facts, resolved by the compiler).
      for (const el of doc.querySelectorAll(
        '.fact, [data-block], .figure-source, .slide-sources, .slide-provenance',
      ))
        el.remove();
      const prose = (doc.querySelector('div')?.textContent ?? '')
        .replace(/(\d{4})年(\d{1,2}月(\d{1,2}日)?)?/g, (d, y: string) => (years.has(y) ? '' : d))
        .replace(/\d{4}—\d{4}年/g, '')
        .replace(/(\d{1,2})月(\d{1,2})日/g, (d, m: string, day: string) =>
          monthDays.has(`${m.padStart(2, '0')}-${day.padStart(2, '0')}`) ? '' : d,
        );
      for (const n of prose.match(/\d+(\.\d+)?/g) ?? []) {
        if (!years.has(n)) unknown.push(`${s.file}:${s.startLine}: ${n}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it('lists exactly the sources the slides cite', () => {
    const cited = new Set(deck.cited);
    expect([...cited].sort()).toEqual(
      Object.keys(facts.sources)
        .filter((id) => cited.has(id))
        .sort(),
    );
    const listed = [...parseHTML(deck.html).document.querySelectorAll('[data-block="sources"] li')].map(
      (li) => li.getAttribute('data-node'),
    );
    expect(listed).toEqual(deck.cited);
  });
});
