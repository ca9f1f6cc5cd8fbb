import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSP_HOST, type CspAllowance } from '../compiler/deck-options.ts';
import { isRecord } from '../compiler/record.ts';

export type { CspAllowance } from '../compiler/deck-options.ts';

/** Written by the build beside the pages when the deck's front matter allows hosts (`csp:`). */
export const CSP_FILE = 'deck-csp.json';

/**
 * The pages' Content-Security-Policy: nothing off the origin, except the image, media and frame hosts the
 * deck's first file allows (`csp: { img: [...], media: [...], frame: [...] }`, none by default).
 */
export function contentSecurityPolicy(allow: CspAllowance = {}): string {
  const extra = (hosts: string[] | undefined) => (hosts ?? []).map((h) => ` ${h}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra(allow.img)}`,
    ...(allow.media?.length ? [`media-src 'self'${extra(allow.media)}`] : []),
    ...(allow.frame?.length ? [`frame-src 'self'${extra(allow.frame)}`] : []),
    "font-src 'self'",
    "connect-src 'self'",
    // The deck's service worker (offline after the first load), from its own origin only.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** Directives a `<meta http-equiv>` policy ignores (with a console warning): only a header can carry them. */
const HEADER_ONLY = /^(frame-ancestors|report-uri|sandbox)\b/;

/**
 * The same policy for the page itself (`<meta http-equiv="Content-Security-Policy">`): a built site copied to
 * any static host keeps it, where no server of ours sends the header. Without the directives meta ignores;
 * framing stays the header's (and X-Frame-Options') job.
 */
export function metaContentSecurityPolicy(allow: CspAllowance = {}): string {
  return contentSecurityPolicy(allow)
    .split('; ')
    .filter((d) => !HEADER_ONLY.test(d))
    .join('; ');
}

/** The allowance a build wrote under `root`, keeping only well-formed hosts (it goes into a header). */
export function readCspAllowance(root: string): CspAllowance | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(join(root, CSP_FILE), 'utf8'));
  } catch {
    return undefined;
  }
  if (!isRecord(data)) return undefined;
  const record = data;
  const hosts = (key: string) => {
    const list = record[key];
    return Array.isArray(list)
      ? list.filter((h): h is string => typeof h === 'string' && CSP_HOST.test(h))
      : [];
  };
  return { img: hosts('img'), media: hosts('media'), frame: hosts('frame') };
}
