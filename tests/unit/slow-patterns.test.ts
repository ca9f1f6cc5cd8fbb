import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { memoryHost } from '../../src/compiler/host.ts';
import { compileDeck, type SourceFile } from '../../src/compiler/index.ts';
import { REGEX_LIMIT_MS } from '../../src/compiler/regex.ts';

// `^(a|a)+$` on a line of a's that ends otherwise backtracks 2^n times: 40 a's is hours.
const SLOW = '^(a|a)+$';
const LINE = `${'a'.repeat(40)}!`;

function timed(files: SourceFile[], options: Partial<Parameters<typeof compileDeck>[1]> = {}) {
  const started = performance.now();
  const deck = compileDeck(files, { host: memoryHost(), ...options });
  return { deck, ms: performance.now() - started, said: deck.diagnostics.map(formatDiagnostic) };
}

describe('a deck’s own regular expressions run with a time limit', () => {
  it.each([
    ['separator', `# One\n\n${LINE}\n`],
    ['separator-vertical', `# One\n\n${LINE}\n`],
    ['separator-notes', `# One\n\n${LINE}\n`],
    ['element-attributes', `# One\n\ntext\n\n<!--\n${LINE}\n-->\n`],
    ['attributes', `# One\n\ntext\n\n<!--\n${LINE}\n-->\n`],
  ])('a slow %s stops within the limit, reported where the front matter sets it', (key, body) => {
    const text = `---\ntitle: Slow\nmarkdown:\n  ${key}: '${SLOW}'\n---\n\n${body}`;
    const { ms, said, deck } = timed([
      { path: 'slides/01.md', text },
      { path: 'slides/02.md', text: `# Two\n\n${LINE}\n` },
    ]);
    expect(said).toEqual([
      `slides/01.md:4:${key.length + 5}: markdown ${key}: the regular expression "${SLOW}" took over 1 s on slides/01.md and was stopped (it backtracks without end, as a repetition of a repetition such as (a|a)+ or (a+)+ does): write it without one`,
    ]);
    // One search ran into the limit, and the compile stopped there rather than trying each file.
    expect(ms).toBeLessThan(REGEX_LIMIT_MS + 1500);
    expect(deck.stacks.length).toBeLessThan(2);
  });

  it('is reported at the config’s line when the config sets the pattern', () => {
    const { said } = timed([{ path: 'slides/01.md', text: `# One\n\n${LINE}\n` }], {
      markdown: { separator: SLOW },
      markdownAt: { separator: { file: 'deck.config.json', line: 3, column: 18 } },
    });
    expect(said[0]).toMatch(/^deck\.config\.json:3:18: markdown separator: the regular expression/);
  });

  it('leaves a fast pattern of the deck’s and the engine’s own ones alone', () => {
    const text = `---\nmarkdown:\n  separator: '^\\n\\*\\*\\*\\n$'\n---\n\n# One\n\n***\n\n## Two <!-- .element: class="x" -->\n\nNote: said\n`;
    const { said, deck } = timed([{ path: 'slides/01.md', text }]);
    expect(said).toEqual([]);
    expect(deck.stacks.flat().map((s) => s.title.trim())).toEqual(['One', 'Two']);
    expect(deck.html).toContain('<h2 class="x">Two </h2>');
    expect(deck.stacks[1]?.[0]?.notes).toContain('said');
  });
});

describe('compiling has an overall deadline', () => {
  it('stops at the slide it reached when the deadline passes, saying where', () => {
    // 3,000 slides: far more than 1 ms of work, so the deadline passes on one of them.
    const text = Array.from({ length: 3000 }, (_, k) => `## Slide ${k}\n\nSome *text* ${k}.\n`).join(
      '\n---\n\n',
    );
    const { said, deck } = timed([{ path: 'slides/01.md', text }], { deadlineMs: 1 });
    expect(said).toHaveLength(1);
    const [, line] =
      /^slides\/01\.md:(\d+):1: compiling the deck took over 1 ms and stopped here, before this slide: the slides after it are not checked/.exec(
        said[0]!,
      ) ?? [];
    expect(line).toBeDefined();
    // The slide it names is the first one not compiled.
    const compiled = deck.stacks.length;
    expect(compiled).toBeLessThan(3000);
    expect(text.split('\n')[Number(line) - 1]).toBe(`## Slide ${compiled}`);
  });
});

describe('deck check with a slow pattern', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deck-slow-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const bin = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

  it('ends within the limit with the problem at the config’s line (it spun for minutes)', () => {
    mkdirSync(join(dir, 'slides'));
    writeFileSync(join(dir, 'slides', '01.md'), `# One\n\n${LINE}\n`);
    writeFileSync(join(dir, 'deck.config.json'), `{\n  "markdown": {\n    "separator": "${SLOW}"\n  }\n}\n`);
    const run = spawnSync(process.execPath, [bin, 'check', dir], { encoding: 'utf8', timeout: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /^deck\.config\.json:3:5: markdown separator: the regular expression "\^\(a\|a\)\+\$" took over 1 s on slides\/01\.md/,
    );
  }, 90_000);
});
