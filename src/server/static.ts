import { createReadStream, type Stats, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { createGzip } from 'node:zlib';
import { contentSecurityPolicy } from './csp.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.map': 'application/json; charset=utf-8',
};

const COMPRESSIBLE = /^(text\/|application\/json|image\/svg)/;

/** Whether an Accept-Encoding header allows `coding` (named, or `*`, with a q above 0). */
export function acceptsEncoding(header: string | undefined, coding: string): boolean {
  let star = false;
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = !q || Number(q.slice(2)) > 0;
    if (name === coding) return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

/**
 * The compressed copy the build wrote beside a file (`file.br`, then `file.gz`) that the client accepts,
 * skipping a copy older than its file (the file was replaced after the build).
 */
function precompressed(
  file: string,
  stat: Stats,
  accept: string | undefined,
): { path: string; encoding: string; size: number } | undefined {
  for (const [ext, encoding] of [
    ['br', 'br'],
    ['gz', 'gzip'],
  ] as const) {
    if (!acceptsEncoding(accept, encoding)) continue;
    try {
      const copy = statSync(`${file}.${ext}`);
      if (copy.isFile() && copy.mtimeMs >= stat.mtimeMs)
        return { path: `${file}.${ext}`, encoding, size: copy.size };
    } catch {
      // no copy of this kind
    }
  }
  return undefined;
}

/**
 * Security headers for every response: a strict CSP (no inline script), no framing, no sniffing. No
 * Cross-Origin-Opener-Policy here: it makes Chromium put the page in a new browsing context group, a fresh
 * renderer process, which delayed an audience's first slide by ~180 ms (bench:load); the audience page holds
 * nothing an opener could reach. The presenter page, which carries the token, sends {@link PRESENTER_HEADERS}.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'SAMEORIGIN',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * Extra headers for the presenter's page (and any page opened with `?token=`): no opener keeps a handle on the
 * window that holds the token, and no cache keeps the page under the URL that carries it.
 */
export const PRESENTER_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** The file under `root` that a URL path names, or undefined when it escapes root or does not exist. */
export function resolveStatic(root: string, urlPath: string): { file: string; stat: Stats } | undefined {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return undefined;
  }
  if (path.includes('\0')) return undefined;
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  for (const candidate of [full, join(full, 'index.html')]) {
    try {
      const stat = statSync(candidate);
      if (stat.isFile()) return { file: candidate, stat };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

/** Whether If-None-Match (a list of tags, or `*`) names `etag`, by weak comparison as RFC 9110 asks. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

export interface StaticOptions {
  /** The URL path to serve, when not the request's own (a route onto a file). @default req.url */
  path?: string;
  /** Extra headers for HTML pages (such as where the follow-along relay is). */
  pageHeaders?: Record<string, string>;
}

/**
 * Serves a built deck: correct types, gzip for text, long-lived caching for hashed assets and revalidation
 * for pages, security headers everywhere. Returns false when it did not handle the request.
 */
export function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  options: StaticOptions = {},
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const urlPath = options.path ?? req.url ?? '/';
  const found = resolveStatic(root, urlPath);
  if (!found) return false;
  // A directory without a trailing slash: redirect so relative asset URLs resolve.
  const pathOnly = urlPath.split('?')[0] ?? '/';
  if (found.file.endsWith(`${sep}index.html`) && !pathOnly.endsWith('/') && !pathOnly.endsWith('.html')) {
    // One leading slash: `//host` would be a redirect off the site. The query (a token) is kept.
    const query = urlPath.includes('?') ? urlPath.slice(urlPath.indexOf('?')) : '';
    // A 301 is cached by default: never one whose Location carries the query.
    res.writeHead(301, {
      Location: `/${pathOnly.replace(/^[/\\]+/, '')}/${query}`,
      ...SECURITY_HEADERS,
      ...(query ? { 'Cache-Control': 'no-store' } : {}),
    });
    res.end();
    return true;
  }
  const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  const hashed =
    /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(found.file) && found.file.includes(`${sep}assets${sep}`);
  const etag = `W/"${found.stat.size.toString(16)}-${found.stat.mtimeMs.toString(16)}"`;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': type,
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ETag: etag,
    Vary: 'Accept-Encoding',
    ...(type.startsWith('text/html') ? options.pageHeaders : {}),
  };
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  // Brotli or gzip copies from the build when there are any; otherwise gzip on the fly.
  const accept = req.headers['accept-encoding'];
  const compressible = COMPRESSIBLE.test(type);
  const copy = compressible ? precompressed(found.file, found.stat, accept) : undefined;
  const gzipNow = !copy && compressible && acceptsEncoding(accept, 'gzip');
  if (copy) {
    headers['Content-Encoding'] = copy.encoding;
    headers['Content-Length'] = String(copy.size);
  } else if (gzipNow) headers['Content-Encoding'] = 'gzip';
  else headers['Content-Length'] = String(found.stat.size);
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  const stream = createReadStream(copy?.path ?? found.file);
  stream.on('error', () => res.destroy());
  (gzipNow ? stream.pipe(createGzip()) : stream).pipe(res);
  return true;
}
