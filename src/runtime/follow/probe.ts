/** The header `npm start` puts on pages when its relay listens (src/server/app.ts). */
const RELAY_HEADER = 'X-Deck-Relay';

/**
 * The relay's WebSocket URL when this page was served with one, else undefined: on a static host
 * follow-along stays off without a failed connection in the console.
 */
export async function findRelay(page: Location = window.location): Promise<string | undefined> {
  try {
    const res = await fetch(page.href.split('#')[0]!, { method: 'HEAD', cache: 'no-store' });
    const path = res.headers.get(RELAY_HEADER);
    if (!path?.startsWith('/')) return undefined;
    return `${page.protocol === 'https:' ? 'wss:' : 'ws:'}//${page.host}${path}`;
  } catch {
    return undefined;
  }
}
