import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { prometheusText } from './metrics.ts';
import type { Relay } from './relay.ts';
import { SECURITY_HEADERS } from './static.ts';

/** Paths for operators and load balancers. */
export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/** Who may read /metrics when nothing is configured: this machine only. */
export const METRICS_ALLOW_DEFAULT = ['127.0.0.0/8', '::1'];

/**
 * Addresses and CIDR ranges (`10.0.0.5`, `10.0.0.0/8`, `fd00::/8`) as a membership test; throws on an entry
 * that is neither, naming it.
 */
export function addressList(entries: readonly string[]): (addr: string) => boolean {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    const [ip = '', bits, extra] = entry.split('/');
    const family = isIP(ip);
    const prefix = Number(bits);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && prefix <= max)))
      throw new Error(`"${entry}" is not an address or a CIDR range (such as 10.0.0.5, 10.0.0.0/8 or ::1)`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip, type);
    else list.addSubnet(ip, prefix, type);
  }
  return (addr) => {
    const family = isIP(addr);
    return family !== 0 && list.check(addr, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/**
 * `/healthz`: 200 `ready`, or 503 `degraded: <reason>` (the relay still serves its followers what it has, but
 * a load balancer should send new ones elsewhere); `/metrics`: Prometheus text, to the relay's allowed addresses
 * only (loopback unless configured: it tells how many follow and from how busy a machine), 403 for anyone
 * else. Answers true when it handled the request.
 */
export function serveOps(path: string, res: ServerResponse, relay: Relay, req: IncomingMessage): boolean {
  if (path === HEALTH_PATH) {
    const health = relay.health();
    const body = health.ready ? 'ready\n' : `degraded: ${health.reason}\n`;
    reply(res, req, health.ready ? 200 : 503, 'text/plain; charset=utf-8', body);
    return true;
  }
  if (path === METRICS_PATH) {
    if (!relay.metricsAllowed(req)) {
      reply(
        res,
        req,
        403,
        'text/plain; charset=utf-8',
        'metrics are for the addresses in DECK_METRICS_ALLOW\n',
      );
      return true;
    }
    reply(res, req, 200, 'text/plain; version=0.0.4; charset=utf-8', prometheusText(relay.metrics()));
    return true;
  }
  return false;
}

function reply(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
