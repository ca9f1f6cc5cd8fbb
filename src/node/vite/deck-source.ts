import { join } from 'node:path';
import type { CompiledDeck, Diagnostic } from '../../compiler/index.ts';
import { compileDeck } from '../../compiler/index.ts';
import { fsHost, readSources } from '../load.ts';
import { renderPage } from '../page.ts';
import { relativePage, type Variant } from '../variants.ts';

/** The runtime entry, as the page names it; deck:pages resolves it to src/runtime/main.ts. */
export const ENTRY = '/@deck/main.ts';

/** The compiled deck of each variant, recompiled only when its inputs change. */
export class DeckSource {
  private cache = new Map<string, CompiledDeck>();
  private converted = new Map<string, Map<string, string>>();

  constructor(
    readonly root: string,
    readonly slidesDir: string,
    readonly variants: Variant[],
  ) {}

  get(variant: Variant): CompiledDeck {
    let deck = this.cache.get(variant.lang);
    if (!deck) {
      const convert = this.converter(variant);
      const host = fsHost(this.root);
      const files = readSources(this.root, this.slidesDir).map((f) => ({
        path: f.path,
        text: convert(f.text),
      }));
      deck = compileDeck(files, {
        host: {
          exists: host.exists,
          readText: (p) => ((t) => (t === undefined ? t : convert(t)))(host.readText(p)),
        },
      });
      this.cache.set(variant.lang, deck);
    }
    return deck;
  }

  /** The variant's whole HTML page, with links to the other variants. */
  page(variant: Variant): string {
    const alternates = this.variants
      .filter((v) => v !== variant)
      .map((v) => ({ lang: v.lang, label: v.label, href: relativePage(variant, v) }));
    return renderPage(this.get(variant), { lang: variant.lang, entry: ENTRY, alternates });
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
