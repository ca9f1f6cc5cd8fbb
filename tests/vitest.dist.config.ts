import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Tests that read the built dist/: run after `vite build`. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['tests/dist/**/*.test.ts'],
    testTimeout: 30_000,
  },
});
