import { join } from 'node:path';
import type { Block } from '../../blocks/define.ts';
import type { CompiledDeck, Diagnostic } from '../../compiler/index.ts';
import { compileDeck, stacksHtml } from '../../compiler/index.ts';
import { type DeckConfig, relativePage, type Variant } from '../../config/index.ts';
import { OFFLINE_WORKER } from '../../contracts/offline.ts';
import { compileOptions, deckBlocks, readSources } from '../load.ts';
import { renderPage } from '../page.ts';

/** The runtime entry, as the page names it; deck:pages resolves it to src/runtime/main.ts. */
export const ENTRY = '/@deck/main.ts';

/** A compiled deck with its text converted: slides, notes, titles and metadata. */
function convertDeck(deck: CompiledDeck, convert: (text: string) => string): CompiledDeck {
  const stacks = deck.stacks.map((stack) =>
    stack.map((s) => ({
      ...s,
      html: convert(s.html),
      notes: convert(s.notes),
      provenance: convert(s.provenance),
      title: convert(s.title),
      section: s.section === undefined ? undefined : convert(s.section),
    })),
  );
  const meta = Object.fromEntries(
    Object.entries(deck.meta).map(([k, v]) => [k, typeof v === 'string' ? convert(v) : v]),
  ) as CompiledDeck['meta'];
  return { ...deck, meta, stacks, html: stacksHtml(stacks) };
}

/** The compiled deck of each variant, recompiled only when its inputs change. */
export class DeckSource {
  private cache = new Map<string, CompiledDeck>();
  private source: CompiledDeck | undefined;
  private converted = new Map<string, Map<string, string>>();

  readonly root: string;
  readonly slidesDir: string;
  readonly variants: Variant[];

  /** Every block the deck may use: the engine's and the deck's own. */
  readonly blocks: Block[];

  /** `compiled`: the deck compiled already from these files (deck build's check), so it is not compiled again. */
  constructor(
    readonly config: DeckConfig,
    compiled?: CompiledDeck,
  ) {
    this.source = compiled;
    this.root = config.root;
    this.slidesDir = config.slidesDir;
    this.variants = config.variants;
    this.blocks = deckBlocks(config);
  }

  /**
   * The deck in a variant's language. The markdown is compiled once, in the source language; another variant
   * converts the compiled text (slides, notes, data in the page, what blocks write), so nothing a block or
   * data file says can stay unconverted.
   */
  get(variant: Variant): CompiledDeck {
    let deck = this.cache.get(variant.lang);
    if (!deck) {
      const source = this.compiled();
      deck = variant.convert ? convertDeck(source, this.converter(variant)) : source;
      this.cache.set(variant.lang, deck);
    }
    return deck;
  }

  private compiled(): CompiledDeck {
    if (!this.source) {
      this.source = compileDeck(readSources(this.root, this.slidesDir), compileOptions(this.config));
    }
    return this.source;
  }

  /** The variant's whole HTML page, with links to the other variants. */
  page(variant: Variant): string {
    const alternates = this.variants
      .filter((v) => v !== variant)
      .map((v) => ({ lang: v.lang, label: v.label, href: relativePage(variant, v) }));
    return renderPage(this.get(variant), {
      lang: variant.lang,
      title: this.config.title && variant.convert ? variant.convert(this.config.title) : this.config.title,
      entry: ENTRY,
      alternates,
      timezone: this.config.timezone,
      offline: {
        worker: `${'../'.repeat(variant.page.split('/').length - 1)}${OFFLINE_WORKER}`,
        on: this.config.offline,
      },
      theme: this.config.scheme,
    });
  }

  /**
   * The variant's text conversion, reusing the last compile's results: a save changes one file, not all.
   * Only texts used by this compile are kept, so the memory does not grow with every save.
   */
  private converter(variant: Variant): (text: string) => string {
    const convert = variant.convert;
    if (!convert) return (t) => t;
    const last = this.converted.get(variant.lang) ?? new Map<string, string>();
    const now = new Map<string, string>();
    this.converted.set(variant.lang, now);
    return (text) => {
      const out = now.get(text) ?? last.get(text) ?? convert(text);
      now.set(text, out);
      return out;
    };
  }

  invalidate(): void {
    this.source = undefined;
    this.cache.clear();
  }

  /** Whether a changed file (absolute path) is one of the deck's inputs. */
  isInput(file: string): boolean {
    const slides = join(this.root, this.slidesDir);
    if (file.startsWith(slides) && /\.(md|ya?ml|json|csv)$/.test(file)) return true;
    return [...this.cache.values()].some((d) => d.dependencies.some((p) => join(this.root, p) === file));
  }

  /** Diagnostics of the source variant (the others are conversions of the same files). */
  diagnostics(): Diagnostic[] {
    const first = this.variants[0];
    return first ? this.get(first).diagnostics.filter((d) => d.severity === 'error') : [];
  }
}
