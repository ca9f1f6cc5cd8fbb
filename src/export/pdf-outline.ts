import { type PDFDict, type PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';

/** A bookmark: its title, the 0-based page it opens, and the bookmarks under it. */
export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/**
 * Writes the document outline (bookmarks) into the PDF catalog, and asks viewers to show it. pdf-lib has no
 * outline API, so the dictionaries are built as PDF 1.7 §12.3.3 describes: sibling links, first/last
 * child, and a negative Count for an item shown closed.
 */
export function writeOutline(doc: PDFDocument, items: OutlineItem[]): void {
  if (items.length === 0) return;
  const { context } = doc;
  const pages = doc.getPages().map((p) => p.ref);
  const root = context.nextRef();

  const link = (list: OutlineItem[], parent: PDFRef): { first: PDFRef; last: PDFRef } => {
    const refs = list.map(() => context.nextRef());
    list.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 0), pages.length - 1)]!;
      const dict = context.obj({
        Title: PDFHexString.fromText(item.title),
        Parent: parent,
        Dest: [page, 'Fit'],
      }) as PDFDict;
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
      if (i < list.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
      if (item.children.length > 0) {
        const kids = link(item.children, refs[i]!);
        dict.set(PDFName.of('First'), kids.first);
        dict.set(PDFName.of('Last'), kids.last);
        dict.set(PDFName.of('Count'), PDFNumber.of(-item.children.length));
      }
      context.assign(refs[i]!, dict);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]! };
  };

  const top = link(items, root);
  context.assign(
    root,
    context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: items.length }),
  );
  doc.catalog.set(PDFName.of('Outlines'), root);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
