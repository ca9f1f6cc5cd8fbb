import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { compile } from './helpers.ts';

/** A slide whose block opens on line 3: the spec's first line is line 4. */
const block = (name: string, spec: string) => `# t\n\n\`\`\`${name}\n${spec}\n\`\`\`\n\n正文\n`;
const first = (text: string) => compile({ 'slides/01.md': text }).diagnostics.map(formatDiagnostic)[0] ?? '';

describe('YAML problems are reported where they start', () => {
  it.each([
    [
      'an unclosed quote in a timeline',
      'timeline',
      'events:\n  - date: "2025\n    label: 开幕\n  - date: 2026\n    label: x',
      '5:11',
    ],
    ['an unclosed single quote in a chart', 'chart', "type: 'bar\nlabels: [a]\nsource: s", '4:7'],
    ['an unclosed [ in a chart', 'chart', 'type: bar\nlabels: [a, b\ndatasets: []\nsource: s', '5:9'],
    [
      'an unclosed { in a chain-map',
      'chain-map',
      'tiers:\n  - nodes: [{id: a, label: 甲}\n  - nodes: []',
      '5:12',
    ],
    ['an unclosed [ on the last line', 'figures', '- fact: [', '4:9'],
    ['a bad indent in a chart', 'chart', 'type: bar\n  bad: indent\nlabels: [a]', '4:7'],
  ])('%s', (_name, name, spec, place) => {
    expect(first(block(name, spec))).toMatch(new RegExp(`^slides/01\\.md:${place}: .*not valid YAML`));
  });

  it('reports an alias to no anchor, and too many aliases, at the alias (found by the fuzz test: they threw)', () => {
    expect(first(block('chart', 'type: bar\nlabels: [a, *nowhere]\nsource: s'))).toMatch(
      /^slides\/01\.md:5:13: .*Unresolved alias/,
    );
    expect(first('---\ntitle: *t\n---\n\n# a\n')).toMatch(
      /^slides\/01\.md:2:8: front matter is not valid YAML \(.*alias/,
    );
    const laughs = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ];
    expect(first(block('chart', laughs.join('\n')))).toMatch(
      /^slides\/01\.md:5:\d+: .*not valid YAML \(Excessive alias count/,
    );
  });

  it('keeps a closed quote that ends in an escaped quote apart from an open one', () => {
    expect(first(block('chart', 'type: "bar\\"\nlabels: [a]\nsource: s'))).toMatch(/^slides\/01\.md:4:7: /);
  });
});
