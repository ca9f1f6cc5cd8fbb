import { PPTX } from '../../../contracts/dom.ts';

/** Chinese numerals as CSS's cjk-ideographic counter style writes them (1–99). */
function chineseNumber(n: number): string {
  const d = '〇一二三四五六七八九';
  if (n < 10) return d[n]!;
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
  return String(n);
}

/** The text a pseudo-element's `content` shows: strings, attr(), and counter() as the element's place among its siblings. */
function contentText(content: string, el: Element): string {
  let out = '';
  for (const m of content.matchAll(/"((?:[^"\\]|\\.)*)"|attr\(([^)]+)\)|counters?\(([^)]+)\)/g)) {
    if (m[1] !== undefined)
      out += m[1]
        .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
        .replace(/\\(.)/g, '$1');
    else if (m[2]) out += el.getAttribute(m[2].trim()) ?? '';
    else if (m[3]) {
      const style = m[3].split(',')[1]?.trim() ?? 'decimal';
      const n =
        [...(el.parentElement?.children ?? [])].filter((c) => c.tagName === el.tagName).indexOf(el) + 1;
      out += /cjk|chinese/.test(style) ? chineseNumber(n) : String(n);
    }
  }
  return out;
}

/**
 * Pseudo-elements have no box the page can measure: each `::before` / `::after` with content becomes a real
 * element with the same computed style in its place (the pseudo-element is turned off), then walked as any.
 */
export function materialise(root: Element): void {
  const made: { el: Element; before: boolean; span: HTMLElement }[] = [];
  for (const el of root.querySelectorAll('*')) {
    if (el.closest('svg, aside, script')) continue;
    for (const which of ['::before', '::after'] as const) {
      const pcs = getComputedStyle(el, which);
      if (!pcs.content || pcs.content === 'none' || pcs.content === 'normal' || pcs.display === 'none')
        continue;
      const span = document.createElement('span');
      for (let i = 0; i < pcs.length; i++) {
        const prop = pcs[i]!;
        if (prop !== 'content') span.style.setProperty(prop, pcs.getPropertyValue(prop));
      }
      span.textContent = contentText(pcs.content, el);
      made.push({ el, before: which === '::before', span });
    }
  }
  // Read every style before changing the page, then swap them all at once.
  for (const m of made) {
    m.el.setAttribute(PPTX.pseudoAttr, '');
    if (m.before) m.el.prepend(m.span);
    else m.el.append(m.span);
  }
  if (made.length > 0 && !document.getElementById(PPTX.pseudoStyleId)) {
    const style = document.createElement('style');
    style.id = PPTX.pseudoStyleId;
    style.textContent = `[${PPTX.pseudoAttr}]::before, [${PPTX.pseudoAttr}]::after { content: none !important; }`;
    document.head.append(style);
  }
}
