import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINE_ROOT } from '../../node/engine.ts';

/** The global the walker's bundle defines in the page. */
const GLOBAL = '__deckPptxWalk';
const ENTRY = '\0deck:pptx-walk';

/** Each block's PPTX mapping (`src/blocks/<name>/pptx.ts`), in name order: a new block adds its own file only. */
export function pptxMappingFiles(root = ENGINE_ROOT): string[] {
  const blocks = join(root, 'src/blocks');
  if (!existsSync(blocks)) return [];
  return readdirSync(blocks, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(blocks, d.name, 'pptx.ts')))
    .map((d) => join(blocks, d.name, 'pptx.ts'))
    .sort();
}

let bundled: Promise<string> | undefined;

/**
 * The walker (walk/index.ts) and the blocks' mappings as one script for the page, which defines `GLOBAL`:
 * bundled from the engine's own files by rolldown once a process (about 0.1 s), so it imports the contracts
 * like any module and works wherever the engine is installed.
 */
export function walkerScript(): Promise<string> {
  bundled ??= (async () => {
    const { rolldown } = await import('rolldown');
    const files = pptxMappingFiles();
    const entry = [
      `import { walkPrintView } from ${JSON.stringify(join(ENGINE_ROOT, 'src/export/pptx/walk/index.ts'))};`,
      ...files.map((f, i) => `import m${i} from ${JSON.stringify(f)};`),
      `export const walk = (input) => walkPrintView(input, [${files.map((_, i) => `m${i}`).join(', ')}]);`,
    ].join('\n');
    const bundle = await rolldown({
      input: ENTRY,
      platform: 'browser',
      tsconfig: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'deck:pptx-walk-entry',
          resolveId: (id) => (id === ENTRY ? id : null),
          load: (id) => (id === ENTRY ? entry : null),
        },
      ],
    });
    try {
      const { output } = await bundle.generate({ format: 'iife', name: GLOBAL, codeSplitting: false });
      return output[0].code;
    } finally {
      await bundle.close();
    }
  })();
  bundled.catch(() => {
    bundled = undefined;
  });
  return bundled;
}

/** The expression that runs the bundled walker on `input` in the page and gives back its scene. */
export async function walkExpression(input: unknown): Promise<string> {
  return `${await walkerScript()}\n;${GLOBAL}.walk(${JSON.stringify(input)})`;
}
