import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DeckError } from '../../src/compiler/diagnostics.ts';
import { type ConfigEnv, configFrom } from '../../src/config/index.ts';
import { writeAtomic } from '../../src/export/atomic.ts';
import { cdpOverPipe } from '../../src/export/cdp.ts';
import type { PrintedDeck, PrintedPage } from '../../src/export/layout.ts';
import { exportDir, exportPage, parseExportArgs } from '../../src/export/options.ts';
import { finishPdf, outlineOf } from '../../src/export/pdf-meta.ts';
import { withKey } from '../../src/export/pdf-update.ts';
import { pngName } from '../../src/export/png.ts';
import { progress } from '../../src/export/progress.ts';
import { describePending } from '../../src/export/ready.ts';
import { printUrl } from '../../src/export/session.ts';

const root = mkdtempSync(join(tmpdir(), 'deck-export-unit-'));
writeFileSync(join(root, 'package.json'), JSON.stringify({ name: '@acme/briefing' }));
/** A deck in 简体 with a 繁體 page (its converter does not matter here). */
const config = (env: ConfigEnv = {}) =>
  configFrom(root, { lang: 'zh-Hans', variants: [{ lang: 'zh-Hant', label: '繁體' }] }, undefined, env);

function usageError(args: string[]): DeckError {
  try {
    parseExportArgs(args, config());
  } catch (e) {
    if (e instanceof DeckError) return e;
    throw e;
  }
  throw new Error(`expected a usage error for ${args.join(' ')}`);
}

