import { type ChromiumProcess, chromiumArgs, findChromium, startChromium } from '../node/browser.ts';
import { NETWORK_ARGS } from './guard.ts';
import type { ExportFormat } from './options.ts';
import { exportTrace as trace } from './trace.ts';

/**
 * Starts headless Chromium for an export of `format`: with its DevTools pipe for the PDF and the PPTX, which
 * speak CDP themselves, on a loopback port for Playwright (PNG); unable to reach any address but the deck's server's. Called first, before the rest of the export has even
 * loaded, so that Chromium's start-up, the longest wait of all, overlaps everything else.
 */
export async function launchFor(format: ExportFormat): Promise<ChromiumProcess> {
  const chromium = startChromium(await findChromium(), [...chromiumArgs(), ...NETWORK_ARGS], {
    pipe: format !== 'png',
  });
  trace.chromium(chromium.pid);
  trace.mark('chromium spawned');
  return chromium;
}
