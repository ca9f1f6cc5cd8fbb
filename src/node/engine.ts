import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The engine's folder (this repository or its installed package): where the runtime, the theme and the font
 * cache are, whichever folder the deck is in. Found by walking up, as this module runs from src/node/ and,
 * bundled into the CLI, from lib/cli/.
 */
function engineRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'src/runtime/main.ts'))) return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`the deck engine's src/runtime/ is not above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

export const ENGINE_ROOT = engineRoot();
