import { buildDeck } from '../node/build.ts';
import { serveDeck } from '../server/app.ts';

/** `deck start`: builds when stale, serves dist/, prints the URL; stops cleanly on SIGINT/SIGTERM. */
export async function start(_args: string[]): Promise<number> {
  const root = process.cwd();
  process.stderr.write('building the deck (skipped when dist/ is up to date)…\n');
  const dist = await buildDeck({ root });
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  const { server, url } = await serveDeck({ root: dist, port, host });
  process.stdout.write(`\n  作战图 is being served at ${url}\n\n  Ctrl+C stops it.\n`);
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
