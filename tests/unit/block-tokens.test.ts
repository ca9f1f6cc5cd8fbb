import { describe, expect, it } from 'vitest';
import { defaultBlocks } from '../../src/blocks/registry.ts';
import type { CompileContext } from '../../src/compiler/context.ts';
import type { Diagnostic } from '../../src/compiler/diagnostics.ts';
import { memoryHost } from '../../src/compiler/host.ts';
import type { SlideEnv } from '../../src/compiler/markdown/env.ts';
import { createMarkdown } from '../../src/compiler/markdown/index.ts';
import { noBreakRule } from '../../src/compiler/nowrap.ts';

/** A slide's env as the compiler makes it, over a host that counts the files read. */
function slideEnv(files: Record<string, string>, text: string) {
  const host = memoryHost(files);
  const reads: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let ids = 0;
  const compile: CompileContext = {
    host: {
      ...host,
      read: (path) => {
        reads.push(path);
        return host.read(path);
      },
    },
    report: (d) => diagnostics.push({ severity: 'error', ...d }),
    blocks: new Map(defaultBlocks.map((b) => [b.name, b])),
    depend: () => {},
    nextBlockId: () => `b${++ids}`,
    facts: () => undefined,
    factsFile: './data/facts.yaml',
    lang: 'en',
    noBreak: noBreakRule('en'),
    sources: 'optional',
    untrusted: false,
    budget: { deadline: Date.now() + 60_000 },
    cite: () => {},
    defer: () => '',
  };
  const env: SlideEnv = {
    compile,
    file: 'slides/a.md',
    startLine: 1,
    lines: text.split('\n'),
    slideAttrs: {},
    elementAttributes: '',
    slideAttributes: '',
    usedBlocks: [],
    facts: () => undefined,
    cite: () => {},
  };
  return { env, reads, diagnostics };
}

describe('blocks are tokens', () => {
  it('parse returns the whole token stream, blocks rendered (their files read); rendering reads nothing', () => {
    const text = '## t\n\n```table\ncolumns: [{title: a}, {title: b}]\nfile: data/t.csv\n```\n';
    const { env, reads, diagnostics } = slideEnv({ 'slides/data/t.csv': 'x,1\ny,2\n' }, text);
    const md = createMarkdown();
    const tokens = md.parse(text, env);
    const block = tokens.find((t) => t.type === 'deck_block');
    expect(block?.meta?.html).toContain('<table');
    expect(reads).toEqual(['slides/data/t.csv']);
    expect(env.usedBlocks).toEqual([{ name: 'table', line: 3 }]);

    const html = md.renderer.render(tokens, md.options, env);
    expect(html).toContain(block?.meta?.html);
    expect(reads).toEqual(['slides/data/t.csv']);
    expect(diagnostics).toEqual([]);
  });

  it('an unknown fence name is reported while parsing, and the listing keeps its error box', () => {
    const text = '```chrat\ntype: bar\n```\n';
    const { env, diagnostics } = slideEnv({}, text);
    const md = createMarkdown();
    const tokens = md.parse(text, env);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('did you mean "chart"?')]);
    expect(md.renderer.render(tokens, md.options, env)).toMatch(/^<div class="deck-error"[\s\S]*<pre/);
    expect(diagnostics).toHaveLength(1);
  });
});
