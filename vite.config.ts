import { defineConfig } from 'vite';
import { deck } from './src/node/vite/index.ts';

export default defineConfig({
  base: './',
  plugins: [deck()],
  build: {
    // DECK_OUT_DIR lets parallel checkouts or tools build side by side; npm start serves the same folder.
    outDir: process.env.DECK_OUT_DIR ?? 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { port: 5173 },
});
