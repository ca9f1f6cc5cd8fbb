import { DeckError } from '../compiler/diagnostics.ts';
import { shownTitle } from '../config/index.ts';
import { buildDeck } from '../node/build.ts';
import { serveDeck } from '../server/app.ts';
import { configuredHosts } from '../server/hosts.ts';
import { addressList } from '../server/ops.ts';
import { randomToken } from '../server/token.ts';
import { banner, deckUrls } from './banner.ts';
import { deckAt } from './deck-dir.ts';

/** Settings `deck start` reads from the environment, with their defaults. */
export interface StartEnv {
  /** @default 8080 */
  PORT?: string;
  /** @default 127.0.0.1; 0.0.0.0 serves the LAN (and prints its addresses) */
  HOST?: string;
  /** The presenter token. @default a random one per start */
  DECK_PRESENTER_TOKEN?: string;
  /** The audience URL to advertise when the server sits behind a proxy. @default the LAN or bound address */
  DECK_PUBLIC_URL?: string;
  /** Host names to answer besides IP addresses, localhost and DECK_PUBLIC_URL's host (comma-separated). */
  DECK_ALLOWED_HOSTS?: string;
  /** Proxies (addresses, comma-separated) whose X-Forwarded-For names the client. @default none */
  DECK_TRUSTED_PROXIES?: string;
  /** Followers from one address (raise it for a venue behind one NAT). @default 1000 */
  DECK_MAX_PER_ADDRESS?: string;
  /** `redis://host:port/db`: one of many relay instances sharing the talk. @default none: in memory */
  DECK_RELAY_REDIS?: string;
  /** Addresses and CIDR ranges (comma-separated) that may read /metrics. @default loopback only */
  DECK_METRICS_ALLOW?: string;
}

/**
 * `deck start`: builds when stale, serves dist/ and the follow-along relay from one process, prints the
 * audience URL, the presenter URL and a QR code; stops cleanly on SIGINT/SIGTERM.
 */
export async function start(args: string[], env: StartEnv = process.env): Promise<number> {
  const config = await deckAt('start', args);
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new DeckError(`PORT must be a port number (0–65535); got "${env.PORT}"`, [], 2);
  const host = env.HOST ?? '127.0.0.1';
  const listed = (env.DECK_METRICS_ALLOW ?? '').split(',').filter((a) => a.trim());
  const metricsAllow = listed.length > 0 ? listed : undefined;
  try {
    addressList(listed);
  } catch (e) {
    throw new DeckError(`DECK_METRICS_ALLOW: ${(e as Error).message}`, [], 2);
  }
  const token = env.DECK_PRESENTER_TOKEN || randomToken();
  if (env.DECK_PRESENTER_TOKEN && env.DECK_PRESENTER_TOKEN.length < 12)
    process.stderr.write(
      'warning: DECK_PRESENTER_TOKEN is short; anyone who guesses it can drive the deck\n',
    );
  process.stderr.write('building the deck (skipped when its site is up to date)…\n');
  const dist = await buildDeck({ config });
  const publicUrl = env.DECK_PUBLIC_URL ? new URL(env.DECK_PUBLIC_URL).href : undefined;
  const trustedProxies = (env.DECK_TRUSTED_PROXIES ?? '').split(',').map((a) => a.trim());
  const maxPerAddress = Number(env.DECK_MAX_PER_ADDRESS ?? 1000);
  if (!Number.isInteger(maxPerAddress) || maxPerAddress < 1)
    throw new DeckError(
      `DECK_MAX_PER_ADDRESS must be a positive whole number; got "${env.DECK_MAX_PER_ADDRESS}"`,
      [],
      2,
    );
  const redis = env.DECK_RELAY_REDIS || undefined;
  if (redis && !/^rediss?:\/\/[^\s]+$/.test(redis))
    throw new DeckError(`DECK_RELAY_REDIS must be a redis:// or rediss:// URL; got "${redis}"`, [], 2);
  let deck: Awaited<ReturnType<typeof serveDeck>>;
  try {
    deck = await serveDeck({
      root: dist,
      port,
      host,
      relay: config.relay
        ? { token, maxPerAddress, trustedProxies: trustedProxies.filter(Boolean), redis, metricsAllow }
        : undefined,
      allowedHosts: configuredHosts(env),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new DeckError(`port ${port} is in use: stop what uses it or set PORT to another port`, [], 1);
    throw e;
  }
  const urls = deckUrls(deck.url, host, port || Number(new URL(deck.url).port), token, publicUrl);
  deck.relay?.advertise(urls.audience);
  // Listen for the stop signals before saying where the deck is: a signal sent on reading the banner must
  // find the handler in place.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      process.stderr.write('stopping: closing follow-along connections…\n');
      void deck.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stdout.write(await banner(shownTitle(config), urls, !env.DECK_PRESENTER_TOKEN));
  await stopped;
  return 0;
}
