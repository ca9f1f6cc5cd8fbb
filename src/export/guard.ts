import { DeckError } from '../compiler/diagnostics.ts';
import type { ChromiumProcess } from '../node/browser.ts';

/**
 * What keeps an export's Chromium on the deck's own server. The page's Content-Security-Policy does not cover
 * navigations (`<meta http-equiv="refresh">`, `location = …`) or connections opened ahead (`<link
 * rel="preconnect">`, DNS prefetch), and allows the hosts a deck lists under `csp:`. So, in two layers:
 * every request off the served origin is refused in the DevTools Fetch domain (or Playwright's routing), with
 * a reason, and no host name or address but 127.0.0.1 resolves at all ({@link NETWORK_ARGS}), which also
 * stops what never becomes a request.
 */

/** Chromium flags: the deck's loopback server is the only address an export's Chromium can reach. */
export const NETWORK_ARGS = ['--host-resolver-rules=MAP * ^NOTFOUND, EXCLUDE 127.0.0.1'];

/** Whether the page may load `url`: on the deck's origin, or data held in the page itself. */
export function onSite(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** The served URL without its fragment: a hash change is not a navigation away. */
export const withoutHash = (url: string) => url.split('#')[0]!;

/**
 * One page's requests as both export paths judge them (the DevTools Fetch domain for the PDF, Playwright's
 * routing for PNG and PPTX): the deck's origin goes on, the rest is refused and listed; the main frame's
 * document is ours once, and another request for one, or a commit of another, is the page leaving (`left`).
 */
export class PageGuard {
  /** Requests refused because they left the deck's origin (navigations aside). */
  readonly blocked: string[] = [];
  /** Rejects with a NavigationError when the page leaves the deck. */
  readonly left: Promise<never>;
  private leave: (e: Error) => void = () => undefined;
  private origin: string | undefined;
  private served: string | undefined;
  private committed = false;
  private gone = false;

  constructor() {
    this.left = new Promise<never>((_, reject) => {
      this.leave = reject;
    });
    this.left.catch(() => undefined);
  }

  /** The page about to be loaded: its origin is the one the export may reach. */
  serve(url: string): void {
    this.origin = new URL(url).origin;
    this.served = withoutHash(url);
  }

  /** Whether a request may go on; `document` for a request of the main frame's document. */
  allows(url: string, document: boolean): boolean {
    if (document && (this.committed || withoutHash(url) !== this.served)) {
      this.leaving(url);
      return false;
    }
    if (this.origin && onSite(url, this.origin)) return true;
    this.blocked.push(url);
    return false;
  }

  /**
   * The main frame committed `url`. `repeats`: the driver reports hash changes and pushState here too (as
   * Playwright does), so the served document again is no navigation; otherwise any second commit leaves.
   */
  committedAt(url: string, repeats: boolean): void {
    if (this.served === undefined) return;
    const ours = withoutHash(url) === this.served;
    if (ours && (repeats || !this.committed)) this.committed = true;
    else if (!repeats || this.committed) this.leaving(url);
  }

  private leaving(url: string): void {
    if (this.gone) return;
    this.gone = true;
    this.leave(navigationError(url));
  }
}

/** The slide that sends the page elsewhere, when its HTML shows it. */
export interface Leaving {
  /** `file:start-end` of the slide that holds the redirect. */
  source: string;
  title: string;
}

const REFRESH = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']?refresh\b/i;
const SLIDE = /<section\b[^>]*\bdata-source="([^"]+)"[^>]*>/g;

/**
 * The slide of the page's first `<meta http-equiv="refresh">`, from the served HTML: read from the file, not
 * asked of a page that is leaving. A script's `location = …` leaves no such trace: undefined then.
 */
export function refreshSlide(html: string): Leaving | undefined {
  const at = html.search(REFRESH);
  if (at < 0) return undefined;
  let slide: RegExpExecArray | undefined;
  for (const m of html.matchAll(SLIDE)) if (m.index < at) slide = m as RegExpExecArray;
  if (!slide) return undefined;
  const heading = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/i.exec(html.slice(slide.index, at))?.[1] ?? '';
  return {
    source: slide[1]!,
    title: heading
      .replace(/<[^>]*>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  };
}

/** An export ended because its page navigated: where to. */
export class NavigationError extends DeckError {
  constructor(
    readonly url: string,
    where?: Leaving,
  ) {
    const slide = where
      ? ` by the <meta http-equiv="refresh"> of ${where.source}${where.title ? ` "${where.title}"` : ''}`
      : '';
    super(
      `the page navigated to ${url}${slide}; an export prints the deck's own page only, so nothing was written: remove the redirect (link with <a href> instead) and export again`,
      [],
      1,
    );
  }
}

/** The export's end when its page navigates. */
export const navigationError = (url: string) => new NavigationError(url);

/** Requests refused, for the summary: the first few, then a count. */
export function describeBlocked(urls: string[], limit = 3): string {
  const unique = [...new Set(urls)];
  const shown = unique.slice(0, limit).join(', ');
  const more = unique.length > limit ? ` and ${unique.length - limit} more` : '';
  return `refused ${unique.length} request${unique.length === 1 ? '' : 's'} off the deck's server (an export loads nothing from elsewhere; put the file in the project): ${shown}${more}`;
}

/**
 * The export's end when Chromium exits under it (killed, crashed, out of memory): one line with the step it
 * was at and how it ended, instead of the protocol's error and its stack.
 */
export function chromiumGone(step: string, cause: unknown): DeckError {
  const how = /exited \(([^)]*)\)/.exec(cause instanceof Error ? cause.message : String(cause))?.[1];
  const said = how && how !== 'null' ? ` (${/^\d+$/.test(how) ? `exit code ${how}` : how})` : '';
  return new DeckError(
    `Chromium stopped during the ${step} step${said}; nothing was written, the previous export, if any, is unchanged: export again`,
    [],
    1,
  );
}

/**
 * Why Chromium exited, when it did so on its own: asked after an error, which its exit may cause a moment
 * before it is seen (its pipe or socket closes first). Undefined when it is still running after `ms`.
 */
export async function deathOf(chromium: ChromiumProcess, ms = 2000): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    chromium.failed.then(
      () => undefined,
      (why: unknown) => why ?? new Error('exited'),
    ),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
