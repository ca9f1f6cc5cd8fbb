import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { memoryHost } from '../../src/compiler/host.ts';
import { compileDeck } from '../../src/compiler/index.ts';

const compile = (...texts: string[]) => {
  const deck = compileDeck(
    texts.map((text, k) => ({ path: `slides/0${k + 1}.md`, text })),
    { host: memoryHost() },
  );
  return {
    problems: deck.diagnostics.map(formatDiagnostic),
    shape: deck.stacks.map((stack) => stack.map((s) => s.title)),
  };
};

describe('separators from other tools', () => {
  it("reads reveal-md's separator keys as markdown: options, with a note at each", () => {
    const { problems, shape } = compile(
      "---\ntitle: Talk\nseparator: '^\\n---\\n$'\nverticalSeparator: '^\\n----\\n$'\nnotesSeparator: '^Note:'\n---\n# One\n\n----\n\n## One down\n\nNote: said\n\n---\n\n# Two\n",
    );
    expect(shape).toEqual([['One', 'One down'], ['Two']]);
    expect(problems).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:3:1: warning: "separator" is reveal-md's name: read as markdown: \{ separator: … \}/,
      ),
      expect.stringMatching(
        /^slides\/01\.md:4:1: warning: "verticalSeparator" is reveal-md's name.*separator-vertical/,
      ),
      expect.stringMatching(
        /^slides\/01\.md:5:1: warning: "notesSeparator" is reveal-md's name.*separator-notes/,
      ),
    ]);
  });

  it('a bad regex under a reveal-md key is reported where it is written', () => {
    const { problems } = compile("---\nverticalSeparator: '(('\n---\n# One\n");
    expect(problems.filter((p) => !p.includes('warning'))).toEqual([
      expect.stringMatching(/^slides\/01\.md:2:20: /),
    ]);
  });

  it('reports every unknown key, not only the first', () => {
    const { problems } = compile('---\ntitle: T\nthem: black\nfoo: 1\nseperator: x\n---\n# One\n');
    expect(problems).toEqual([
      expect.stringMatching(/^slides\/01\.md:3:1: unknown key "them" in front matter/),
      expect.stringMatching(/^slides\/01\.md:4:1: unknown key "foo" in front matter/),
      expect.stringMatching(/^slides\/01\.md:5:1: unknown key "seperator" in front matter/),
    ]);
  });

  it("a later file's front matter sets its own separators; the others keep the deck's", () => {
    const { problems, shape } = compile(
      '# One\n\n---\n\n# Two\n',
      "---\nmarkdown:\n  separator: '^<!-- slide -->$'\n---\n# Three\n<!-- slide -->\n# Four\n",
      '# Five\n\n---\n\n# Six\n',
    );
    expect(problems).toEqual([]);
    expect(shape).toEqual([['One'], ['Two'], ['Three'], ['Four'], ['Five'], ['Six']]);
  });

  it('warns at each line that looks like a separator and does not split', () => {
    const { problems, shape } = compile(
      '# One\n\n----\n\n## Still one\ntext\n--\nmore\n\n<!-- slide -->\n\n## Same slide\n\n```md\n---\n<!-- slide -->\n```\n',
    );
    expect(shape).toEqual([['One']]);
    expect(problems).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:3:1: warning: "----" does not split slides here: it is reveal-md's vertical separator; to use it, set verticalSeparator/,
      ),
      expect.stringMatching(
        /^slides\/01\.md:7:1: warning: "--" does not split slides here: put a blank line before and after it for a vertical slide/,
      ),
      expect.stringMatching(/^slides\/01\.md:10:1: warning: "<!-- slide -->" does not split slides here/),
    ]);
  });

  it('warns when speaker notes run on over what looks like the next slides', () => {
    const { problems } = compile(
      `# One\n\nNote:\nSay this.\n\n## Two\n\nbody\n\n---\n\n# Three\n\nNote:\n${'a line\n'.repeat(70)}`,
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:4:1: warning: the speaker notes that start here hold a heading at line 6: they last until the next separator/,
      ),
      expect.stringMatching(/^slides\/01\.md:15:1: warning: the speaker notes that start here run 70 lines/),
    ]);
  });
});
