import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { loadDeck } from '../../src/node/load.ts';

/**
 * The code-walkthrough example deck (tests/fixtures/code-walkthrough), compiled by the deck's compiler and
 * run by reveal.js, beside the same markdown run through reveal.js's own markdown and highlight plugins:
 * stepping with the keyboard, and the print view with one page per fragment, must show the same code step.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = `${root}tests/fixtures/code-walkthrough`;
const markdown = readFileSync(`${fixture}/slides/01-walkthrough.md`, 'utf8').replace(
  /^---\n[\s\S]*?\n---\n/,
  '',
);
const ours = loadDeck({ root: fixture }).html;

const FILES: Record<string, [string, string]> = {
  '/reveal.css': ['node_modules/reveal.js/dist/reveal.css', 'text/css'],
  '/code.css': ['assets/theme/code.css', 'text/css'],
  '/reveal.js': ['node_modules/reveal.js/dist/reveal.js', 'text/javascript'],
  '/markdown.js': ['node_modules/reveal.js/dist/plugin/markdown.js', 'text/javascript'],
  '/highlight.js': ['node_modules/reveal.js/dist/plugin/highlight.js', 'text/javascript'],
};

function page(slides: string, plugins: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/reveal.css"><link rel="stylesheet" href="/code.css"></head>
<body><div class="reveal"><div class="slides">${slides}</div></div>
<script src="/reveal.js"></script>${plugins ? '<script src="/markdown.js"></script><script src="/highlight.js"></script>' : ''}
<script>Reveal.initialize({ hash: false, transition: 'none', pdfSeparateFragments: true, plugins: [${plugins}] })
  .then(() => { document.documentElement.dataset.ready = 'true'; });</script></body></html>`;
}

const reference = `<section data-markdown data-separator="^\\n---\\n$" data-separator-vertical="^\\n--\\n$"><textarea data-template>${markdown.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</textarea></section>`;

async function open(p: Page, which: 'ours' | 'reveal', query = ''): Promise<void> {
  await p.route('http://deck.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = FILES[path];
    if (file) return route.fulfill({ body: readFileSync(`${root}${file[0]}`), contentType: file[1] });
    if (path === '/') {
      const html = which === 'ours' ? page(ours, '') : page(reference, 'RevealMarkdown, RevealHighlight');
      return route.fulfill({ body: html, contentType: 'text/html' });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await p.goto(`http://deck.test/${query}`);
  await p.waitForFunction(() => document.documentElement.dataset.ready === 'true');
}

/** On the current slide: the `data-line-numbers` of the code step on top (the last one shown). */
function shownStep(p: Page): Promise<string | null> {
  return p.evaluate(() => {
    const pre = document.querySelector('.reveal .slides section.present pre.code-wrapper');
    if (!pre) return null;
    const shown = [...pre.querySelectorAll('code')].filter(
      (c, k) => k === 0 || c.classList.contains('visible'),
    );
    return shown[shown.length - 1]?.getAttribute('data-line-numbers') ?? null;
  });
}

/** Presses → through the deck, recording the slide and the code step shown after each key. */
async function walk(p: Page): Promise<string[]> {
  const seen: string[] = [];
  for (let k = 0; k < 12; k++) {
    const i = await p.evaluate(() => window.Reveal.getIndices());
    seen.push(`${i.h}.${i.f ?? '-'}:${await shownStep(p)}`);
    await p.keyboard.press('ArrowRight');
  }
  return seen;
}

test('→ steps through each code walkthrough as reveal.js does, one highlight per step', async ({
  browser,
}) => {
  const a = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const b = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await open(a, 'ours');
  await open(b, 'reveal');
  const ourWalk = await walk(a);
  expect(ourWalk.slice(0, 4)).toEqual(['0.-1:1-2', '0.0:3', '0.1:4', '1.-1:1-2']);
  expect(ourWalk).toEqual(await walk(b));
  // The rows highlighted in the step shown are the ones its spec names, numbered from the offset.
  await a.evaluate(() => window.Reveal.slide(1, 0, 0));
  const rows = await a.evaluate(() =>
    [...document.querySelectorAll('section.present pre code.visible tr.highlight-line td.hljs-ln-code')].map(
      (td) => td.getAttribute('data-line-number'),
    ),
  );
  expect(rows).toEqual(['714']);
  await a.close();
  await b.close();
});

test('the print view (PDF export with --fragments) has a page per code step, each showing its step', async ({
  browser,
}) => {
  const steps: string[][] = [];
  for (const which of ['ours', 'reveal'] as const) {
    const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await open(p, which, '?print-pdf');
    await p.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
    steps.push(
      await p.evaluate(() =>
        [...document.querySelectorAll('.pdf-page')].map((page) => {
          const codes = [...page.querySelectorAll('pre.code-wrapper code')].filter(
            (c, k) => k === 0 || c.classList.contains('visible'),
          );
          return codes[codes.length - 1]?.getAttribute('data-line-numbers') ?? '';
        }),
      ),
    );
    await p.close();
  }
  expect(steps[0]?.slice(0, 3)).toEqual(['1-2', '3', '4']);
  expect(steps[0]).toEqual(steps[1]);
});
