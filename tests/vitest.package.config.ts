import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The packed engine installed outside the repository (tests/package/): one pack and install, ~1–2 min. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/package/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
