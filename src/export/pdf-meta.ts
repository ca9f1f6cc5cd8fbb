import type { PrintedDeck, PrintedPage } from './layout.ts';
import { type OutlineItem, outlineObjects } from './pdf-outline.ts';
import { pdfDate, pdfText, type Ref, updatePdf, withKey } from './pdf-update.ts';

/** Bookmarks: one per outline section (in order of first appearance), its slides under it. */
export function outlineOf(pages: PrintedPage[]): OutlineItem[] {
  const sections: OutlineItem[] = [];
  let current: OutlineItem | undefined;
  pages.forEach((page, at) => {
    if (page.kind !== 'slide' || page.step !== 0) return;
    if (!current || current.title !== page.section) {
      current = { title: page.section, page: at, children: [] };
      sections.push(current);
    }
    current.children.push({ title: page.title, page: at, children: [] });
  });
  // A section that is one slide of the same name needs no child.
  for (const s of sections) if (s.children.length === 1 && s.children[0]!.title === s.title) s.children = [];
  return sections;
}

/**
 * Chromium's PDF with the deck's metadata, language and outline added as an incremental update: Chromium's
 * bytes (fonts, pages, tagging) stay as they are and are not read again.
 */
export function finishPdf(pdf: Uint8Array, deck: PrintedDeck, now = new Date()): Uint8Array {
  return updatePdf(pdf, (doc, next) => {
    const objects = new Map<Ref, string>();
    let catalog = withKey(doc.catalog, 'ViewerPreferences', '<</DisplayDocTitle true>>');
    if (deck.lang) catalog = withKey(catalog, 'Lang', pdfText(deck.lang));
    const outline = outlineObjects(outlineOf(deck.pages), doc.pages, next);
    catalog = withKey(catalog, 'Outlines', outline ? `${outline.root} 0 R` : undefined);
    if (outline) {
      for (const [n, body] of outline.objects) objects.set(n, body);
      catalog = withKey(catalog, 'PageMode', '/UseOutlines');
    }
    const keywords = deck.keywords
      .split(/[,，、]/)
      .map((k) => k.trim())
      .filter(Boolean)
      .join(' ');
    const fields: [string, string][] = [
      ['Title', deck.title],
      ['Author', deck.author],
      ['Subject', deck.subject],
      ['Keywords', keywords],
      ['Creator', 'deck export (reveal.js print view)'],
      ['Producer', 'Chromium (Skia/PDF)'],
    ];
    const info = next();
    objects.set(
      info,
      `<<${[
        ...fields.filter(([, v]) => v).map(([k, v]) => `/${k} ${pdfText(v)}`),
        `/CreationDate ${pdfDate(now)}`,
        `/ModDate ${pdfDate(now)}`,
      ].join('\n')}>>`,
    );
    return { objects, catalog, info };
  });
}
