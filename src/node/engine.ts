import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The engine's folder (this repository, or the installed package in a deck's node_modules): where the runtime,
 * the theme, the starters and the font cache are, whichever folder the deck is in. Taken from this module's own
 * place, which is two folders down both as source (src/node/) and bundled into the CLI (lib/cli/): nothing is
 * looked up from the working directory or a parent, so an installed engine never reads a checkout beside it.
 */
function engineRoot(): string {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  if (!existsSync(`${root}src/runtime/main.ts`))
    throw new Error(`the deck engine's src/runtime/main.ts is missing from ${root}: reinstall the engine`);
  return root.replace(/[\\/]$/, '');
}

export const ENGINE_ROOT = engineRoot();
