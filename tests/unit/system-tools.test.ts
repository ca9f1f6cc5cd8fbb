import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// tests/system-tools.mjs, run as `npm test` runs it, with the tools hidden: an empty PATH, a CHROMIUM_PATH that
// does not exist, no fonts. Only nginx has a fixed place the check also looks in (/usr/sbin).
const script = fileURLToPath(new URL('../system-tools.mjs', import.meta.url));
const root = process.getuid?.() === 0;

let dir: string;
let bin: string;
let fonts: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deck-tools-'));
  bin = join(dir, 'bin');
  fonts = join(dir, 'fonts');
  mkdirSync(bin);
  mkdirSync(fonts);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function check() {
  return spawnSync(process.execPath, [script], {
    encoding: 'utf8',
    env: {
      PATH: bin,
      HOME: dir,
      PLAYWRIGHT_BROWSERS_PATH: join(dir, 'pw'),
      CHROMIUM_PATH: join(dir, 'chromium'),
      DECK_FONT_DIRS: fonts,
    },
  });
}

const hidden = [
  'chromium',
  'poppler-utils',
  'libreoffice-impress',
  'fonts-noto-cjk',
  'redis-server',
  ...(existsSync('/usr/sbin/nginx') ? [] : ['nginx-light']),
];

/** A stand-in apt-get (a Node script) that logs its arguments and "installs" each package as the files the check looks for. */
function fakeAptGet() {
  const made: Record<string, string[]> = {
    chromium: [join(dir, 'chromium')],
    'poppler-utils': [join(bin, 'pdftotext'), join(bin, 'pdffonts')],
    'libreoffice-impress': [join(bin, 'soffice')],
    'fonts-noto-cjk': [join(fonts, 'NotoSansCJK-Regular.ttc')],
    'redis-server': [join(bin, 'redis-server')],
    'nginx-light': [join(bin, 'nginx')],
  };
  const apt = join(bin, 'apt-get');
  writeFileSync(
    apt,
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(join(dir, 'apt.log'))}, args.join(' ') + '\\n');
const made = ${JSON.stringify(made)};
if (args[0] === 'install')
  for (const pkg of args.filter((a) => !a.startsWith('-') && a !== 'install'))
    for (const file of made[pkg] ?? []) { fs.writeFileSync(file, '#!/bin/sh\\n'); fs.chmodSync(file, 0o755); }
`,
  );
  chmodSync(apt, 0o755);
}

describe('npm test checks the system tools first', () => {
  it('with the tools hidden, stops at once with the one command that installs them all', () => {
    const run = check();
    expect(run.status).toBe(1);
    for (const pkg of hidden) expect(run.stderr).toContain(`  ${pkg}: `);
    expect(run.stderr).toContain(`apt-get install -y --no-install-recommends ${hidden.join(' ')}`);
    expect(run.stderr).toContain('CHROMIUM_PATH');
  });

  it('as root with apt-get, installs what is missing and says so; otherwise leaves apt-get alone', () => {
    fakeAptGet();
    const run = check();
    const log = existsSync(join(dir, 'apt.log')) ? readFileSync(join(dir, 'apt.log'), 'utf8') : '';
    if (root) {
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(log).toBe(`update -qq\ninstall -y -qq --no-install-recommends ${hidden.join(' ')}\n`);
      expect(run.stdout).toContain(`installed ${hidden.join(' ')}`);
    } else {
      expect(run.status).toBe(1);
      expect(log).toBe('');
      expect(run.stderr).toContain('sudo apt-get update && sudo apt-get install');
    }
  });

  it('an install that leaves a tool missing fails with the command to run by hand', () => {
    fakeAptGet();
    // The stand-in installs nothing for redis-server this time.
    const apt = join(bin, 'apt-get');
    writeFileSync(apt, readFileSync(apt, 'utf8').replace('"redis-server":', '"none":'));
    const run = check();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(root ? 'apt-get could not install redis-server;' : 'sudo apt-get install');
  });

  it('with every tool present, passes silently', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    expect(run.status).toBe(0);
  });
});
