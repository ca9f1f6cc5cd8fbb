import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The engine as another presenter gets it: `npm pack` here, the tarball installed into an empty folder outside
 * the repository, then every command a talk needs run there through npx, with nothing of this repository on
 * the path (no NODE_PATH, no node_modules/.bin of it in PATH, no npm_* variables of the `npm test` running it).
 * One pack and one install serve every step, in order.
 */

const repo = realpathSync(fileURLToPath(new URL('../..', import.meta.url)));
const temp = realpathSync(mkdtempSync(join(tmpdir(), 'deck-package-')));
const app = join(temp, 'app');
const engine = join(app, 'node_modules', 'zuozhantu-deck');
const inRepo = (path: string) => path === repo || path.startsWith(repo + sep);

/** The environment of a user's shell: this repository's tools and npm's run-script variables taken out. */
const env: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(?:npm_|NODE_PATH$|INIT_CWD$|DECK_|PORT$|HOST$)/i.test(key),
  ),
);
env.PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir && !inRepo(dir))
  .join(delimiter);

function run(command: string, args: string[], cwd = app, environment = env) {
  const result = spawnSync(command, args, { cwd, env: environment, encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  return result;
}
const deck = (...args: string[]) => run('npx', ['--no-install', 'deck', ...args]);
const bytes = (path: string) =>
  Number(execFileSync('du', ['-sb', path], { encoding: 'utf8' }).split('\t')[0]);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;

let tarball = '';
let child: ChildProcess | undefined;

beforeAll(() => {
  // Packed as `npm publish` would: prepack compiles the CLI and the API and emits the API's types.
  const packs = join(temp, 'pack');
  mkdirSync(packs);
  run('npm', ['pack', '--pack-destination', packs], repo, process.env);
  tarball = join(packs, readdirSync(packs).find((f) => f.endsWith('.tgz')) ?? 'none.tgz');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "talks", "private": true }\n', { flag: 'wx' });
}, 600_000);

afterAll(() => {
  if (child?.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  rmSync(temp, { recursive: true, force: true });
});

describe('the engine as an installed package', () => {
  it('packs the engine, its starters and compiled CLI, not this deck', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    for (const path of [
      'package/lib/cli/main.js',
      'package/lib/cli/api.js',
      'package/lib/types/index.d.ts',
      'package/src/runtime/main.ts',
      'package/assets/theme/index.css',
      'package/examples/en/slides/01-intro.md',
      'package/examples/zh-Hans/deck.config.js',
    ])
      expect(files).toContain(path);
    // Not this deck (its slides, config, assets), not tests, not the CLI's TypeScript (lib/ is compiled).
    expect(files.filter((f) => /^package\/(?:slides|tests|bench|deploy|exports|dist)\//.test(f))).toEqual([]);
    expect(files).not.toContain('package/deck.config.js');
    expect(files).not.toContain('package/src/cli/main.ts');
  });

  it('installs from the tarball alone, outside the repository', () => {
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
    expect(inRepo(app)).toBe(false);
    const resolved = run('node', [
      '--input-type=module',
      '-e',
      "const api = await import('zuozhantu-deck'); console.log(JSON.stringify({ url: import.meta.resolve('zuozhantu-deck'), api: Object.keys(api).sort() }))",
    ]);
    const { url, api } = JSON.parse(resolved.stdout) as { url: string; api: string[] };
    expect(fileURLToPath(url)).toBe(join(engine, 'lib/cli/api.js'));
    expect(api).toEqual(['defineBlock', 'defineConfig']);
    // The `deck` command is the installed one (its file, not a link back here).
    expect(realpathSync(join(app, 'node_modules/.bin/deck'))).toBe(join(engine, 'src/cli/bin.mjs'));
    process.stdout.write(
      `package: tarball ${kb(statSync(tarball).size)}, installed engine ${kb(bytes(engine))}, ` +
        `install with its dependencies ${(bytes(join(app, 'node_modules')) / 1024 / 1024).toFixed(0)} MB\n`,
    );
  });

  let slides = 0;
  it('deck init writes a starter that names the installed engine for its types; deck check passes it', () => {
    deck('init', 'talk');
    expect(readFileSync(join(app, 'talk/deck.config.js'), 'utf8')).toContain(
      "import('zuozhantu-deck').DeckConfigInput",
    );
    const check = deck('check', 'talk');
    slides = Number(/^(\d+) slides, no problems$/.exec(check.stderr.trim())?.[1]);
    expect(slides).toBeGreaterThan(5); // and no warning (a CommonJS package.json above the deck)
  });

  it('deck build writes the static site', () => {
    deck('build', 'talk');
    expect(readFileSync(join(app, 'talk/dist/index.html'), 'utf8')).toContain('<html lang="en"');
  });

  it('deck export pdf writes a page per slide with its fonts embedded', () => {
    deck('export', 'pdf', 'talk');
    const pdf = join(app, 'talk/exports/deck.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])).toBe(slides);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font.split(/\s+/).at(-5)).toBe('yes'); // the "emb" column
  });

  it('deck start serves the page and its assets', async () => {
    // Its own process group: npx runs `deck start` as a child of its own, which a signal to npx alone leaves running.
    const started = spawn('npx', ['--no-install', 'deck', 'start', 'talk'], {
      cwd: app,
      env: { ...env, PORT: '0', HOST: '127.0.0.1' },
      detached: true,
    });
    child = started;
    let stdout = '';
    const audience = await new Promise<string>((resolve, reject) => {
      started.stdout.on('data', (d: Buffer) => {
        stdout += d;
        const url = /audience\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
        if (url) resolve(url);
      });
      started.once('exit', (code) => reject(new Error(`deck start exited ${code}:\n${stdout}`)));
    });
    const page = await fetch(audience);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /src="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script!, audience));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const exited = new Promise((resolve) => started.once('exit', resolve));
    process.kill(-started.pid!, 'SIGTERM');
    await exited;
    // Nothing of the server is left running: its port closes (npx exits first, its child as it shuts down).
    await expect
      .poll(
        () =>
          fetch(audience).then(
            () => 'open',
            () => 'closed',
          ),
        { timeout: 20_000 },
      )
      .toBe('closed');
    expect(existsSync(join(app, 'talk/dist/index.html'))).toBe(true);
  });
});
