import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';

/** Non-internal IPv4 addresses of this machine: where phones in the hall can reach it. */
export function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && !a.internal)
    .map((a) => a!.address);
}

/** Whether HOST means every interface. */
export const isWildcard = (host: string) => host === '0.0.0.0' || host === '::' || host === '';

export interface Urls {
  /** What audiences open (and the QR code shows). */
  audience: string;
  presenter: string;
  /** Other addresses the deck answers on. */
  others: string[];
}

/** The audience and presenter URLs: a LAN address when listening on all interfaces, else the bound one. */
export function deckUrls(bound: string, host: string, port: number, token: string, publicUrl?: string): Urls {
  const lan = isWildcard(host) ? lanAddresses().map((a) => `http://${a}:${port}/`) : [];
  const audience = publicUrl ?? lan[0] ?? bound;
  const presenter = new URL('presenter', audience);
  presenter.searchParams.set('token', token);
  return { audience, presenter: presenter.href, others: lan.filter((u) => u !== audience) };
}

/** What `deck start` prints: both URLs and a QR code of the audience URL. */
export async function banner(title: string, urls: Urls, randomToken: boolean): Promise<string> {
  const qr = await QRCode.toString(urls.audience, {
    type: 'terminal',
    small: true,
    errorCorrectionLevel: 'M',
  });
  const lines = [
    '',
    `  ${title} is being served.`,
    '',
    `  audience   ${urls.audience}`,
    ...urls.others.map((u) => `  also       ${u}`),
    `  presenter  ${urls.presenter}`,
    randomToken
      ? '             (a new token on every start: set DECK_PRESENTER_TOKEN to keep one)'
      : '             (token from DECK_PRESENTER_TOKEN)',
    '',
    qr.replace(/^/gm, '  ').trimEnd(),
    '',
    '  Scan the code to follow live. Ctrl+C stops the server.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}
