import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELAY_PATH, Relay, type RelayOptions } from './relay.ts';
import { PRESENTER_HEADERS, SECURITY_HEADERS, type StaticOptions, serveStatic } from './static.ts';

export interface ServeOptions {
  /** The built site. */
  root: string;
  port?: number;
  host?: string;
  /** The follow-along relay on the same port; without it the deck is served as any static host would. */
  relay?: RelayOptions;
}

export interface RunningDeck {
  server: Server;
  url: string;
  relay: Relay | undefined;
  /** Stops taking connections, closes relay clients with "going away", ends open requests. */
  close(): Promise<void>;
}

/** Header on HTML pages telling the runtime that a relay listens at this path (static hosts send none). */
export const RELAY_HEADER = 'X-Deck-Relay';

/** `/presenter` and `/<variant>/presenter`: the variant's deck page, which then shows the presenter view. */
const PRESENTER_ROUTE = /^((?:\/[A-Za-z0-9-]+)*\/)presenter$/;

function handler(root: string, relay: Relay | undefined) {
  const options: StaticOptions = relay ? { pageHeaders: { [RELAY_HEADER]: RELAY_PATH } } : {};
  return (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (serveStatic(root, req, res, options)) return;
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const presenter = PRESENTER_ROUTE.exec(path);
      if (presenter) {
        const pageHeaders = { ...options.pageHeaders, ...PRESENTER_HEADERS };
        if (serveStatic(root, req, res, { pageHeaders, path: `${presenter[1]}index.html` })) return;
      }
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    } catch {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    }
  };
}

/** An HTTP server for a built deck, with the relay when asked. Resolves once it listens. */
export async function serveDeck(options: ServeOptions): Promise<RunningDeck> {
  const relay = options.relay ? new Relay(options.relay) : undefined;
  const server = createServer(handler(options.root, relay));
  server.on('upgrade', (req, socket, head) => {
    if (relay) return relay.handleUpgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const close = async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await relay?.close();
    server.closeAllConnections();
    await stopped;
  };
  return {
    server,
    relay,
    close,
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}/`,
  };
}
