import { isIP } from 'node:net';

/**
 * Which `Host` headers the server answers: defence against DNS rebinding, where a page on the attacker's
 * domain re-points its name at this machine and reads the deck (and joins the relay) as same-origin.
 * Rebinding needs a domain name, so IP addresses (a phone on the LAN typing the printed URL) always pass, as do
 * `localhost` and `*.localhost` (which resolve to loopback only); any other name must be configured:
 * the host of DECK_PUBLIC_URL, and the names in DECK_ALLOWED_HOSTS (for a proxy that keeps the Host header).
 */
export function hostChecker(names: Iterable<string> = []): (header: string | undefined) => boolean {
  const allowed = new Set([...names].map((n) => n.trim().toLowerCase()).filter(Boolean));
  return (header) => {
    if (header === undefined) return true; // HTTP/1.0 without Host: not a browser (Node refuses it on 1.1)
    const name = hostName(header);
    if (name === undefined) return false;
    return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || allowed.has(name);
  };
}

/** The name in a Host header, lower-cased, without port or IPv6 brackets; undefined when it is not one. */
function hostName(header: string): string | undefined {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s/@]+))(?::\d{1,5})?$/i.exec(header.trim());
  const name = (match?.[1] ?? match?.[2])?.toLowerCase();
  return name?.replace(/\.$/, ''); // `example.com.` is `example.com`
}

/** The names of DECK_ALLOWED_HOSTS (comma-separated) and of DECK_PUBLIC_URL's host. */
export function configuredHosts(env: { DECK_ALLOWED_HOSTS?: string; DECK_PUBLIC_URL?: string }): string[] {
  const names = (env.DECK_ALLOWED_HOSTS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (env.DECK_PUBLIC_URL) names.push(new URL(env.DECK_PUBLIC_URL).hostname);
  return names;
}
