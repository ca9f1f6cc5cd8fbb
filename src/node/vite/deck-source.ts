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

  constructor(
    readonly root: string,
    readonly slidesDir: string,
    readonly variants: Variant[],
  ) {}

  get(variant: Variant): CompiledDeck {
    let deck = this.cache.get(variant.lang);
    if (!deck) {
      const convert = variant.convert ?? ((t: string) => t);
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
