import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { deckCsp, withPolicy } from '../../src/node/vite/csp.ts';
import type { DeckSource } from '../../src/node/vite/deck-source.ts';
import { serveDeck } from '../../src/server/app.ts';
import {
  CSP_FILE,
  contentSecurityPolicy,
  metaContentSecurityPolicy,
  readCspAllowance,
} from '../../src/server/csp.ts';
import { compile } from './helpers.ts';

const STRICT =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'none'";

describe('per-deck CSP allowance', () => {
  it('is off by default: the policy allows nothing off the origin', () => {
    expect(contentSecurityPolicy()).toBe(STRICT);
  });

  it('adds the allowed hosts to img-src, media-src and frame-src only', () => {
    const csp = contentSecurityPolicy({
      img: ['https://static.slid.es'],
      media: ['https://media.example.com'],
      frame: ['https://www.youtube.com'],
    });
    expect(csp).toContain("img-src 'self' data: blob: https://static.slid.es;");
    expect(csp).toContain("media-src 'self' https://media.example.com;");
    expect(csp).toContain("frame-src 'self' https://www.youtube.com;");
    expect(csp).toContain("script-src 'self';");
  });

  it('takes hosts from the first file and reports a bad one at its line', () => {
    const good = compile({ 'slides/01.md': '---\ncsp:\n  img: [https://static.slid.es]\n---\n# A\n' });
    expect(good.diagnostics).toEqual([]);
    expect(good.meta.csp).toEqual({ img: ['https://static.slid.es'] });
    const bad = compile({
      'slides/01.md': '---\ntitle: x\ncsp:\n  img: ["https://a.com; script-src *"]\n  fonts: []\n---\n# A\n',
    });
    const lines = bad.diagnostics.map(formatDiagnostic);
    expect(lines).toContainEqual(
      expect.stringMatching(/^slides\/01\.md:4:9: csp\.img\[0\] must be a host such as/),
    );
    expect(lines).toContainEqual(
      'slides/01.md:5:3: unknown key "fonts" in csp: known keys are img, media, frame',
    );
  });

  it('is written by the build only when the deck allows a host', () => {
    const emitted: { fileName: string; source: string }[] = [];
    const build = (csp: unknown, config: unknown = {}) =>
      (
        deckCsp({
          config: { csp: config },
          variants: [{}],
          get: () => ({ meta: { csp } }),
        } as unknown as DeckSource).generateBundle as (
          this: unknown,
          options: unknown,
          bundle: unknown,
        ) => void
      ).call({ emitFile: (f: { fileName: string; source: string }) => emitted.push(f) }, {}, {});
    build(undefined);
    build({ img: [] });
    expect(emitted).toEqual([]);
    build({ img: ['https://static.slid.es'] });
    expect(emitted).toEqual([
      { type: 'asset', fileName: CSP_FILE, source: '{"img":["https://static.slid.es"]}\n' },
    ]);
    emitted.length = 0;
    build({ img: ['https://static.slid.es'] }, { img: ['https://static.slid.es', 'https://a.example'] });
    expect(emitted.map((f) => f.source)).toEqual([
      '{"img":["https://static.slid.es","https://a.example"]}\n',
    ]);
  });

  describe('served by npm start', () => {
    let root: string;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'deck-csp-'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><title>deck</title>');
      writeFileSync(join(root, 'app.js'), '1');
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('keeps only well-formed hosts from the file (the header cannot be injected)', () => {
      writeFileSync(
        join(root, CSP_FILE),
        JSON.stringify({ img: ['https://ok.example.com', "x; script-src 'unsafe-inline'"], media: 3 }),
      );
      expect(readCspAllowance(root)).toEqual({ img: ['https://ok.example.com'], media: [], frame: [] });
    });

    it('sends the allowance on pages, the strict policy elsewhere and without a file', async () => {
      writeFileSync(join(root, CSP_FILE), JSON.stringify({ img: ['https://static.slid.es'] }));
      const deck = await serveDeck({ root, port: 0 });
      try {
        const page = await fetch(deck.url);
        expect(page.headers.get('content-security-policy')).toContain(
          "img-src 'self' data: blob: https://static.slid.es;",
        );
        const script = await fetch(new URL('app.js', deck.url));
        expect(script.headers.get('content-security-policy')).toBe(STRICT);
      } finally {
        await deck.close();
      }
      rmSync(join(root, CSP_FILE));
      const bare = await serveDeck({ root, port: 0 });
      try {
        expect((await fetch(bare.url)).headers.get('content-security-policy')).toBe(STRICT);
      } finally {
        await bare.close();
      }
    });
  });
});

describe('per-deck markdown options', () => {
  it('reports a separator that is no regular expression, and an unknown option, at their lines', () => {
    const deck = compile({ 'slides/01.md': "---\nmarkdown:\n  separator: '(('\n  separatr: x\n---\n# A\n" });
    const lines = deck.diagnostics.map(formatDiagnostic);
    expect(lines).toContainEqual(
      expect.stringMatching(/^slides\/01\.md:3:14: markdown\.separator must be a valid regular expression/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^slides\/01\.md:4:3: unknown key "separatr" in markdown: did you mean "separator"\? known keys are defaults, separator, separator-vertical/,
      ),
    );
  });

  it("reads later files with the first file's separators", () => {
    const deck = compile({
      'slides/01.md': "---\nmarkdown:\n  separator: '^\\n\\*\\*\\*\\n$'\n---\n# A\n\n***\n\n# B\n",
      'slides/02.md': '# C\n\n---\n\nstill C\n\n***\n\n# D\n',
    });
    expect(deck.diagnostics).toEqual([]);
    expect(deck.stacks.map((s) => s[0]?.title)).toEqual(['A', 'B', 'C', 'D']);
  });
});

describe('the policy in the page', () => {
  it('is the header’s, with the allowance, less what a meta policy ignores', () => {
    const meta = metaContentSecurityPolicy({ img: ['https://static.slid.es'] });
    expect(meta).not.toContain('frame-ancestors');
    expect(meta).toContain("script-src 'self';");
    expect(meta).toContain("img-src 'self' data: blob: https://static.slid.es;");
  });

  it('goes first in the head, right after the charset, before any script or style', () => {
    const page =
      '<!doctype html><html><head><link rel="preload" href="a.woff2">\n<meta charset="utf-8"><style>a{}</style></head><body><script>1</script></body></html>';
    const out = withPolicy(page, '<meta http-equiv="Content-Security-Policy" content="x">');
    expect(out.indexOf('<meta charset="utf-8">')).toBe(out.indexOf('<head>') + 11);
    expect(out.match(/charset/g)).toHaveLength(1);
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('preload'));
  });
});
