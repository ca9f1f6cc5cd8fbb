// The `deck` command as compiled JavaScript: src/cli/main.ts and what it imports, bundled by Vite (a run-time
// dependency) into lib/cli/, one chunk per lazily loaded command. Plain JavaScript, so it runs before any
// TypeScript can. `npm ci` compiles in `prepare`; bin.mjs recompiles when a module it was compiled from (listed in
// lib/cli/inputs.json) or package.json is newer than the output. The packed engine (package.json "files") ships lib/
// without the CLI's TypeScript: there the compiled CLI is what there is, and nothing compiles at install or run time.
// The same build compiles the public API (src/index.ts → lib/cli/api.js); `prepack` emits its types (lib/types/).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = join(root, 'lib/cli');
const entry = join(outDir, 'main.js');
const manifest = join(outDir, 'inputs.json');

/** Whether the output is newer than every module it was made of (a new import edits one of them). */
function fresh() {
  try {
    const built = statSync(entry).mtimeMs;
    if (!existsSync(join(root, 'src/cli/main.ts'))) return true; // an installed package: no sources to compile
    const inputs = [...JSON.parse(readFileSync(manifest, 'utf8')), 'package.json'];
    return inputs.every((file) => statSync(join(root, file)).mtimeMs <= built);
  } catch {
    return false; // missing output, manifest or input
  }
}

/** Writes a file whole or not at all: processes started side by side may compile at once. */
function writeAtomic(file, text) {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Bundles the CLI and the public API: every package stays an import (node_modules is there at run time), chunks are hashed. */
export async function compile({ clean = false } = {}) {
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      write: false,
      target: 'node20',
      minify: false,
      rolldownOptions: {
        input: { main: join(root, 'src/cli/main.ts'), api: join(root, 'src/index.ts') },
        external: (id) => !id.startsWith('.') && !isAbsolute(id) && !id.startsWith('\0'),
        output: { format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  // The project's own modules (not packages), for the freshness check.
  const inputs = chunks
    .flatMap((c) => (c.type === 'chunk' ? c.moduleIds : []))
    .filter((id) => isAbsolute(id) && !id.includes('/node_modules/'))
    .map((id) => relative(root, id));
  writeAtomic(manifest, JSON.stringify([...new Set(inputs)].sort()));
  // Hashed chunks first, the entry last: a process that sees the new entry finds every chunk it names.
  for (const c of chunks.filter((c) => c.fileName !== 'main.js'))
    writeAtomic(join(outDir, c.fileName), c.type === 'chunk' ? c.code : c.source);
  for (const c of chunks.filter((c) => c.fileName === 'main.js')) writeAtomic(entry, c.code);
  // Then the chunks no entry names any more, last (not a clean slate first): a `deck` starting meanwhile finds
  // every chunk its entry names, and what is packed is this build alone.
  if (clean) {
    const made = new Set([...chunks.map((c) => c.fileName), 'inputs.json']);
    for (const name of readdirSync(outDir)) if (!made.has(name)) rmSync(join(outDir, name), { force: true });
  }
}

/** The compiled CLI's entry, compiled first when missing or older than its sources. */
export async function compiledCli() {
  if (!fresh()) await compile();
  return pathToFileURL(entry).href;
}

// Run as a script (`prepare`, `prepack`); the installed package has no sources and its lib/ as shipped.
if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === process.argv[1] &&
  existsSync(join(root, 'src/cli/main.ts'))
)
  await compile({ clean: true });
