import type { ChromiumProcess } from '../node/browser.ts';
import { type Cdp, cdpOverPipe } from './cdp.ts';
import { PageGuard } from './guard.ts';
import type { DeckPage } from './page.ts';

export interface PrintPage extends DeckPage {
  /** Errors thrown in the page and not caught, first line each. */
  errors: string[];
  /** Requests refused because they left the deck's origin (navigations aside). */
  blocked: string[];
  /** Rejects (a DeckError naming the slide, when it can) once the page tries to leave the deck's page. */
  left: Promise<never>;
  /** Navigates, and returns once the new document can be evaluated in (its navigation committed). */
  goto(url: string): Promise<void>;
  /** Runs `script` in every document the page loads from now on, before its own scripts. */
  addInitScript(script: string): Promise<unknown>;
  /** A PNG of a region of the document (CSS px from its top left corner), beyond the viewport too. */
  screenshot(clip: { x: number; y: number; width: number; height: number }): Promise<Uint8Array>;
  /** Chromium's print of the page, as Playwright's `page.pdf` asks for it. */
  pdf(options: {
    preferCSSPageSize: boolean;
    printBackground: boolean;
    tagged: boolean;
  }): Promise<Uint8Array>;
}

export interface PrintPageOptions {
  width: number;
  height: number;
  /** `navigator.language`, `Accept-Language` and `Intl`'s default. */
  locale: string;
  timezoneId: string;
}

const START_TIMEOUT_MS = 30_000;

interface Target {
  targetId: string;
  type: string;
}

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { isDefault?: boolean; frameId?: string };
}

interface Evaluated {
  result: { value?: unknown };
  exceptionDetails?: { text: string; exception?: { description?: string } };
}

/**
 * The tab Chromium opened at start (`about:blank`, its renderer already running), driven over the DevTools
 * pipe: the viewport, language, time zone and reduced motion set as the Playwright session sets them, page
 * errors kept.
 */
