import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy, readCspAllowance } from '../server/csp.ts';
import { SECURITY_HEADERS, serveStatic } from '../server/static.ts';

export interface Site {
  url: string;
  close(): Promise<void>;
}

/**
 * The built site on a loopback ephemeral port, its files served as `deck start` serves them (the same
 * headers and content security policy), without the follow-along relay: the print view never follows, and
 * the relay's WebSocket server is a tenth of a second to load.
 */
export async function serveSite(root: string): Promise<Site> {
  const allowance = readCspAllowance(root);
  const pageHeaders: Record<string, string> = allowance
    ? { 'Content-Security-Policy': contentSecurityPolicy(allowance) }
    : {};
  const server = createServer((req, res) => {
    try {
      if (serveStatic(root, req, res, { pageHeaders })) return;
      res.writeHead(404, SECURITY_HEADERS).end();
    } catch {
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS);
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close };
}
