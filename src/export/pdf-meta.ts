import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { PrintedDeck, PrintedPage } from './layout.ts';
import { type OutlineItem, writeOutline } from './pdf-outline.ts';

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

/** Chromium's PDF, with the deck's metadata, language and outline added; tagging and fonts are kept as they are. */
export async function finishPdf(pdf: Uint8Array, deck: PrintedDeck): Promise<Uint8Array> {
  // Parse in one go: the default yields to the event loop every 100 objects, which only adds waiting.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  doc.setTitle(deck.title, { showInWindowTitleBar: true });
  if (deck.author) doc.setAuthor(deck.author);
  if (deck.subject) doc.setSubject(deck.subject);
  const keywords = deck.keywords
    .split(/[,，、]/)
    .map((k) => k.trim())
    .filter(Boolean);
  if (keywords.length > 0) doc.setKeywords(keywords);
  if (deck.lang) doc.setLanguage(deck.lang);
  doc.setCreator('deck export (reveal.js print view)');
  doc.setProducer('Chromium (Skia/PDF), pdf-lib');
  const now = new Date();
  doc.setCreationDate(now);
  doc.setModificationDate(now);
  writeOutline(doc, outlineOf(deck.pages));
  return doc.save();
}
