import type { Paragraph, Run, ShapeItem, TextBody } from '../scene.ts';
import { color, px } from './color.ts';
import { paint } from './shape.ts';
import { hidden, holdsBoxes, isInline, note, type Slide } from './slide.ts';

/** A paragraph measured in the page, with its line boxes (client px) where the browser broke its lines. */
export interface Measured {
  paragraph: Paragraph;
  lines: { top: number; bottom: number; left: number; right: number }[];
}

const alignOf = (cs: CSSStyleDeclaration): Paragraph['align'] =>
  cs.textAlign === 'center'
    ? 'center'
    : cs.textAlign === 'right' || cs.textAlign === 'end'
      ? 'right'
      : 'left';
const lineHeightOf = (cs: CSSStyleDeclaration) =>
  cs.lineHeight === 'normal' ? px(cs.fontSize) * 1.3 : px(cs.lineHeight);

/** The box that clips `el`'s content: its own or an ancestor's with overflow other than visible; null for none. */
function clipBox(el: Element): { left: number; top: number; right: number; bottom: number } | null {
  let clip: { left: number; top: number; right: number; bottom: number } | null = null;
  for (let a: Element | null = el; a && !a.classList.contains('pdf-page'); a = a.parentElement) {
    const cs = getComputedStyle(a);
    if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
    const r = a.getBoundingClientRect();
    // A box collapsed to nothing (a block's source line giving way to the slide's) clips as before: not at all.
    if (a.clientWidth <= 1 || a.clientHeight <= 1) continue;
    const left = r.left + a.clientLeft;
    const top = r.top + a.clientTop;
    const box = { left, top, right: left + a.clientWidth, bottom: top + a.clientHeight };
    clip = clip
      ? {
          left: Math.max(clip.left, box.left),
          top: Math.max(clip.top, box.top),
          right: Math.min(clip.right, box.right),
          bottom: Math.min(clip.bottom, box.bottom),
        }
      : box;
  }
  return clip;
}

/**
 * The inline content of `el` (not its block children): runs, with a break where each line starts. Characters
 * its box (or an ancestor's) clips away are left out, as the slide shows them: a long code listing keeps to
 * its box, and the slide's notes of the export say how much was clipped.
 */
export function measure(el: Element, s?: Slide): Measured | null {
  const cs = getComputedStyle(el);
  const clip = clipBox(el);
  let clipped = 0;
  let shown = 0;
  const runs: Run[] = [];
  const lines: Measured['lines'] = [];
  let pendingSpace = false;
  let pendingBreak = false;
  let last: Run | null = null;
  const range = document.createRange();
  const push = (ch: string, style: CSSStyleDeclaration, rect: DOMRect | null) => {
    let breakBefore = false;
    if (rect) {
      const line = lines[lines.length - 1];
      const height = rect.height || 1;
      if (!line || rect.top >= line.top + height * 0.6 || pendingBreak) {
        if (line) breakBefore = true;
        lines.push({ top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right });
        pendingSpace = false;
        pendingBreak = false;
      } else {
        line.top = Math.min(line.top, rect.top);
        line.bottom = Math.max(line.bottom, rect.bottom);
        line.left = Math.min(line.left, rect.left);
        line.right = Math.max(line.right, rect.right);
      }
    }
    const text = (pendingSpace && !breakBefore ? ' ' : '') + ch;
    pendingSpace = false;
    const c = color(style.color);
    const run: Run = {
      text,
      size: px(style.fontSize),
      color: c?.hex ?? '000000',
      bold: Number(style.fontWeight) >= 600 || style.fontWeight === 'bold' || undefined,
      italic: style.fontStyle === 'italic' || undefined,
      underline: /underline/.test(style.textDecorationLine) || undefined,
    };
    if (breakBefore) run.breakBefore = true;
    if (
      last &&
      !breakBefore &&
      last.size === run.size &&
      last.color === run.color &&
      last.bold === run.bold &&
      last.italic === run.italic &&
      last.underline === run.underline
    )
      last.text += text;
    else {
      runs.push(run);
      last = run;
    }
  };
  const visit = (node: Node, style: CSSStyleDeclaration) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const text = child.textContent ?? '';
        const collapse = !/^pre/.test(style.whiteSpace);
        for (let i = 0; i < text.length; ) {
          const cp = text.codePointAt(i)!;
          const ch = String.fromCodePoint(cp);
          const next = i + ch.length;
          if (collapse && /\s/.test(ch)) {
            if (lines.length > 0) pendingSpace = true;
            i = next;
            continue;
          }
          range.setStart(child, i);
          range.setEnd(child, next);
          const rects = range.getClientRects();
          const rect = rects.length > 0 ? rects[rects.length - 1]! : null;
          if (rect && rect.width === 0 && rect.height === 0) {
            i = next;
            continue;
          }
          if (rect && clip) {
            const x = rect.left + rect.width / 2;
            const y = rect.top + rect.height / 2;
            if (x < clip.left || x > clip.right || y < clip.top || y > clip.bottom) {
              clipped++;
              i = next;
              continue;
            }
            shown++;
          }
          push(ch === '\n' ? '' : ch, style, rect);
          if (ch === '\n') pendingBreak = true;
          i = next;
        }
      } else if (child instanceof Element) {
        if (child.tagName === 'BR') {
          pendingBreak = true;
          continue;
        }
        const ccs = getComputedStyle(child);
        if (!isInline(ccs) || hidden(child, ccs)) continue;
        visit(child, ccs);
      }
    }
  };
  visit(el, cs);
  if (clipped > 0 && s && !s.deck.clipped.has(el)) {
    s.deck.clipped.add(el);
    const what = el.closest('pre') ? 'code listing' : `text in <${el.tagName.toLowerCase()}>`;
    note(
      s,
      `${what} clipped to its box as on the slide: ${clipped} of ${clipped + shown} characters not shown`,
    );
  }
  if (runs.length === 0 || runs.every((r) => !r.text.trim())) return null;
  return {
    // One line: spaced at its glyphs' own height, so no renderer has leading to place differently
    // (LibreOffice puts a fixed spacing's extra above the text, the browser half above, half below).
    paragraph: {
      runs,
      align: alignOf(cs),
      lineHeight: lines.length === 1 ? lines[0]!.bottom - lines[0]!.top : lineHeightOf(cs),
      spaceBefore: 0,
    },
    lines,
  };
}

