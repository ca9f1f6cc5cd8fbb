import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS, serveStatic } from './static.ts';

export interface ServeOptions {
  /** The built site. */
  root: string;
  port?: number;
  host?: string;
}

/** An HTTP server for a built deck. Resolves once it listens; `url` is where it does. */
export async function serveDeck(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    try {
      if (serveStatic(options.root, req, res)) return;
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
    } catch {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host === '0.0.0.0' || host === '[::]' ? 'localhost' : host}:${address.port}/`,
  };
}
