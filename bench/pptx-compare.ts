/**
 * `npm run pptx:compare [-- --slides 10,12,19]`: the PPTX export as LibreOffice Impress renders it, beside the
 * web slide, for a person to look at. Exports the deck as PPTX and PNG (the CLI, as a user runs it), converts
 * the PPTX to PDF with headless LibreOffice (a profile of its own), rasterises the chosen pages with poppler,
 * and writes one side-by-side PNG per slide into exports/pptx-compare/ (beside the exports, out of the build). Without --slides it picks the first two
 * charts, the first chain map, the first slide with SVG arrowheads (the battle map) and the first figure card.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { resolveDeckConfig } from '../src/config/index.ts';
import { chromiumArgs, findChromium } from '../src/node/browser.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = (await resolveDeckConfig(root)).outDir;
const out = join(root, 'exports', 'pptx-compare');
const work = mkdtempSync(join(tmpdir(), 'pptx-compare-'));

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
}

/** 1-based slide numbers of the first slides that show each kind of figure, in the built page. */
function pickSlides(): number[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const sections = html.split(/<section(?=[^>]*data-source=)/).slice(1);
  const first = (test: (s: string) => boolean, skip: number[] = []) =>
    sections.findIndex((s, i) => test(s) && !skip.includes(i + 1)) + 1;
  const chart = (s: string) => s.includes('data-block="chart"');
  const picks: number[] = [];
  picks.push(first(chart));
  picks.push(first(chart, picks));
  picks.push(first((s) => s.includes('data-block="chain-map"')));
  picks.push(first((s) => s.includes('<marker')));
  picks.push(first((s) => s.includes('data-block="figures"'), picks));
  return [...new Set(picks.filter((n) => n > 0))];
}

const arg = process.argv.indexOf('--slides');
const bin = join(root, 'src/cli/bin.mjs');
run(process.execPath, [bin, 'export', 'pptx', '--out', join(work, 'deck.pptx')]);
run(process.execPath, [bin, 'export', 'png', '--quiet', '--out', join(work, 'web')]);
const slides = arg > 0 ? process.argv[arg + 1]!.split(',').map(Number) : pickSlides();
run('soffice', [
  `-env:UserInstallation=file://${work}/profile`,
  '--headless',
  '--convert-to',
  'pdf',
  '--outdir',
  work,
  join(work, 'deck.pptx'),
]);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: await findChromium(), args: chromiumArgs() });
try {
  const page = await browser.newPage({ viewport: { width: 1940, height: 620 } });
  for (const n of slides) {
    const name = String(n).padStart(2, '0');
    run('pdftoppm', [
      '-png',
      '-r',
      '96',
      '-f',
      String(n),
      '-l',
      String(n),
      '-singlefile',
      join(work, 'deck.pdf'),
      join(work, `lo-${name}`),
    ]);
    const web = readFileSync(join(work, 'web', `${name}.png`)).toString('base64');
    const lo = readFileSync(join(work, `lo-${name}.png`)).toString('base64');
    await page.setContent(
      `<body style="margin:0;display:flex;gap:20px;background:#888;font:16px sans-serif;color:#fff">` +
        `<figure style="margin:0"><img width="960" src="data:image/png;base64,${web}"><figcaption>web slide ${n}</figcaption></figure>` +
        `<figure style="margin:0"><img width="960" src="data:image/png;base64,${lo}"><figcaption>PPTX in LibreOffice Impress</figcaption></figure></body>`,
    );
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    process.stdout.write(`${file}\n`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