/** Whether `el` holds text of its own (text nodes or inline elements with text), besides block children. */
export function hasInlineText(el: Element): boolean {
  for (const child of el.childNodes) {
    if (child.nodeType === Node.TEXT_NODE && child.textContent?.trim()) return true;
    if (child instanceof Element && child.tagName !== 'BR') {
      const ccs = getComputedStyle(child);
      if (isInline(ccs) && !hidden(child, ccs) && hasInlineText(child)) return true;
    }
  }
  return false;
}

/**
 * The inline formatting contexts under `el`, in order, when nothing under it paints a box of its own,
 * is replaced content or needs a fallback; null otherwise.
 */
export function textOnly(el: Element, self = true): Element[] | null {
  const found: Element[] = [];
  const visit = (node: Element, isSelf: boolean): boolean => {
    const cs = getComputedStyle(node);
    if (hidden(node, cs)) return true;
    if (/^(svg|img|canvas|video|iframe|object|picture|table)$/i.test(node.tagName)) return false;
    if (!isSelf && (paint(cs) || cs.backgroundImage !== 'none' || cs.filter !== 'none')) return false;
    if (node.hasAttribute('data-block') && !isSelf) return false;
    if (hasInlineText(node)) found.push(node);
    for (const child of node.children) {
      const ccs = getComputedStyle(child);
      if (isInline(ccs) && !holdsBoxes(child)) continue;
      if (!visit(child, false)) return false;
    }
    return true;
  };
  return visit(el, self) && found.length > 0 ? found : null;
}

/** Paragraphs measured in order, each with the gap above it; null when they do not stack top to bottom. */
export function stack(measured: Measured[]): Measured[] | null {
  for (let i = 1; i < measured.length; i++) {
    const prev = measured[i - 1]!.lines;
    const cur = measured[i]!.lines;
    const prevBottom = prev[prev.length - 1]!.bottom;
    if (cur[0]!.top < prevBottom - 2) return null;
  }
  return measured;
}

/** The line box of a measured line: its glyphs' box grown to the paragraph's line height. */
function lineBox(m: Measured, i: number) {
  const l = m.lines[i]!;
  const half = Math.max(0, (m.paragraph.lineHeight - (l.bottom - l.top)) / 2);
  return { top: l.top - half, bottom: l.bottom + half, left: l.left, right: l.right };
}

