import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { loadDeck } from '../../src/node/load.ts';

/**
 * A deck in `outer/deck` with `outer/secret.yaml` and `outer/secret.txt` beside it: files a deck written by
 * someone else must not be able to publish. `files` are written under the deck, `links` are symlinks in it.
 */
function project(files: Record<string, string | Buffer>, links: Record<string, string> = {}) {
  const outer = mkdtempSync(join(tmpdir(), 'deck-files-'));
  dirs.push(outer);
  writeFileSync(join(outer, 'secret.yaml'), 'x:\n  labels: [a]\n  datasets: [{label: s, data: [1]}]\n');
  writeFileSync(join(outer, 'secret.txt'), 'the builder’s secret');
  const root = join(outer, 'deck');
  mkdirSync(join(root, 'slides', 'img'), { recursive: true });
  writeFileSync(join(root, 'slides', 'img', 'ok.png'), 'png');
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  for (const [path, target] of Object.entries(links)) symlinkSync(target, join(root, path));
  return { outer, root };
}
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const problems = (root: string) =>
  loadDeck({ root })
    .diagnostics.filter((d) => d.severity === 'error')
    .map(formatDiagnostic);

describe('files a deck may read and publish', () => {
  it('accepts an image and a data file inside the project', () => {
    const { root } = project({ 'slides/01.md': '# a\n\n![ok](img/ok.png)\n' });
    expect(problems(root)).toEqual([]);
  });

  it.each([
    ['a path out of the project', '../../../../../../../etc/passwd'],
    ['a %2e-encoded path', '%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd'],
    ['a path to a device', '../../../../../../../dev/zero'],
  ])('refuses an image at %s, at its line and column', (_name, src) => {
    const { root } = project({ 'slides/01.md': `# a\n\ntext ![x](${src})\n` });
    const [only, ...rest] = problems(root);
    expect(rest).toEqual([]);
    expect(only).toMatch(/^slides\/01\.md:3:11: image ".*" \(.*\) is outside the project folder/);
  });

  it('refuses an image linked out of the project, a device, a folder and a file over the size cap', () => {
    const { root } = project(
      {
        'slides/01.md':
          '# a\n\n![a](img/passwd.png)\n\n![b](img/zero.png)\n\n![c](img)\n\n![d](img/huge.png)\n',
        'slides/img/huge.png': '',
      },
      { 'slides/img/passwd.png': '/etc/passwd', 'slides/img/zero.png': '/dev/zero' },
    );
    truncateSync(join(root, 'slides/img/huge.png'), 33 * 2 ** 20); // sparse: costs no disk
    expect(problems(root)).toEqual([
      'slides/01.md:3:6: image "img/passwd.png" (slides/img/passwd.png) leads outside the project folder (to /etc/passwd); a deck may only use files inside it (copy the file into the project)',
      'slides/01.md:5:6: image "img/zero.png" (slides/img/zero.png) leads outside the project folder (to /dev/zero); a deck may only use files inside it (copy the file into the project)',
      'slides/01.md:7:6: image "img" (slides/img) is a folder, not a file: name a file in it',
      'slides/01.md:9:6: image "img/huge.png" (slides/img/huge.png) is 33.0 MB, over the 32 MB limit for a file in a deck: make it smaller',
    ]);
  });

  it('refuses files out of the project named in HTML, attributes and styles, which the build would bundle', () => {
    const { root } = project(
      {
        'slides/01.md': [
          '# a',
          '',
          '<img src="../../../../../../etc/passwd">',
          '',
          'x {style="background: url(../../secret.txt)"}',
          '',
          '<video poster="slides/img/link.png"></video>',
          '',
          '<style>.x { background: url("/../secret.txt") }</style>',
          '',
          '<a href="../../secret.txt">a link is not bundled</a> <img src="slides/img/ok.png">',
          '',
        ].join('\n'),
      },
      { 'slides/img/link.png': '../../../secret.txt' },
    );
    expect(problems(root)).toEqual([
      expect.stringMatching(
        /^slides\/01\.md:3:11: "\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" .* outside the project/,
      ),
      expect.stringMatching(/^slides\/01\.md:5:27: "\.\.\/\.\.\/secret\.txt" .* outside the project/),
      expect.stringMatching(/^slides\/01\.md:7:16: "slides\/img\/link\.png" .* leads outside the project/),
      expect.stringMatching(/^slides\/01\.md:9:30: "\/\.\.\/secret\.txt" .* outside the project/),
    ]);
  });

  it('refuses a chart data file outside the project, written as a path or through a link', () => {
    const chart = (ref: string) => `\`\`\`chart\ntype: bar\ndata: ${ref}#x\nsource: s\n\`\`\`\n`;
    const { root } = project(
      {
        'slides/01.md': `# a\n\n${chart('../../secret.yaml')}`,
        'slides/02.md': `# b\n\n${chart('./data.yaml')}`,
      },
      { 'slides/data.yaml': '../../secret.yaml' },
    );
    const [a, b, ...rest] = problems(root);
    expect(rest).toEqual([]);
    expect(a).toMatch(/^slides\/01\.md:5:7: chart "data": \.\.\/secret\.yaml is outside the project folder/);
    expect(b).toMatch(
      /^slides\/02\.md:5:7: chart "data": slides\/data\.yaml leads outside the project folder/,
    );
  });

  it('refuses a slide linked out of the project, and one linked to nothing, without a stack trace', () => {
    const { root } = project(
      { 'slides/01.md': '# a\n' },
      { 'slides/02.md': '/etc/passwd', 'slides/03.md': 'nowhere.md', 'slides/04.md': '../../secret.txt' },
    );
    expect(problems(root)).toEqual([
      'slides/02.md:1:1: slides/02.md leads outside the project folder (to /etc/passwd); a deck may only use files inside it (copy the file into the project)',
      'slides/03.md:1:1: slides/03.md is a symbolic link to a file that does not exist: fix or delete it',
      expect.stringMatching(/^slides\/04\.md:1:1: slides\/04\.md leads outside the project folder/),
    ]);
  });

  it('refuses bytes that are not UTF-8 text and NUL bytes, at their line and column', () => {
    const { root } = project({
      'slides/01.md': Buffer.concat([
        Buffer.from('# 标题\n\n正文 ok\n第四行 '),
        Buffer.from([0xff, 0xfe, 0x41]),
      ]),
      'slides/02.md': '# b\n\nab\0cd\n',
      'slides/03.md': '# c\n',
      'slides/04.md': '# d\n\nbell \u0007 here\n',
    });
    expect(problems(root)).toEqual([
      'slides/01.md:4:5: slides/01.md is not UTF-8 text (byte 0xff at offset 30): save it as UTF-8, or remove it if it is not text',
      'slides/02.md:3:3: slides/02.md holds a NUL byte, so it is binary data, not text: save it as UTF-8 text (or remove it from the deck)',
      'slides/04.md:3:6: slides/04.md holds the character U+0007, so it is binary data, not text: save it as UTF-8 text (or remove it from the deck)',
    ]);
  });
});