export async function openPrintPage(
  chromium: ChromiumProcess,
  options: PrintPageOptions,
): Promise<PrintPage> {
  if (!chromium.pipe) throw new Error('Chromium was started without its DevTools pipe');
  const cdp: Cdp = cdpOverPipe(chromium.pipe, chromium.failed);
  // The user agent as it is: only its language changes, as Playwright's `locale` changes it.
  // Its first answer says Chromium is up; one that never comes is an error, not a hang.
  let timer: NodeJS.Timeout | undefined;
  const [{ targetInfos }, { userAgent }] = await Promise.race([
    Promise.all([
      cdp.send<{ targetInfos: Target[] }>('Target.getTargets'),
      cdp.send<{ userAgent: string }>('Browser.getVersion'),
    ]),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Chromium did not answer within ${START_TIMEOUT_MS / 1000} s of starting`)),
        START_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  const targetId =
    targetInfos.find((t) => t.type === 'page')?.targetId ??
    (await cdp.send<{ targetId: string }>('Target.createTarget', { url: 'about:blank' })).targetId;
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', {
    targetId,
    flatten: true,
  });
  const send = <T>(method: string, params?: Record<string, unknown>) =>
    cdp.send<T>(method, params, sessionId);

  const errors: string[] = [];
  const contexts: ExecutionContext[] = [];
  const waiting: ((c: ExecutionContext) => void)[] = [];
  cdp.on('Runtime.exceptionThrown', (params, from) => {
    if (from !== sessionId) return;
    const details = params.exceptionDetails as Evaluated['exceptionDetails'];
    errors.push((details?.exception?.description ?? details?.text ?? '').split('\n')[0]!);
  });
  cdp.on('Runtime.executionContextCreated', (params, from) => {
    if (from !== sessionId) return;
    const context = params.context as ExecutionContext;
    if (!context.auxData?.isDefault) return;
    contexts.push(context);
    for (const w of waiting) w(context);
  });
  await Promise.all([
    send('Runtime.enable'),
    // Navigations of the main frame (frameNavigated), which the page may start itself.
    send('Page.enable'),
    send('Emulation.setDeviceMetricsOverride', {
      width: options.width,
      height: options.height,
      deviceScaleFactor: 1,
      mobile: false,
    }),
    send('Emulation.setTimezoneOverride', { timezoneId: options.timezoneId }),
    send('Emulation.setLocaleOverride', { locale: options.locale }),
    send('Emulation.setUserAgentOverride', { userAgent, acceptLanguage: options.locale }),
    send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-reduced-motion', value: 'reduce' }] }),
  ]);

  // Every request pauses in the Fetch domain until answered: the deck's origin goes on, the rest is refused.
  // The main frame's document is ours once: another request for one, or another commit, is the page leaving.
  const guard = new PageGuard();
  cdp.on('Fetch.requestPaused', (params, from) => {
    if (from !== sessionId) return;
    const { requestId, request, resourceType, frameId } = params as {
      requestId: string;
      request: { url: string };
      resourceType: string;
      frameId: string;
    };
    const fail = () =>
      send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
    if (guard.allows(request.url, resourceType === 'Document' && frameId === targetId))
      void send('Fetch.continueRequest', { requestId }).catch(() => undefined);
    else void fail();
  });
  cdp.on('Page.frameNavigated', (params, from) => {
    if (from !== sessionId) return;
    const frame = params.frame as { id: string; parentId?: string; url: string };
    if (frame.parentId || frame.id !== targetId) return;
    guard.committedAt(frame.url, false);
  });

  let context: number | undefined;
  const evaluate = async <T>(expression: string): Promise<T> => {
    if (context === undefined) throw new Error('evaluate before goto');
    const r = await send<Evaluated>('Runtime.evaluate', {
      expression,
      contextId: context,
      awaitPromise: true,
      returnByValue: true,
    });
    if (r.exceptionDetails)
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value as T;
  };

  return {
    errors,
    blocked: guard.blocked,
    left: guard.left,
    evaluate,
    // Scripts for new documents take effect only with the Page domain on, which nothing else needs.
    addInitScript: async (source) => {
      await send('Page.enable');
      await send('Page.addScriptToEvaluateOnNewDocument', { source });
    },
    async goto(url) {
      // The main frame's default context for the new document: created when its navigation commits.
      guard.serve(url);
      const { origin } = new URL(url);
      await send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
      const created = new Promise<ExecutionContext>((resolve) => {
        const found = contexts.find((c) => c.origin === origin);
        if (found) resolve(found);
        waiting.push((c) => {
          if (c.origin === origin) resolve(c);
        });
      });
      const navigated = await send<{ errorText?: string }>('Page.navigate', { url });
      if (navigated.errorText) throw new Error(`cannot load ${url}: ${navigated.errorText}`);
      context = (await Promise.race([created, chromium.failed, guard.left])).id;
    },
    async screenshot(clip) {
      const { data } = await send<{ data: string }>('Page.captureScreenshot', {
        format: 'png',
        clip: { ...clip, scale: 1 },
        captureBeyondViewport: true,
      });
      return new Uint8Array(Buffer.from(data, 'base64'));
    },
    async pdf({ preferCSSPageSize, printBackground, tagged }) {
      const { stream } = await send<{ stream: string }>('Page.printToPDF', {
        transferMode: 'ReturnAsStream',
        printBackground,
        preferCSSPageSize,
        generateTaggedPDF: tagged,
        paperWidth: 8.5,
        paperHeight: 11,
        marginTop: 0,
        marginBottom: 0,
        marginLeft: 0,
        marginRight: 0,
      });
      const chunks: Buffer[] = [];
      for (;;) {
        const read = await send<{ data: string; base64Encoded?: boolean; eof: boolean }>('IO.read', {
          handle: stream,
          size: 1 << 20,
        });
        chunks.push(Buffer.from(read.data, read.base64Encoded ? 'base64' : 'utf8'));
        if (read.eof) break;
      }
      void send('IO.close', { handle: stream }).catch(() => undefined);
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
