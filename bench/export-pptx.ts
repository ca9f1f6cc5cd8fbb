/**
 * `npm run bench:export -- pptx`: `deck export pptx` as a whole process, BENCH_RUNS times (default 3) after one
 * untimed build: median wall time, file size, and the objects in the file by kind, counted from its XML (not
 * from the exporter's own summary). Beside it, what `slidev export --format pptx` is documented to write: one
 * PNG per slide as the slide's picture, with no text, shape or chart a person can edit.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { resolveDeckConfig } from '../src/config/index.ts';
import { buildDeck } from '../src/node/build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.DECK_OUT_DIR = process.env.DECK_OUT_DIR ?? '.out/bench-export-pptx';
const work = resolve(root, '.out/bench-export-pptx-work');
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

interface Objects {
  slides: number;
  textBoxes: number;
  shapes: number;
  lines: number;
  groups: number;
  charts: number;
  pictures: number;
  fallbacks: number;
  backgroundPictures: number;
  /** Characters of editable text on the slides. */
  characters: number;
}

/** Objects by kind, read from the slides' XML. */
async function count(file: string): Promise<Objects> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const o: Objects = {
    slides: 0,
    textBoxes: 0,
    shapes: 0,
    lines: 0,
    groups: 0,
    charts: 0,
    pictures: 0,
    fallbacks: 0,
    backgroundPictures: 0,
    characters: 0,
  };
  for (const path of Object.keys(zip.files).filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p))) {
    const xml = await zip.file(path)!.async('string');
    o.slides++;
    for (const sp of xml.match(/<p:sp>[\s\S]*?<\/p:sp>/g) ?? []) {
      if (/prst="line"|<a:custGeom>/.test(sp)) o.lines++;
      else if (/<a:t>/.test(sp) && !/<p:spPr>[\s\S]*<a:solidFill>[\s\S]*<\/p:spPr>/.test(sp)) o.textBoxes++;
      else o.shapes++;
    }
    o.groups += (xml.match(/<p:grpSp>/g) ?? []).length;
    o.charts += (xml.match(/<c:chart /g) ?? []).length;
    for (const pic of xml.match(/<p:pic>[\s\S]*?<\/p:pic>/g) ?? [])
      if (/name="[^"]*Fallback/.test(pic)) o.fallbacks++;
      else o.pictures++;
    if (/<p:bg>[\s\S]*<a:blipFill/.test(xml)) o.backgroundPictures++;
    o.characters += [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].reduce((n, m) => n + [...m[1]!].length, 0);
  }
  return o;
}

async function exportOnce(out: string): Promise<number> {
  rmSync(out, { force: true });
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(root, 'src/cli/bin.mjs'), 'export', 'pptx', '--quiet', '--out', out],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`deck export pptx exited ${code}`);
  return (performance.now() - started) / 1000;
}

process.stderr.write(`building the deck once into ${process.env.DECK_OUT_DIR}/ …\n`);
await buildDeck({ config: await resolveDeckConfig(root), force: true });
mkdirSync(work, { recursive: true });
const file = join(work, 'deck.pptx');
const seconds: number[] = [];
for (let i = 0; i < runs; i++) {
  seconds.push(await exportOnce(file));
  process.stderr.write(`run ${i + 1}/${runs}: ${seconds[i]!.toFixed(2)} s\n`);
}
const o = await count(file);
const sorted = [...seconds].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const bytes = statSync(file).size;

const rows: [string, string, string][] = [
  ['', 'deck export pptx', 'slidev export --format pptx (documented)'],
  ['wall time (whole process, median)', `${median.toFixed(2)} s (${runs} runs)`, '—'],
  ['file size', `${(bytes / 1024).toFixed(0)} KB`, '—'],
  ['slides', String(o.slides), String(o.slides)],
  ['text boxes', String(o.textBoxes), '0'],
  ['shapes (with fill or outline, text inside)', String(o.shapes), '0'],
  ['lines and connectors', String(o.lines), '0'],
  ['groups (diagrams)', String(o.groups), '0'],
  ['native charts (Edit Data)', String(o.charts), '0'],
  ['pictures', String(o.pictures), `${o.slides} (one PNG per slide)`],
  ['fallback pictures (an element PowerPoint cannot draw)', String(o.fallbacks + o.backgroundPictures), '—'],
  ['editable characters', String(o.characters), '0'],
];
const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length))];
console.log();
for (const r of rows) console.log(`${r[0].padEnd(w[0]!)}  ${r[1].padEnd(w[1]!)}  ${r[2]}`);