describe('export options', () => {
  it('defaults: exports/<package name>.pdf, the source language, one page per slide', () => {
    const o = parseExportArgs(['pdf'], config());
    expect(o).toMatchObject({
      format: 'pdf',
      lang: 'zh-Hans',
      page: 'index.html',
      notes: false,
      fragments: false,
      quiet: false,
    });
    expect(o.out).toBe(join(root, 'exports', 'briefing.pdf'));
    expect(parseExportArgs(['png'], config()).out).toBe(join(root, 'exports', 'briefing-png'));
    const english = parseExportArgs(['pdf'], configFrom(root, { name: 'talk' }, undefined, {}));
    expect(english).toMatchObject({ lang: 'en', page: 'index.html' });
    expect(english.out).toBe(join(root, 'exports', 'talk.pdf'));
  });

  it('renders in the exported language and the config’s time zone (the machine’s by default)', () => {
    expect(exportPage(parseExportArgs(['pdf'], config()))).toEqual({
      locale: 'zh-Hans',
      timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    expect(exportPage(parseExportArgs(['pdf', '--lang', 'zh-Hant'], config())).locale).toBe('zh-Hant');
    const english = configFrom(root, { timezone: 'Europe/Berlin' }, undefined, {});
    expect(exportPage(parseExportArgs(['png'], english))).toEqual({
      locale: 'en',
      timezoneId: 'Europe/Berlin',
    });
  });

  it('takes the deck folder after the format, wherever the flags are', () => {
    expect(exportDir(['pdf', 'talk', '--quiet'])).toEqual({ dir: 'talk', rest: ['pdf', '--quiet'] });
    expect(exportDir(['pdf', '--out', 'a.pdf', 'talk'])).toEqual({
      dir: 'talk',
      rest: ['pdf', '--out', 'a.pdf'],
    });
    expect(exportDir(['pdf', '--out=a.pdf'])).toEqual({ dir: undefined, rest: ['pdf', '--out=a.pdf'] });
  });

  it('follows DECK_OUT_DIR and reads every flag, with = or a separate value', () => {
    const o = parseExportArgs(
      ['pdf', '--out=x/y.pdf', '--lang', 'zh-Hant', '--notes', '--fragments', '--quiet', '--timeout', '5'],
      config({ DECK_OUT_DIR: 'build' }),
    );
    expect(o).toMatchObject({
      lang: 'zh-Hant',
      page: 'zh-Hant/index.html',
      notes: true,
      fragments: true,
      quiet: true,
      timeout: 5,
    });
    expect(o.out).toBe(resolve('x/y.pdf')); // as typed, from the current folder
    expect(o.dist).toBe(join(root, 'build'));
    expect(parseExportArgs(['png', '--scale', '2'], config()).scale).toBe(2);
  });

  it('answers a wrong format, flag or value with exit 2 and what is allowed', () => {
    expect(usageError([]).message).toContain('pdf, png, pptx or html');
    expect(usageError(['svg']).message).toContain('unknown export format "svg"');
    const flag = usageError(['png', '--notes']);
    expect(flag.exitCode).toBe(2);
    expect(flag.message).toContain('allowed: --out, --lang, --scale');
    expect(usageError(['pdf', '--lang', 'en']).message).toContain(
      "--lang must be one of the deck's languages (zh-Hans, zh-Hant)",
    );
    expect(usageError(['png', '--scale', 'big']).message).toContain('--scale takes a number');
    expect(usageError(['pdf', '--out']).message).toContain('--out takes a path');
    expect(usageError(['pdf', '--notes=no']).message).toContain('--notes takes no value');
    expect(usageError(['png', '--timeout']).message).toContain('--timeout takes a number');
  });

  it('reads flags with node:util parseArgs, both forms, and names the flag a typo meant', () => {
    const o = parseExportArgs(
      ['pdf', '--out=a.pdf', '--lang', 'zh-Hant', '--notes', '--timeout=5'],
      config(),
    );
    expect(o).toMatchObject({ out: join(process.cwd(), 'a.pdf'), lang: 'zh-Hant', notes: true, timeout: 5 });
    const typo = usageError(['pdf', '--fragment']);
    expect(typo.exitCode).toBe(2);
    expect(typo.message.split('\n')[0]).toBe(
      'unknown option "--fragment" for export pdf; did you mean "--fragments"? allowed: --out, --lang, --notes, --fragments, --quiet, --timeout',
    );
    expect(typo.message).toContain('usage: deck export pdf [DIR]');
    expect(usageError(['pdf', 'a', 'b']).message).toContain('one deck folder at a time');
  });
});

describe('export pages and URLs', () => {
  it('asks reveal.js for notes pages and fragment steps through the query', () => {
    expect(printUrl('http://127.0.0.1:1/', 'index.html')).toBe(
      'http://127.0.0.1:1/?print-pdf&pdfSeparateFragments=false',
    );
    expect(printUrl('http://127.0.0.1:1/', 'zh-Hant/index.html', { notes: true, fragments: true })).toBe(
      'http://127.0.0.1:1/zh-Hant/?print-pdf&showNotes=separate-page&pdfSeparateFragments=true',
    );
  });

  it('names PNGs 01.png … with as many digits as the count needs', () => {
    expect(pngName(0, 9)).toBe('01.png');
    expect(pngName(11, 12)).toBe('12.png');
    expect(pngName(4, 120)).toBe('005.png');
  });
});

const page = (slide: number, section: string, title: string, kind: PrintedPage['kind'] = 'slide', step = 0) =>
  ({ kind, slide, step, title, section, source: `s.md:${slide}` }) satisfies PrintedPage;

describe('export outline', () => {
  const pages = [
    page(0, '封面', '封面'),
    page(0, '封面', '封面', 'notes'),
    page(1, '走过的路', '时间线'),
    page(1, '走过的路', '时间线', 'slide', 1),
    page(2, '走过的路', '成绩'),
    page(3, '作战图', '方向一'),
  ];

  it('groups slides under their sections at their first page, skipping notes and fragment steps', () => {
    expect(outlineOf(pages)).toEqual([
      { title: '封面', page: 0, children: [] },
      {
        title: '走过的路',
        page: 2,
        children: [
          { title: '时间线', page: 2, children: [] },
          { title: '成绩', page: 4, children: [] },
        ],
      },
      { title: '作战图', page: 5, children: [{ title: '方向一', page: 5, children: [] }] },
    ]);
  });

  it('adds bookmarks, metadata and language as an update a PDF reader can walk, the pages untouched', async () => {
    // A PDF as Chromium writes one: a classic cross-reference table, nested page tree, catalog with /Lang.
    const source = await PDFDocument.create({ updateMetadata: false });
    for (let i = 0; i < 12; i++) source.addPage([1440, 810]).drawText(`page ${i + 1}`);
    source.catalog.set(PDFName.of('Lang'), PDFString.of('en'));
    const original = await source.save({ useObjectStreams: false });
    const deck: PrintedDeck = {
      title: '工业强市 (作战图)',
      author: '中共济南市委',
      subject: 'briefing',
      keywords: '济南，工业强市、作战图',
      lang: 'zh-Hans',
      slides: 4,
      pages,
    };
    const updated = finishPdf(original, deck, new Date(Date.UTC(2025, 4, 14, 9, 30)));
    expect(Buffer.from(updated.subarray(0, original.length)).equals(Buffer.from(original))).toBe(true);
    const saved = await PDFDocument.load(updated, { updateMetadata: false });
    expect(saved.getPageCount()).toBe(12);
    expect(saved.getTitle()).toBe('工业强市 (作战图)');
    expect(saved.getAuthor()).toBe('中共济南市委');
    expect(saved.getSubject()).toBe('briefing');
    expect(saved.getKeywords()).toBe('济南 工业强市 作战图');
    expect(saved.getCreationDate()?.toISOString()).toBe('2025-05-14T09:30:00.000Z');
    expect(saved.catalog.lookup(PDFName.of('Lang'), PDFString).decodeText()).toBe('zh-Hans');
    const outlines = saved.catalog.lookup(PDFName.of('Outlines'), PDFDict);
    // Each bookmark as "title@page": the page is found by the reference its /Dest holds, as a reader does.
    const pageRefs = saved.getPages().map((p) => p.ref);
    const walk = (first: PDFRef | undefined): string[] => {
      const titles: string[] = [];
      let ref = first;
      while (ref) {
        const item = saved.context.lookup(ref, PDFDict);
        const title = item.lookup(PDFName.of('Title'), PDFHexString).decodeText();
        const dest = item.lookup(PDFName.of('Dest'), PDFArray);
        expect(dest.get(1)).toBe(PDFName.of('Fit'));
        titles.push(`${title}@${pageRefs.indexOf(dest.get(0) as PDFRef)}`);
        const kids = walk(item.get(PDFName.of('First')) as PDFRef | undefined);
        if (kids.length > 0) titles.push(`(${kids.join(', ')})`);
        ref = item.get(PDFName.of('Next')) as PDFRef | undefined;
      }
      return titles;
    };
    expect(walk(outlines.get(PDFName.of('First')) as PDFRef)).toEqual([
      '封面@0',
      '走过的路@2',
      '(时间线@2, 成绩@4)',
      '作战图@5',
      '(方向一@5)',
    ]);
    expect(saved.catalog.get(PDFName.of('PageMode'))).toBe(PDFName.of('UseOutlines'));
    // pdftotext reads it as a whole, every page's text in order.
    const file = join(root, 'updated.pdf');
    writeFileSync(file, updated);
    const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('page 12');
  });

  it('replaces, adds and removes keys of a dictionary as text', () => {
    const catalog =
      '<</Type /Catalog\n/Pages 3 0 R\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>\n/Lang (en)\n/Outlines 9 0 R>>';
    const next = withKey(
      withKey(withKey(catalog, 'Lang', '(de)'), 'Outlines', undefined),
      'PageMode',
      '/UseOutlines',
    );
    expect(next).toBe(
      '<</Type /Catalog\n/Pages 3 0 R\n/ViewerPreferences <</Type /ViewerPreferences\n/DisplayDocTitle true>>\n/Lang (de)\n/PageMode /UseOutlines>>',
    );
    expect(withKey(next, 'ViewerPreferences', '<</DisplayDocTitle true>>')).toContain(
      '/Pages 3 0 R\n/Lang (de)',
    );
  });
});

describe('export writes', () => {
  it('replaces a file atomically and leaves no temp file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-export-atomic-'));
    const file = join(dir, 'deck.pdf');
    writeAtomic(file, new TextEncoder().encode('one'));
    writeAtomic(file, new TextEncoder().encode('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['deck.pdf']);
  });

  it('keeps the old file and removes its temp when the write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-export-atomic-'));
    // A folder where the file should go: the rename over it fails.
    const target = join(dir, 'taken');
    writeAtomic(join(target, 'x'), new TextEncoder().encode('kept'));
    expect(() => writeAtomic(target, new TextEncoder().encode('new'))).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(target, 'x'), 'utf8')).toBe('kept');
  });
});

