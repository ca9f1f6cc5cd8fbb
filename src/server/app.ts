import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RELAY_HEADER, RELAY_PATH } from '../contracts/relay.ts';
import { contentSecurityPolicy, readCspAllowance } from './csp.ts';
import { hostChecker } from './hosts.ts';
import { serveOps } from './ops.ts';
import type { Relay, RelayOptions } from './relay.ts';
import { readSlideShape } from './slides.ts';
import { PRESENTER_HEADERS, SECURITY_HEADERS, type StaticOptions, serveStatic } from './static.ts';

export interface ServeOptions {
  /** The built site. */
  root: string;
  port?: number;
  host?: string;
  /** The follow-along relay on the same port; without it the deck is served as any static host would. */
  relay?: RelayOptions;
  /** Host names answered besides IP addresses and localhost (see hostChecker). @default [] */
  allowedHosts?: string[];
}

export interface RunningDeck {
  server: Server;
  url: string;
  relay: Relay | undefined;
  /** Stops taking connections, closes relay clients with "going away", ends open requests. */
  close(): Promise<void>;
}

export { RELAY_HEADER };

/** `/presenter` and `/<variant>/presenter`: the variant's deck page, which then shows the presenter view. */
const PRESENTER_ROUTE = /^((?:\/[A-Za-z0-9-]+)*\/)presenter$/;

const HOST_REFUSED =
  'this server does not answer to that host name: add it to DECK_ALLOWED_HOSTS (comma-separated), or open the deck by its IP address\n';

/** A short plain-text answer with the security headers. */
function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

function handler(root: string, relay: Relay | undefined, hostAllowed: (host: string | undefined) => boolean) {
  // The deck's own CSP allowance (hosts from its front matter), on pages only; read once per start.
  const allowance = readCspAllowance(root);
  const options: StaticOptions = {
    pageHeaders: {
      ...(relay ? { [RELAY_HEADER]: RELAY_PATH } : {}),
      ...(allowance ? { 'Content-Security-Policy': contentSecurityPolicy(allowance) } : {}),
    },
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (!hostAllowed(req.headers.host)) return plain(res, 403, HOST_REFUSED);
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return plain(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      const [path = '/', query = ''] = (req.url ?? '/').split('?', 2);
      if (relay && serveOps(path, res, relay, req)) return;
      // A page opened with ?token= publishes like the presenter's: the same opener isolation.
      const withToken = new URLSearchParams(query).has('token');
      const pageHeaders = { ...options.pageHeaders, ...(withToken ? PRESENTER_HEADERS : {}) };
      if (serveStatic(root, req, res, { pageHeaders })) return;
      const presenter = PRESENTER_ROUTE.exec(path);
      if (presenter) {
        const presenterHeaders = { ...options.pageHeaders, ...PRESENTER_HEADERS };
        if (serveStatic(root, req, res, { pageHeaders: presenterHeaders, path: `${presenter[1]}index.html` }))
          return;
      }
      plain(res, 404, 'not found\n');
    } catch {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    }
  };
}

/** A bodiless HTTP/1.1 answer written straight to a socket (no response object exists for it). */
const rawReply = (status: number, reason: string) =>
  `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;

/** An HTTP server for a built deck, with the relay when asked. Resolves once it listens. */
export async function serveDeck(options: ServeOptions): Promise<RunningDeck> {
  // Loaded only with a relay: its WebSocket server is a tenth of a second to load, which an export need not pay.
  // The relay checks presenters' states against the deck's slides, as the build wrote them beside the pages.
  const relayOptions = options.relay && { slides: readSlideShape(options.root), ...options.relay };
  const relay = relayOptions ? new (await import('./relay.ts')).Relay(relayOptions) : undefined;
  await relay?.start();
  const hostAllowed = hostChecker(options.allowedHosts);
  const server = createServer(handler(options.root, relay, hostAllowed));
  server.on('upgrade', (req, socket, head) => {
    if (!hostAllowed(req.headers.host)) return socket.end(rawReply(403, 'Forbidden'));
    if (relay) return relay.handleUpgrade(req, socket, head);
    socket.end(rawReply(404, 'Not Found'));
  });
  // A request Node cannot parse gets a status before the socket closes: 431 for one over the header limit
  // (a 20 KB URL), 400 for the rest.
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || e.code === 'ECONNRESET') return socket.destroy();
    const tooLarge = e.code === 'HPE_HEADER_OVERFLOW';
    socket.end(rawReply(tooLarge ? 431 : 400, tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // When an instance dies, its followers reconnect to the others at once: Node's default queue of 511 pending
    // connections would drop their SYNs, and each dropped one waits a second to be sent again.
    server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1', backlog: 4096 }, () =>
      resolve(),
    );
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
