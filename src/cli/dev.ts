import { DeckError } from '../compiler/diagnostics.ts';
import { shownTitle } from '../config/index.ts';
import { deckAt } from './deck-dir.ts';

/** Settings `deck dev` reads from the environment, with their defaults. */
export interface DevEnv {
  /** @default 5173; 0 takes a free port */
  PORT?: string;
  /** @default 127.0.0.1: the dev server serves the deck's folder, so it stays on this machine unless asked */
  HOST?: string;
}

/**
 * `deck dev [DIR]`: Vite's dev server on any deck folder, as `npm run dev` is on this repository's deck: saving a
 * slide updates it in place (slide and fragment kept), problems show in Vite's overlay at their line.
 */
export async function dev(args: string[], env: DevEnv = process.env): Promise<number> {
  const config = await deckAt('dev', args);
  const port = Number(env.PORT ?? 5173);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new DeckError(`PORT must be a port number (0–65535); got "${env.PORT}"`, [], 2);
  const host = env.HOST ?? '127.0.0.1';
  const [{ createServer }, { viteConfig }] = await Promise.all([
    import('vite'),
    import('../node/vite/index.ts'),
  ]);
  const base = viteConfig(config);
  const server = await createServer({
    ...base,
    logLevel: 'warn',
    server: { ...base.server, host, port, strictPort: port !== 0 },
  });
  try {
    await server.listen();
  } catch (e) {
    await server.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE' || /Port \d+ is in use/.test(String(e)))
      throw new DeckError(`port ${port} is in use: stop what uses it or set PORT to another port`, [], 1);
    throw e;
  }
  const url = server.resolvedUrls?.local[0] ?? `http://${host}:${port}/`;
  // Ctrl+C closes the server and exits 0; SIGTERM is Vite's own to handle (it closes and exits 143).
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => void server.close().then(resolve));
  });
  process.stdout.write(
    `${shownTitle(config)}: editing at ${url} (saving a slide updates it in place; Ctrl+C stops)\n`,
  );
  await stopped;
  return 0;
}
