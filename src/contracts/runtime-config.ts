/** The slide design size: CSS pixels equal screen pixels on a 1920×1080 projector. */
export const DESIGN = { width: 1920, height: 1080 } as const;

/** Id of the JSON element the page carries its runtime settings in (no inline script: CSP-friendly). */
export const CONFIG_ELEMENT_ID = 'deck-config';

/** Deck-wide settings the runtime reads from the page, written by node/page.ts. */
export interface DeckRuntimeConfig {
  lang: string;
  title: string;
  transition: string;
  alternates: { lang: string; label: string; href: string }[];
  /** Every slide in order (vertical ones included): its title and outline section, for PDF bookmarks. */
  outline: { source: string; title: string; section: string }[];
  /** The deck's IANA time zone (its config's `timezone`): the presenter's clock shows it. */
  timezone?: string;
  /**
   * The service worker, relative to the page (at the site's root), and whether the deck keeps itself offline
   * (config `offline`); when not, the page removes a worker an earlier build installed.
   */
  offline?: { worker: string; on: boolean };
}
