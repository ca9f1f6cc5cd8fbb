import { pdfText, type Ref } from './pdf-update.ts';

/** A bookmark: its title, the 0-based page it opens, and the bookmarks under it. */
export interface OutlineItem {
  title: string;
  page: number;
  children: OutlineItem[];
}

/**
 * The document outline (bookmarks) as PDF objects, built as PDF 1.7 §12.3.3 describes: sibling links,
 * first/last child, and a negative Count for an item shown closed. `pages` are the pages' object numbers;
 * `next` hands out new object numbers. Returns the outline root and every object by number.
 */
export function outlineObjects(
  items: OutlineItem[],
  pages: Ref[],
  next: () => Ref,
): { root: Ref; objects: Map<Ref, string> } | undefined {
  if (items.length === 0 || pages.length === 0) return undefined;
  const objects = new Map<Ref, string>();
  const root = next();

  const link = (list: OutlineItem[], parent: Ref): { first: Ref; last: Ref } => {
    const refs = list.map(() => next());
    list.forEach((item, i) => {
      const page = pages[Math.min(Math.max(item.page, 0), pages.length - 1)]!;
      const entries = [`/Title ${pdfText(item.title)}`, `/Parent ${parent} 0 R`, `/Dest [${page} 0 R /Fit]`];
      if (i > 0) entries.push(`/Prev ${refs[i - 1]} 0 R`);
      if (i < list.length - 1) entries.push(`/Next ${refs[i + 1]} 0 R`);
      if (item.children.length > 0) {
        const kids = link(item.children, refs[i]!);
        entries.push(`/First ${kids.first} 0 R`, `/Last ${kids.last} 0 R`, `/Count ${-item.children.length}`);
      }
      objects.set(refs[i]!, `<<${entries.join('\n')}>>`);
    });
    return { first: refs[0]!, last: refs[refs.length - 1]! };
  };

  const top = link(items, root);
  objects.set(
    root,
    `<</Type /Outlines\n/First ${top.first} 0 R\n/Last ${top.last} 0 R\n/Count ${items.length}>>`,
  );
  return { root, objects };
}
