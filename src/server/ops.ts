import type { IncomingMessage, ServerResponse } from 'node:http';
import { prometheusText } from './metrics.ts';
import type { Relay } from './relay.ts';
import { SECURITY_HEADERS } from './static.ts';

/** Paths for operators and load balancers. */
export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/**
 * `/healthz`: 200 `ready`, or 503 `degraded: <reason>` (the relay still serves its followers what it has, but
 * a load balancer should send new ones elsewhere); `/metrics`: Prometheus text. Answers true when it handled
 * the request.
 */
export function serveOps(path: string, res: ServerResponse, relay: Relay, req: IncomingMessage): boolean {
  if (path === HEALTH_PATH) {
    const health = relay.health();
    const body = health.ready ? 'ready\n' : `degraded: ${health.reason}\n`;
    reply(res, req, health.ready ? 200 : 503, 'text/plain; charset=utf-8', body);
    return true;
  }
  if (path === METRICS_PATH) {
    reply(res, req, 200, 'text/plain; version=0.0.4; charset=utf-8', prometheusText(relay.metrics()));
    return true;
  }
  return false;
}

function reply(res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
