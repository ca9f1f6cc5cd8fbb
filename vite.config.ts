import { defineConfig } from 'vite';
import { resolveDeckConfig } from './src/config/index.ts';
import { viteConfig } from './src/node/vite/index.ts';

// `npm run dev` (vite) on this repository's deck; `deck build`/`deck start` use the same configuration.
export default defineConfig(async () => {
  const { configFile: _, ...config } = viteConfig(await resolveDeckConfig(process.cwd()));
  return config;
});
