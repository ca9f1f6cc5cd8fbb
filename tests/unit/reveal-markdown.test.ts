import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { markdownOptions } from '../../src/compiler/deck-options.ts';
import { compile, fixtureRoot } from './helpers.ts';
import { canonical, revealSlides, type SectionAttributes } from './reveal-oracle.ts';

/**
 * reveal.js's markdown plugin test decks, examples and code walkthroughs (tests/fixtures/reveal-markdown/
 * cases), each rendered by reveal.js 6.0.2's own markdown and highlight plugins and by the compiler: the
 * two DOMs must be the same. A case's front matter `markdown:` is the `data-*` attributes reveal.js gets.
 */
const dir = `${fixtureRoot('reveal-markdown')}/cases`;
// The code-walkthrough example deck (reveal.js's docs snippets) is held to the same standard.
const example = `${fixtureRoot('code-walkthrough')}/slides/01-walkthrough.md`;
const cases = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort(),
  example,
];

function split(text: string): { body: string; attributes: SectionAttributes } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const config = m ? (parseDocument(m[1] ?? '').toJS()?.markdown ?? undefined) : undefined;
  const o = markdownOptions(config);
  const attributes: SectionAttributes = {
    'data-separator': o.separator,
    'data-separator-notes': o.separatorNotes,
    'data-element-attributes': o.elementAttributes,
    'data-attributes': o.attributes,
  };
  if (o.separatorVertical) attributes['data-separator-vertical'] = o.separatorVertical;
  return { body: m ? text.slice(m[0].length) : text, attributes };
}

describe('reveal.js markdown, behaviour by behaviour', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
  });

  it.each(cases)('%s renders as reveal.js renders it', async (name) => {
    const text = readFileSync(name.startsWith('/') ? name : `${dir}/${name}`, 'utf8');
    const { body, attributes } = split(text);
    const deck = compile({ [`slides/${basename(name)}`]: text }, { 'slides/examples/assets/image2.png': '' });
    // Warnings allowed: 10-rules.md writes rules as "---" against text on purpose, which check points out.
    expect(deck.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const theirs = canonical(await revealSlides(body, attributes));
    expect(canonical(deck.html)).toBe(theirs);
  });
});