describe('export progress', () => {
  it('counts steps on its stream, and says nothing when quiet', () => {
    const lines: string[] = [];
    const p = progress(false, (s) => {
      lines.push(s);
    });
    p.step('build', 'dist/ is up to date');
    p.step('write', 'dist/deck.pdf');
    p.done('export pdf: dist/deck.pdf: 3 pages');
    expect(lines[0]).toMatch(/^\[1\/4\] build dist\/ is up to date \(at \d+\.\d s\)\n$/);
    expect(lines[1]).toMatch(/^\[4\/4\] write /);
    expect(lines[2]).toBe('export pdf: dist/deck.pdf: 3 pages\n');
    const quiet: string[] = [];
    const q = progress(true, (s) => {
      quiet.push(s);
    });
    q.step('load');
    q.done('x');
    expect(quiet).toEqual([]);
  });

  it('names slides that are not ready, and how many more there are', () => {
    const pending = Array.from({ length: 10 }, (_, i) => ({
      source: `slides/0${i}.md:1-9`,
      title: `第${i}页`,
      waiting: i === 0 ? ['chart c1 not drawn'] : [],
    }));
    const text = describePending(pending, 3);
    expect(text.split('\n')).toEqual([
      '  slides/00.md:1-9 "第0页": chart c1 not drawn',
      '  slides/01.md:1-9 "第1页"',
      '  slides/02.md:1-9 "第2页"',
      '  … and 7 more',
    ]);
  });
});