/** A text body for stacked paragraphs, and the union of their line boxes (client px). */
function body(measured: Measured[]) {
  let top = Infinity;
  let bottom = -Infinity;
  let left = Infinity;
  let right = -Infinity;
  let prevBottom: number | null = null;
  const paragraphs = measured.map((m) => {
    const first = lineBox(m, 0);
    const lastBox = lineBox(m, m.lines.length - 1);
    m.lines.forEach((_, i) => {
      const b = lineBox(m, i);
      left = Math.min(left, b.left);
      right = Math.max(right, b.right);
    });
    top = Math.min(top, first.top);
    bottom = Math.max(bottom, lastBox.bottom);
    const p = {
      ...m.paragraph,
      spaceBefore: prevBottom === null ? 0 : Math.max(0, first.top - prevBottom),
    };
    prevBottom = lastBox.bottom;
    return p;
  });
  return { paragraphs, top, bottom, left, right };
}

/** A free-standing text box around measured paragraphs, a little wider than the text, never past the slide. */
export function textBox(s: Slide, measured: Measured[], group?: number): ShapeItem {
  const b = body(measured);
  const width = b.right - b.left;
  const slack = 4 + width * 0.03;
  const align = b.paragraphs[0]!.align;
  let x = b.left - s.origin.left - (align === 'center' ? slack / 2 : align === 'right' ? slack : 0);
  let w = width + slack;
  x = Math.max(0, x);
  w = Math.min(w, s.W - x);
  const y = Math.max(0, b.top - s.origin.top);
  const h = Math.min(b.bottom - b.top, s.H - y);
  return {
    kind: 'shape',
    geometry: 'rect',
    x,
    y,
    w,
    h,
    text: { paragraphs: b.paragraphs, inset: { l: 0, t: 0, r: 0, b: 0 } },
    group,
  };
}

/** Text inside a shape: the insets put the paragraphs where the browser drew them. */
export function inside(s: Slide, shape: ShapeItem, measured: Measured[]): TextBody {
  const b = body(measured);
  const left = b.left - s.origin.left - shape.x;
  const right = shape.x + shape.w - (b.right - s.origin.left);
  const top = Math.max(0, b.top - s.origin.top - shape.y);
  // Lines centred on one axis (by text-align or by a flex column's align-items) are centred paragraphs.
  const lines = measured.flatMap((m) => m.lines);
  const centers = lines.map((l) => (l.left + l.right) / 2 - s.origin.left);
  const widths = lines.map((l) => l.right - l.left);
  const middle = shape.x + shape.w / 2;
  const centred =
    Math.max(...centers) - Math.min(...centers) < 3 &&
    (Math.max(...widths) - Math.min(...widths) > 3 || Math.abs(centers[0]! - middle) < 3);
  if (centred) for (const p of b.paragraphs) p.align = 'center';
  const align = b.paragraphs[0]!.align;
  const inset = { l: Math.max(0, left), t: top, r: Math.max(0, right), b: 0 };
  if (align === 'center') {
    const shift = left - right;
    inset.l = Math.max(0, shift);
    inset.r = Math.max(0, -shift);
  } else if (align === 'left') inset.r = 0;
  else inset.l = 0;
  return { paragraphs: b.paragraphs, inset };
}

/** A list whose items show markers, and everything in it text: one text box of bulleted paragraphs. */
export function list(s: Slide, el: Element, group?: number): ShapeItem | null {
  const items = [...el.querySelectorAll('li')];
  if (items.length === 0 || items.some((li) => getComputedStyle(li).display !== 'list-item')) return null;
  if (!textOnly(el)) return null;
  const measured: Measured[] = [];
  for (const li of items) {
    if (hidden(li, getComputedStyle(li))) continue;
    let level = 0;
    for (let a = li.parentElement; a && a !== el; a = a.parentElement)
      if (/^(UL|OL)$/.test(a.tagName)) level++;
    const type: 'bullet' | 'number' = li.parentElement?.tagName === 'OL' ? 'number' : 'bullet';
    // The item's own text, and that of blocks in it that are not lists.
    const blocks = [li, ...li.querySelectorAll('*')].filter(
      (d) =>
        (d === li ||
          (d.closest('li') === li && !/^(UL|OL)$/.test(d.tagName) && !isInline(getComputedStyle(d)))) &&
        hasInlineText(d),
    );
    blocks.forEach((d, i) => {
      const m = measure(d, s);
      if (!m) return;
      if (i === 0 && getComputedStyle(li).listStyleType !== 'none') m.paragraph.bullet = { type, level };
      measured.push(m);
    });
  }
  if (measured.length === 0 || !stack(measured)) return null;
  const shape = textBox(s, measured, group);
  const r = el.getBoundingClientRect();
  // The box starts at the list's edge, where PowerPoint draws the bullet.
  const right = shape.x + shape.w;
  shape.x = Math.max(0, r.left - s.origin.left);
  shape.w = Math.min(right - shape.x, s.W - shape.x);
  return shape;
}
