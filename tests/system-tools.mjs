#!/usr/bin/env node
// The system tools the tests use, checked before any test runs (`npm test` runs this first, `.ci/run` too).
// Missing ones are installed with apt-get when running as root where apt-get exists; otherwise this stops at
// once with the one command that installs them all. Plain JavaScript with no imports beyond Node's, so it runs
// before `npm ci` as well.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const env = process.env;

/** An executable named `name` on $PATH. */
function onPath(name) {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The order src/node/browser.ts finds Chromium in: $CHROMIUM_PATH, Playwright's cache, /usr/bin/chromium. */
function chromium() {
  if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH);
  const cache = env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache/ms-playwright');
  try {
    for (const revision of readdirSync(cache).filter((name) => /^chromium-\d+$/.test(name)))
      for (const dir of ['chrome-linux64', 'chrome-linux'])
        if (existsSync(join(cache, revision, dir, 'chrome'))) return true;
  } catch {
    // no cache
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].some((path) => existsSync(path));
}

/** A CJK font LibreOffice can draw the PPTX's Chinese with (it does not read the deck's web fonts). */
function cjkFont() {
  const roots = (env.DECK_FONT_DIRS ?? '/usr/share/fonts').split(delimiter).filter(Boolean);
  const found = (dir, depth) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    return entries.some((e) =>
      e.isDirectory()
        ? depth > 0 && found(join(dir, e.name), depth - 1)
        : /CJK|SourceHanSans|WenQuanYi/i.test(e.name),
    );
  };
  return roots.some((root) => found(root, 3));
}

// nginx: tests/unit/services.ts also looks in /usr/sbin, which a non-root PATH lacks.
const TOOLS = [
  { pkg: 'chromium', what: 'Chromium (browser tests and exports)', present: chromium },
  {
    pkg: 'poppler-utils',
    what: 'pdftotext and pdffonts (read the exported PDF)',
    present: () => onPath('pdftotext') && onPath('pdffonts'),
  },
  {
    pkg: 'libreoffice-impress',
    what: 'LibreOffice Impress (opens the exported PPTX)',
    present: () => onPath('soffice'),
  },
  { pkg: 'fonts-noto-cjk', what: 'a CJK font for LibreOffice', present: cjkFont },
  { pkg: 'redis-server', what: 'redis-server (the relay over Redis)', present: () => onPath('redis-server') },
  {
    pkg: 'nginx-light',
    what: 'nginx (the relays behind deploy/nginx.conf)',
    present: () => onPath('nginx') || existsSync('/usr/sbin/nginx'),
  },
];

const missing = () => TOOLS.filter((tool) => !tool.present());

let lacking = missing();
if (lacking.length === 0) process.exit(0);

const names = lacking.map((t) => t.pkg).join(' ');
const root = process.getuid?.() === 0;
const sudo = root ? '' : 'sudo ';
const command = `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${names}`;
const list = lacking.map((t) => `  ${t.pkg}: ${t.what}`).join('\n');

if (root && onPath('apt-get')) {
  console.log(
    `system-tools: the tests need these and they are missing; installing them with apt-get:\n${list}`,
  );
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: aptEnv });
  const update = run(['update', '-qq']);
  const install =
    update.status === 0 &&
    run(['install', '-y', '-qq', '--no-install-recommends', ...lacking.map((t) => t.pkg)]);
  lacking = missing();
  if (install && install.status === 0 && lacking.length === 0) {
    console.log(`system-tools: installed ${names}`);
    process.exit(0);
  }
  console.error(
    `system-tools: apt-get could not install ${lacking.map((t) => t.pkg).join(' ') || names}; install by hand:\n  ${command}`,
  );
  process.exit(1);
}

console.error(
  `system-tools: the tests need tools this machine lacks:\n${list}\n` +
    `Install them all with:\n  ${command}` +
    (lacking.some((t) => t.pkg === 'chromium')
      ? '\n(or set CHROMIUM_PATH to a Chromium or Chrome you have)'
      : ''),
);
process.exit(1);