describe('DevTools over a pipe', () => {
  /** A fake Chromium end: what the client writes, and a way to answer in chunks of any size. */
  function pipePair() {
    const input = new PassThrough();
    const output = new PassThrough();
    const written: Record<string, unknown>[] = [];
    input.on('data', (d: Buffer) => {
      for (const m of d.toString().split('\0').filter(Boolean)) written.push(JSON.parse(m));
    });
    let fail: (e: Error) => void = () => {};
    const failed = new Promise<never>((_, reject) => {
      fail = reject;
    });
    return { pipe: { input, output }, written, failed, fail };
  }

  it('pairs replies with commands, however the bytes are split, and hands events to their handlers', async () => {
    const { pipe, written, failed } = pipePair();
    const cdp = cdpOverPipe(pipe, failed);
    const events: unknown[] = [];
    cdp.on('Runtime.exceptionThrown', (params, session) => events.push([params, session]));
    const a = cdp.send('Target.getTargets');
    const b = cdp.send('Runtime.evaluate', { expression: '1' }, 'S1');
    await new Promise((r) => setImmediate(r));
    expect(written).toEqual([
      { id: 1, method: 'Target.getTargets', params: {} },
      { id: 2, method: 'Runtime.evaluate', params: { expression: '1' }, sessionId: 'S1' },
    ]);
    const bytes = Buffer.from(
      `${JSON.stringify({ id: 2, result: { v: '二' } })}\0${JSON.stringify({ method: 'Runtime.exceptionThrown', params: { x: 1 }, sessionId: 'S1' })}\0${JSON.stringify({ id: 1, error: { message: 'nope' } })}\0`,
    );
    // Split inside a multi-byte character and inside a message.
    for (const cut of [
      [0, 17],
      [17, 18],
      [18, 60],
      [60, bytes.length],
    ] as const)
      pipe.output.write(bytes.subarray(...cut));
    await expect(b).resolves.toEqual({ v: '二' });
    await expect(a).rejects.toThrow('Target.getTargets: nope');
    expect(events).toEqual([[{ x: 1 }, 'S1']]);
  });

  it('fails every pending and later command once Chromium is gone', async () => {
    const { pipe, failed, fail } = pipePair();
    const cdp = cdpOverPipe(pipe, failed);
    const pending = cdp.send('Page.printToPDF');
    fail(new Error('Chromium exited (SIGSEGV)'));
    await expect(pending).rejects.toThrow('SIGSEGV');
    await expect(cdp.send('IO.read')).rejects.toThrow('SIGSEGV');
  });
});
