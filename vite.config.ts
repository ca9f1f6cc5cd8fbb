import { defineConfig } from 'vite';
import { deck } from './src/node/vite/index.ts';

export default defineConfig({
  base: './',
  plugins: [deck()],
  build: {
    target: 'es2022',
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: { port: 5173 },
});
