import { parseHTML } from 'linkedom';

/**
 * reveal.js's own markdown and highlight plugins (the 6.0.2 builds in node_modules), run on linkedom:
 * the DOM a deck's markdown becomes in reveal.js, to hold the compiler's output against.
 */

const {
  window: hostWindow,
  document: hostDocument,
  Node,
} = parseHTML('<!doctype html><html><head></head><body></body></html>');
// The plugins read these globals when they load and run (the highlight plugin adds a <style> on load).
Object.assign(globalThis, { Node, window: hostWindow, document: hostDocument });
const { default: Markdown } = await import('reveal.js/plugin/markdown');
const { default: Highlight } = await import('reveal.js/plugin/highlight');

/** The markdown options of a deck, as the data-* attributes of reveal.js's `<section data-markdown>`. */
export type SectionAttributes = Partial<
  Record<
    | 'data-separator'
    | 'data-separator-vertical'
    | 'data-separator-notes'
    | 'data-element-attributes'
    | 'data-attributes',
    string
  >
>;

/** The `.slides` HTML reveal.js makes of `markdown` once both plugins have run. */
export async function revealSlides(markdown: string, attributes: SectionAttributes): Promise<string> {
  const { document } = parseHTML(
    '<!doctype html><html><body><div class="reveal"><div class="slides"><section data-markdown><textarea data-template></textarea></section></div></div></body></html>',
  );
  const section = document.querySelector('section')!;
  for (const [name, value] of Object.entries(attributes)) section.setAttribute(name, value);
  document.querySelector('textarea')!.textContent = markdown;
  const reveal = document.querySelector('.reveal')!;
  const deck = { getConfig: () => ({}), getRevealElement: () => reveal, on: () => {} };
  await (Markdown() as { init(d: unknown): Promise<void> }).init(deck);
  (Highlight() as { init(d: unknown): void }).init(deck);
  return document.querySelector('.slides')!.innerHTML;
}

// The deck's own source map, and the options reveal.js forwards from its `<section data-markdown>`.
const IGNORED = new Set([
  'data-source',
  'data-markdown',
  'data-markdown-parsed',
  'data-element-attributes',
  'data-attributes',
]);

/**
 * A canonical form of slides HTML for comparing two renderings: no comments, whitespace-only text dropped
 * and text trimmed, attributes and classes sorted, image paths by file name, and a code line's spans
 * reduced to its text (a multi-line token is split into lines differently, see README).
 */
export function canonical(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body><div id="root">${html}</div></body></html>`);
  const walk = (node: ChildNode, inPre: boolean): string => {
    if (node.nodeType === 3) {
      const text = inPre ? (node.textContent ?? '') : (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      return text;
    }
    if (node.nodeType !== 1) return '';
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    const attrs = [...el.attributes]
      .filter((a) => !IGNORED.has(a.name))
      .map((a) => {
        if (a.name === 'class') return `class="${a.value.split(/\s+/).filter(Boolean).sort().join(' ')}"`;
        if (a.name === 'src') return `src="${a.value.split('/').pop()}"`;
        return `${a.name}="${a.value}"`;
      })
      .sort();
    const pre = inPre || tag === 'pre';
    const inner = el.classList.contains('hljs-ln-code')
      ? (el.textContent ?? '')
      : [...el.childNodes].map((c) => walk(c, pre)).join('');
    return `<${[tag, ...attrs].join(' ')}>${inner}</${tag}>`;
  };
  return [...document.getElementById('root')!.childNodes].map((n) => walk(n, false)).join('');
}
