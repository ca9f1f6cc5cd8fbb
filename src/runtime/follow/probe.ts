import { RELAY_HEADER } from '../../contracts/relay.ts';

/**
 * The relay's WebSocket URL when this page was served with one, else undefined: on a static host
 * follow-along stays off without a failed connection in the console.
 */
export async function findRelay(page: Location = window.location): Promise<string | undefined> {
  // A page opened from a file (the one-file export) has no server to ask.
  if (!/^https?:$/.test(page.protocol)) return undefined;
  try {
    const res = await fetch(page.href.split('#')[0]!, { method: 'HEAD', cache: 'no-store' });
    const path = res.headers.get(RELAY_HEADER);
    if (!path?.startsWith('/')) return undefined;
    return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${path}`;
  } catch {
    return undefined;
  }
}
