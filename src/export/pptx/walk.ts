import type {
  Box,
  ChartItem,
  DeckScene,
  FallbackItem,
  Gradient,
  Item,
  Line,
  Paragraph,
  PathPoint,
  Run,
  ShapeItem,
  SlideScene,
  TextBody,
} from './scene.ts';

/** What the walker needs to know of each printed slide page, in page order. */
export interface WalkPage {
  title: string;
  section: string;
  source: string;
}

export interface WalkInput {
  pages: WalkPage[];
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  /** The heading of the notes' provenance part (`Provenance:` in a slide's notes), in the deck's language. */
  provenanceLabel: string;
}

/**
 * Runs in the page, on reveal.js's print view (one `.pdf-page` per slide, fragments in their final state):
 * walks each slide's laid-out DOM into a scene of native objects at the positions the browser measured.
 * Self-contained (the page has nothing else of ours); inner helpers are arrow functions.
 *
 * - text: each block that holds inline content becomes a paragraph of runs (weight, colour, size, emphasis),
 *   with a line break wherever the browser broke the line, measured character by character;
 * - a box with a fill or border becomes a shape; when all it holds is text stacked in lines, the text goes
 *   inside it; lists with markers become one text box of bulleted paragraphs at their levels;
 * - SVG circles, rects, lines and paths become shapes, lines and curves (arrowheads from markers);
 * - a chart block becomes a chart from its model; images become pictures;
 * - what PowerPoint cannot draw (CSS filters, rotations, gradients, other SVG) is marked for a picture of
 *   just that element.
 */
export function walkPrintView(input: WalkInput): DeckScene {
  const pageEls = [...document.querySelectorAll<HTMLElement>('.reveal .slides .pdf-page')];
  let fallbackId = 0;
  let groupId = 0;
  const rootStyle = getComputedStyle(document.documentElement);
  const webFonts = new Set([...document.fonts].map((f) => f.family.replace(/^["']|["']$/g, '')));
  const generic = /^(serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-[a-z-]+|emoji|math)$/i;
  const deckFont =
    getComputedStyle(document.querySelector('.reveal') ?? document.body)
      .fontFamily.split(',')
      .map((f) => f.trim().replace(/^["']|["']$/g, ''))
      .find((f) => !webFonts.has(f) && !generic.test(f)) ?? 'Noto Sans SC';

  /** `RRGGBB` and alpha of a computed colour (`rgb()`, `rgba()`, `color(srgb …)`), null when transparent. */
  const color = (value: string): { hex: string; alpha: number } | null => {
    let parts: number[] | null = null;
    let alpha = 1;
    const rgb = /^rgba?\(([^)]+)\)$/.exec(value);
    const srgb = /^color\(srgb ([^)]+)\)$/.exec(value);
    if (rgb) {
      const n = rgb[1]!
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      parts = n.slice(0, 3);
      if (n.length > 3) alpha = n[3]!;
    } else if (srgb) {
      const n = srgb[1]!
        .split(/[\s/]+/)
        .filter(Boolean)
        .map(Number);
      parts = n.slice(0, 3).map((v) => v * 255);
      if (n.length > 3) alpha = n[3]!;
    }
    if (!parts || parts.some((v) => Number.isNaN(v)) || alpha <= 0.01) return null;
    const hex = parts
      .map((v) =>
        Math.round(Math.min(255, Math.max(0, v)))
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
      .toUpperCase();
    return { hex, alpha };
  };
  const px = (value: string) => Number.parseFloat(value) || 0;

  /** Chinese numerals as CSS's cjk-ideographic counter style writes them (1–99). */
  const chineseNumber = (n: number): string => {
    const d = '〇一二三四五六七八九';
    if (n < 10) return d[n]!;
    if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
    if (n < 100) return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
    return String(n);
  };
  /** The text a pseudo-element's `content` shows: strings, attr(), and counter() as the element's place among its siblings. */
  const contentText = (content: string, el: Element): string => {
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
  };
  /**
   * Pseudo-elements have no box the page can measure: each `::before` / `::after` with content becomes a real
   * element with the same computed style in its place (the pseudo-element is turned off), then walked as any.
   */
  const materialise = (root: Element) => {
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
      m.el.setAttribute('data-pptx-pseudo', '');
      if (m.before) m.el.prepend(m.span);
      else m.el.append(m.span);
    }
    if (made.length > 0 && !document.getElementById('pptx-pseudo')) {
      const style = document.createElement('style');
      style.id = 'pptx-pseudo';
      style.textContent =
        '[data-pptx-pseudo]::before, [data-pptx-pseudo]::after { content: none !important; }';
      document.head.append(style);
    }
  };

  const walkSlide = (pageEl: HTMLElement, info: WalkPage): SlideScene => {
    const origin = pageEl.getBoundingClientRect();
    const W = origin.width;
    const H = Math.max(origin.height, 1);
    const items: Item[] = [];
    const scene: SlideScene = {
      width: W,
      height: H,
      items,
      notes: '',
      title: info.title,
      section: info.section,
      source: info.source,
    };
    const pageColor = color(getComputedStyle(pageEl).backgroundColor);
    if (pageColor) scene.background = { color: pageColor.hex };
    const backdrop = pageEl.querySelector<HTMLElement>('.slide-background');
    if (backdrop) {
      const c = color(getComputedStyle(backdrop).backgroundColor);
      if (c && c.alpha > 0.99) scene.background = { color: c.hex };
    }

    const box = (r: DOMRect | { left: number; top: number; width: number; height: number }): Box => ({
      x: r.left - origin.left,
      y: r.top - origin.top,
      w: r.width,
      h: r.height,
    });
    const fallback = (el: Element, why: string, own: boolean, group?: number): FallbackItem => {
      const id = ++fallbackId;
      el.setAttribute('data-pptx-fallback', String(id));
      return { kind: 'fallback', id, why, own, ...box(el.getBoundingClientRect()), group };
    };
    const hidden = (el: Element, cs: CSSStyleDeclaration): boolean => {
      if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return true;
      if (/^(script|style|template|noscript|aside)$/i.test(el.tagName)) return true;
      if (el.classList.contains('notes')) return true;
      const r = el.getBoundingClientRect();
      // Visually hidden (screen-reader text): clipped away or a 1 px box with hidden overflow.
      if (/^inset\(50%/.test(cs.clipPath) || cs.clip === 'rect(0px, 0px, 0px, 0px)') return true;
      if (r.width <= 1 && r.height <= 1 && cs.overflow === 'hidden') return true;
      return false;
    };
    const isInline = (cs: CSSStyleDeclaration) => cs.display === 'inline' || cs.display === 'contents';

    /** Fill and outline of an element's own box (null: it paints none). */
    const paint = (cs: CSSStyleDeclaration) => {
      const fill = color(cs.backgroundColor);
      const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).map((s) => ({
        width: cs.borderStyle === 'none' ? 0 : px(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)),
        color: color(cs.getPropertyValue(`border-${s.toLowerCase()}-color`)),
        style: cs.getPropertyValue(`border-${s.toLowerCase()}-style`),
      }));
      const drawn = sides.map((s) => (s.width > 0 && s.color && s.style !== 'none' ? s : null));
      if (!fill && drawn.every((s) => !s)) return null;
      return { fill, sides: drawn };
    };

    /** The element's box as a shape: rectangle, rounded rectangle or ellipse, with its fill and outline. */
    const shapeOf = (
      el: Element,
      cs: CSSStyleDeclaration,
      group?: number,
    ): { shape: ShapeItem; edges: Item[] } | null => {
      const p = paint(cs);
      if (!p) return null;
      const b = box(el.getBoundingClientRect());
      // A CSS triangle: no content box, one coloured border between transparent ones; it points away from it.
      const drawnSides = p.sides.filter(Boolean);
      if (!p.fill && drawnSides.length === 1 && px(cs.width) === 0 && px(cs.height) === 0) {
        const side = p.sides.findIndex(Boolean);
        const width = p.sides[side]!.width;
        // The coloured border's own region of the box: the triangle fills it.
        const region = [
          { x: b.x, y: b.y, w: b.w, h: width },
          { x: b.x + b.w - width, y: b.y, w: width, h: b.h },
          { x: b.x, y: b.y + b.h - width, w: b.w, h: width },
          { x: b.x, y: b.y, w: width, h: b.h },
        ][side]!;
        const rotate = [180, 270, 0, 90][side]!;
        const turned = rotate % 180 !== 0;
        const w = turned ? region.h : region.w;
        const h = turned ? region.w : region.h;
        return {
          shape: {
            kind: 'shape',
            geometry: 'triangle',
            x: region.x + (region.w - w) / 2,
            y: region.y + (region.h - h) / 2,
            w,
            h,
            rotate: rotate || undefined,
            fill: p.sides[side]!.color!.hex,
            group,
          },
          edges: [],
        };
      }
      const radius = px(cs.borderTopLeftRadius);
      const percent = /%/.test(cs.borderTopLeftRadius) ? Number.parseFloat(cs.borderTopLeftRadius) : 0;
      const round = percent >= 50 || radius >= Math.min(b.w, b.h) / 2 - 0.5;
      const shape: ShapeItem = {
        kind: 'shape',
        geometry:
          round && Math.abs(b.w - b.h) < 2 ? 'ellipse' : radius > 0 || percent > 0 ? 'roundRect' : 'rect',
        ...b,
        group,
      };
      if (shape.geometry === 'roundRect')
        shape.radius = percent > 0 ? (Math.min(b.w, b.h) * percent) / 100 : radius;
      if (p.fill) {
        shape.fill = p.fill.hex;
        if (p.fill.alpha < 1) shape.transparency = 1 - p.fill.alpha;
      }
      const edges: Item[] = [];
      const [top, right, bottom, left] = p.sides;
      const same =
        top &&
        right &&
        bottom &&
        left &&
        [right, bottom, left].every((s) => s.width === top.width && s.color!.hex === top.color!.hex);
      if (same)
        shape.line = {
          color: top.color!.hex,
          width: top.width,
          dash: top.style === 'dashed' || top.style === 'dotted',
        };
      else {
        // One-sided borders (a rule at the left of a quote) are thin filled bars along that edge.
        const bar = (s: typeof top, x: number, y: number, w: number, h: number) => {
          if (s) edges.push({ kind: 'shape', geometry: 'rect', x, y, w, h, fill: s.color!.hex, group });
        };
        bar(top, b.x, b.y, b.w, top?.width ?? 0);
        bar(bottom, b.x, b.y + b.h - (bottom?.width ?? 0), b.w, bottom?.width ?? 0);
        bar(left, b.x, b.y, left?.width ?? 0, b.h);
        bar(right, b.x + b.w - (right?.width ?? 0), b.y, right?.width ?? 0, b.h);
      }
      return { shape, edges };
    };

    // ---- text: an inline formatting context measured line by line -------------------------------------
    interface Measured {
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

    /** The inline content of `el` (not its block children): runs, with a break where each line starts. */
    const measure = (el: Element): Measured | null => {
      const cs = getComputedStyle(el);
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
    };

    /** Whether `el` holds text of its own (text nodes or inline elements with text), besides block children. */
    const hasInlineText = (el: Element): boolean => {
      for (const child of el.childNodes) {
        if (child.nodeType === Node.TEXT_NODE && child.textContent?.trim()) return true;
        if (child instanceof Element && child.tagName !== 'BR') {
          const ccs = getComputedStyle(child);
          if (isInline(ccs) && !hidden(child, ccs) && hasInlineText(child)) return true;
        }
      }
      return false;
    };

    /**
     * The inline formatting contexts under `el`, in order, when nothing under it paints a box of its own,
     * is replaced content or needs a fallback; null otherwise.
     */
    const textOnly = (el: Element, self = true): Element[] | null => {
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
          if (isInline(ccs) && !child.querySelector('svg, img, canvas')) continue;
          if (!visit(child, false)) return false;
        }
        return true;
      };
      return visit(el, self) && found.length > 0 ? found : null;
    };

    /** Paragraphs measured in order, each with the gap above it; null when they do not stack top to bottom. */
    const stack = (measured: Measured[]): Measured[] | null => {
      for (let i = 1; i < measured.length; i++) {
        const prev = measured[i - 1]!.lines;
        const cur = measured[i]!.lines;
        const prevBottom = prev[prev.length - 1]!.bottom;
        if (cur[0]!.top < prevBottom - 2) return null;
      }
      return measured;
    };

    /** The line box of a measured line: its glyphs' box grown to the paragraph's line height. */
    const lineBox = (m: Measured, i: number) => {
      const l = m.lines[i]!;
      const half = Math.max(0, (m.paragraph.lineHeight - (l.bottom - l.top)) / 2);
      return { top: l.top - half, bottom: l.bottom + half, left: l.left, right: l.right };
    };

    /** A text body for stacked paragraphs, and the union of their line boxes (client px). */
    const body = (measured: Measured[]) => {
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
    };

    /** A free-standing text box around measured paragraphs, a little wider than the text, never past the slide. */
    const textBox = (measured: Measured[], group?: number): ShapeItem => {
      const b = body(measured);
      const width = b.right - b.left;
      const slack = 4 + width * 0.03;
      const align = b.paragraphs[0]!.align;
      let x = b.left - origin.left - (align === 'center' ? slack / 2 : align === 'right' ? slack : 0);
      let w = width + slack;
      x = Math.max(0, x);
      w = Math.min(w, W - x);
      const y = Math.max(0, b.top - origin.top);
      const h = Math.min(b.bottom - b.top, H - y);
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
    };

    /** Text inside a shape: the insets put the paragraphs where the browser drew them. */
    const inside = (shape: ShapeItem, measured: Measured[]): TextBody => {
      const b = body(measured);
      const left = b.left - origin.left - shape.x;
      const right = shape.x + shape.w - (b.right - origin.left);
      const top = Math.max(0, b.top - origin.top - shape.y);
      // Lines centred on one axis (by text-align or by a flex column's align-items) are centred paragraphs.
      const lines = measured.flatMap((m) => m.lines);
      const centers = lines.map((l) => (l.left + l.right) / 2 - origin.left);
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
    };

    // ---- lists -----------------------------------------------------------------------------------------
    /** A list whose items show markers, and everything in it text: one text box of bulleted paragraphs. */
    const list = (el: Element, group?: number): ShapeItem | null => {
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
          const m = measure(d);
          if (!m) return;
          if (i === 0 && getComputedStyle(li).listStyleType !== 'none') m.paragraph.bullet = { type, level };
          measured.push(m);
        });
      }
      if (measured.length === 0 || !stack(measured)) return null;
      const shape = textBox(measured, group);
      const r = el.getBoundingClientRect();
      // The box starts at the list's edge, where PowerPoint draws the bullet.
      const right = shape.x + shape.w;
      shape.x = Math.max(0, r.left - origin.left);
      shape.w = Math.min(right - shape.x, W - shape.x);
      return shape;
    };

    // ---- SVG -------------------------------------------------------------------------------------------
    const svgLine = (cs: CSSStyleDeclaration, scale: number): Line | null => {
      const c = color(cs.stroke);
      const width = px(cs.strokeWidth) * scale;
      if (!c || width <= 0) return null;
      return { color: c.hex, width, dash: cs.strokeDasharray !== 'none' };
    };
    /** Absolute points of a path's M, L, H, V, C, Z commands (null when it has others: arcs, quadratics). */
    const pathPoints = (d: string): PathPoint[] | null => {
      const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
      const points: PathPoint[] = [];
      let i = 0;
      let cmd = '';
      let x = 0;
      let y = 0;
      let sx = 0;
      let sy = 0;
      const num = () => Number(tokens[i++]);
      while (i < tokens.length) {
        if (/[a-zA-Z]/.test(tokens[i]!)) cmd = tokens[i++]!;
        const rel = cmd === cmd.toLowerCase();
        const C = cmd.toUpperCase();
        if (C === 'Z') {
          points.push({ close: true });
          x = sx;
          y = sy;
          continue;
        }
        if (C === 'M' || C === 'L') {
          const nx = num() + (rel ? x : 0);
          const ny = num() + (rel ? y : 0);
          x = nx;
          y = ny;
          if (C === 'M') {
            sx = x;
            sy = y;
            points.push({ x, y, moveTo: true });
            cmd = rel ? 'l' : 'L';
          } else points.push({ x, y });
        } else if (C === 'H') {
          x = num() + (rel ? x : 0);
          points.push({ x, y });
        } else if (C === 'V') {
          y = num() + (rel ? y : 0);
          points.push({ x, y });
        } else if (C === 'C') {
          const [x1, y1, x2, y2, ex, ey] = [num(), num(), num(), num(), num(), num()];
          const o = (v: number, base: number) => v + (rel ? base : 0);
          points.push({
            x: o(ex, x),
            y: o(ey, y),
            curve: { x1: o(x1, x), y1: o(y1, y), x2: o(x2, x), y2: o(y2, y) },
          });
          x = o(ex, x);
          y = o(ey, y);
        } else return null;
        if (points.some((p) => 'x' in p && Number.isNaN(p.x))) return null;
      }
      return points;
    };

    const walkSvg = (svg: SVGSVGElement, group: number | undefined) => {
      const toPage = (m: DOMMatrix, x: number, y: number) => {
        const p = new DOMPoint(x, y).matrixTransform(m);
        return { x: p.x - origin.left, y: p.y - origin.top };
      };
      const visit = (node: Element) => {
        for (const child of node.children) {
          if (!(child instanceof SVGGraphicsElement)) continue;
          const tag = child.tagName.toLowerCase();
          if (
            /^(defs|marker|clippath|mask|symbol|pattern|lineargradient|radialgradient|title|desc)$/.test(tag)
          )
            continue;
          const cs = getComputedStyle(child);
          if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
          const m = child.getScreenCTM();
          if (!m) continue;
          const scale = Math.hypot(m.a, m.b);
          const rotated = Math.abs(m.b) > 1e-6 || Math.abs(m.c) > 1e-6;
          const fill = color(cs.fill);
          const line = svgLine(cs, scale);
          const headEnd = cs.markerEnd !== 'none' && cs.markerEnd !== '';
          const headStart = cs.markerStart !== 'none' && cs.markerStart !== '';
          if (tag === 'g' || tag === 'a') {
            visit(child);
            continue;
          }
          if (rotated && tag !== 'line' && tag !== 'path') {
            items.push(fallback(child, `rotated svg ${tag}`, false, group));
            continue;
          }
          if (tag === 'circle' || tag === 'ellipse' || tag === 'rect') {
            const b = box(child.getBoundingClientRect());
            // The stroke straddles the outline: the shape is the geometry, the bounding box includes the stroke.
            const inset = line ? line.width / 2 : 0;
            const rx = tag === 'rect' ? px(cs.getPropertyValue('rx')) * scale : 0;
            items.push({
              kind: 'shape',
              geometry: tag === 'rect' ? (rx > 0 ? 'roundRect' : 'rect') : 'ellipse',
              radius: rx > 0 ? rx : undefined,
              x: b.x + inset,
              y: b.y + inset,
              w: b.w - 2 * inset,
              h: b.h - 2 * inset,
              fill: fill?.hex,
              transparency: fill && fill.alpha < 1 ? 1 - fill.alpha : undefined,
              line: line ?? undefined,
              group,
            });
          } else if (tag === 'line' || tag === 'path' || tag === 'polyline') {
            let local: PathPoint[] | null = null;
            if (tag === 'line') {
              const l = child as SVGLineElement;
              local = [
                { x: l.x1.baseVal.value, y: l.y1.baseVal.value, moveTo: true },
                { x: l.x2.baseVal.value, y: l.y2.baseVal.value },
              ];
            } else if (tag === 'polyline') {
              local = [...(child as SVGPolylineElement).points].map((p, i) => ({
                x: p.x,
                y: p.y,
                moveTo: i === 0,
              }));
            } else local = pathPoints(child.getAttribute('d') ?? '');
            if (!local || !line) {
              if (local && fill && !line) {
                items.push(fallback(child, 'filled svg path', false, group));
              } else if (!local) items.push(fallback(child, `svg path with arcs`, false, group));
              continue;
            }
            const points: PathPoint[] = local.map((p) => {
              if ('close' in p) return p;
              const q = toPage(m, p.x, p.y);
              if ('curve' in p) {
                const c1 = toPage(m, p.curve.x1, p.curve.y1);
                const c2 = toPage(m, p.curve.x2, p.curve.y2);
                return { ...q, curve: { x1: c1.x, y1: c1.y, x2: c2.x, y2: c2.y } };
              }
              return { ...q, moveTo: p.moveTo };
            });
            const xy = points.filter((p): p is { x: number; y: number } => 'x' in p);
            const straight = points.length === 2 && !points.some((p) => 'curve' in p || 'close' in p);
            if (straight) {
              const [a, b] = xy as [{ x: number; y: number }, { x: number; y: number }];
              items.push({
                kind: 'line',
                x: a.x,
                y: a.y,
                w: b.x - a.x,
                h: b.y - a.y,
                line,
                headEnd,
                headStart,
                group,
              });
              continue;
            }
            const xs = xy.flatMap((p) =>
              'curve' in p ? [p.x, (p as { curve: { x1: number } }).curve.x1] : [p.x],
            );
            const ys = xy.map((p) => p.y);
            const x0 = Math.min(...xs);
            const y0 = Math.min(...ys);
            items.push({
              kind: 'path',
              x: x0,
              y: y0,
              w: Math.max(1, Math.max(...xs) - x0),
              h: Math.max(1, Math.max(...ys) - y0),
              points: points.map((p) => {
                if ('close' in p) return p;
                if ('curve' in p)
                  return {
                    x: p.x - x0,
                    y: p.y - y0,
                    curve: {
                      x1: p.curve.x1 - x0,
                      y1: p.curve.y1 - y0,
                      x2: p.curve.x2 - x0,
                      y2: p.curve.y2 - y0,
                    },
                  };
                return { x: p.x - x0, y: p.y - y0, moveTo: p.moveTo };
              }),
              line,
              fill: fill?.hex,
              headEnd,
              headStart,
              group,
            });
          } else if (tag === 'text') {
            const r = child.getBoundingClientRect();
            const c = color(cs.fill);
            const t = child.textContent?.trim() ?? '';
            if (!t) continue;
            items.push({
              kind: 'shape',
              geometry: 'rect',
              ...box(r),
              text: {
                paragraphs: [
                  {
                    runs: [
                      {
                        text: t,
                        size: px(cs.fontSize) * scale,
                        color: c?.hex ?? '000000',
                        bold: Number(cs.fontWeight) >= 600 || undefined,
                      },
                    ],
                    align: cs.textAnchor === 'middle' ? 'center' : cs.textAnchor === 'end' ? 'right' : 'left',
                    lineHeight: r.height,
                    spaceBefore: 0,
                  },
                ],
                inset: { l: 0, t: 0, r: 0, b: 0 },
              },
              group,
            });
          } else items.push(fallback(child, `svg ${tag}`, false, group));
        }
      };
      visit(svg);
    };

    // ---- charts ----------------------------------------------------------------------------------------
    const chart = (figure: Element, frame: Element): Item[] | null => {
      const json = figure.querySelector('script.chart-model')?.textContent;
      if (!json) return null;
      const model = JSON.parse(json) as {
        type: ChartItem['type'];
        horizontal: boolean;
        stacked: boolean;
        title?: string;
        labels: string[];
        legend: boolean;
        axes: ChartItem['axes'];
        marks: { value: number; label: string; color: string }[];
        datasets: {
          label: string;
          data: (number | null)[];
          text: string[];
          colors: string[];
          type?: 'bar' | 'line';
        }[];
      };
      const resolve = (name: string) =>
        color(name.startsWith('--') ? rootStyle.getPropertyValue(name).trim() || '#888' : name)?.hex ??
        (() => {
          // A hex or named colour: let the browser compute it.
          const probe = document.createElement('span');
          probe.style.color = name.startsWith('--') ? `var(${name})` : name;
          document.body.append(probe);
          const c = color(getComputedStyle(probe).color)?.hex ?? '888888';
          probe.remove();
          return c;
        })();
      const sample = model.datasets
        .flatMap((d) => d.text.map((t, i) => ({ t, v: d.data[i] })))
        .find((s) => s.v !== null);
      let format = 'General';
      if (sample) {
        const m = /^(-?[\d.,]+)(.*)$/.exec(sample.t);
        const decimals = m?.[1]?.split('.')[1]?.length ?? 0;
        const unit = m?.[2] ?? '';
        format = `${decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0'}${unit ? `"${unit.replace(/"/g, '')}"` : ''}`;
      }
      const svgText = frame.querySelector('svg text');
      const textStyle = getComputedStyle(svgText ?? figure);
      const textColor = color(textStyle.fill && svgText ? textStyle.fill : textStyle.color)?.hex ?? '333333';
      const textSize = px(textStyle.fontSize) || 20;
      const frameBox = box(frame.getBoundingClientRect());
      // The plot area as the page drew it (data-chart-plot): the native chart is laid out the same, and its
      // reference lines are drawn over it where the page draws them.
      const drawn = (figure.getAttribute('data-chart-plot') ?? '').split(' ').map(Number);
      // Only under reference lines: elsewhere PowerPoint's own layout places the legend and axis titles better.
      const plotted =
        model.marks.length > 0 && drawn.length === 6 && drawn.every(Number.isFinite) && drawn[5]! > drawn[4]!;
      const [left = 0, top = 0, right = 0, bottom = 0, min = 0, max = 1] = drawn;
      const fw = (frame as HTMLElement).clientWidth || frameBox.w;
      const fh = (frame as HTMLElement).clientHeight || frameBox.h;
      const sx = frameBox.w / fw;
      const sy = frameBox.h / fh;
      const plot = plotted
        ? { x: left / fw, y: top / fh, w: (right - left) / fw, h: (bottom - top) / fh, min, max }
        : undefined;
      const marks: Item[] = [];
      if (plotted) {
        for (const mark of model.marks) {
          const share = (mark.value - min) / (max - min);
          const markColor = resolve(mark.color);
          const label = (x: number, y: number, align: 'left' | 'right'): Item => ({
            kind: 'shape',
            geometry: 'rect',
            x: align === 'left' ? x : x - textSize * 12,
            y,
            w: textSize * 12,
            h: textSize * 1.4,
            text: {
              paragraphs: [
                {
                  runs: [{ text: mark.label, size: textSize, color: markColor, bold: true }],
                  align,
                  lineHeight: textSize * 1.4,
                  spaceBefore: 0,
                },
              ],
              inset: { l: 0, t: 0, r: 0, b: 0 },
            },
          });
          if (model.horizontal) {
            const x = frameBox.x + (left + share * (right - left)) * sx;
            marks.push({
              kind: 'line',
              x,
              y: frameBox.y + top * sy,
              w: 0,
              h: (bottom - top) * sy,
              line: { color: markColor, width: 3, dash: true },
            });
            marks.push(label(x + 8 * sx, frameBox.y + (top + 4) * sy, 'left'));
          } else {
            const y = frameBox.y + (bottom - share * (bottom - top)) * sy;
            marks.push({
              kind: 'line',
              x: frameBox.x + left * sx,
              y,
              w: (right - left) * sx,
              h: 0,
              line: { color: markColor, width: 3, dash: true },
            });
            marks.push(label(frameBox.x + right * sx, y - (8 + textSize * 1.4) * sy, 'right'));
          }
        }
      }
      const item: ChartItem = {
        kind: 'chart',
        id: figure.id,
        ...frameBox,
        type: model.type,
        horizontal: model.horizontal,
        stacked: model.stacked,
        title: model.title,
        labels: model.labels.map((l) => l.replace(/\s*\n\s*/g, ' ')),
        series: model.datasets.map((d) => ({
          label: d.label,
          values: d.data,
          colors: d.colors.map(resolve),
          type: d.type,
        })),
        format,
        legend: model.legend,
        axes: model.axes,
        textColor,
        textSize,
        plot,
      };
      return [item, ...marks];
    };

    // ---- pictures ---------------------------------------------------------------------------------------
    const picture = (img: HTMLImageElement, group?: number): Item => {
      const b = box(img.getBoundingClientRect());
      try {
        const canvas = document.createElement('canvas');
        const scale = Math.max(1, Math.min(3, (img.naturalWidth || b.w) / b.w));
        canvas.width = Math.round(b.w * scale);
        canvas.height = Math.round(b.h * scale);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        return {
          kind: 'picture',
          ...b,
          data: canvas.toDataURL('image/png'),
          alt: img.alt || undefined,
          group,
        };
      } catch {
        return fallback(img, 'image the page cannot read back', false, group);
      }
    };

    /**
     * One `linear-gradient(…)` as angle and stops (px positions along a horizontal or vertical gradient of the
     * box `size`); null for anything else (images, radial, several layers).
     */
    const linearGradient = (value: string, size: { width: number; height: number }): Gradient | null => {
      const m = /^linear-gradient\((.*)\)$/.exec(value.trim());
      if (!m) return null;
      const parts: string[] = [];
      let depth = 0;
      let cur = '';
      for (const ch of m[1]!) {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (ch === ',' && depth === 0) {
          parts.push(cur.trim());
          cur = '';
        } else cur += ch;
      }
      parts.push(cur.trim());
      let angle = 180;
      const sides: Record<string, number> = { top: 0, right: 90, bottom: 180, left: 270 };
      const first = parts[0]!;
      if (/^-?[\d.]+deg$/.test(first)) angle = Number.parseFloat(first);
      else if (/^to /.test(first)) angle = sides[first.slice(3).split(' ')[0]!] ?? 180;
      const list = /deg$|^to /.test(first) ? parts.slice(1) : parts;
      const length = angle % 180 === 90 ? size.width : angle % 180 === 0 ? size.height : 0;
      const stops: Gradient['stops'] = [];
      for (const [i, part] of list.entries()) {
        const cm = /^((?:rgba?|color)\([^)]*\))\s*(.*)$/.exec(part);
        if (!cm) return null;
        const c = color(cm[1]!) ?? { hex: '000000', alpha: 0 };
        const at = (cm[2] ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((q) =>
            q.endsWith('%')
              ? Number.parseFloat(q) / 100
              : length > 0
                ? Number.parseFloat(q) / length
                : Number.NaN,
          );
        if (at.some((a) => Number.isNaN(a))) return null;
        if (at.length === 0) at.push(i / Math.max(1, list.length - 1));
        for (const a of at)
          stops.push({ at: Math.max(stops[stops.length - 1]?.at ?? 0, a), color: c.hex, alpha: c.alpha });
      }
      return stops.length >= 2 ? { angle, stops } : null;
    };

    /** A gradient of hard stops only (stripes): its solid bands as rectangles in `b`; null when it blends. */
    const bands = (g: Gradient, b: Box, group?: number): ShapeItem[] | null => {
      if (g.angle % 90 !== 0) return null;
      const out: ShapeItem[] = [];
      for (let i = 0; i + 1 < g.stops.length; i++) {
        const [p, q] = [g.stops[i]!, g.stops[i + 1]!];
        const same = p.color === q.color && p.alpha === q.alpha;
        if (!same && q.at > p.at + 1e-6) return null;
        if (!same || q.at <= p.at || p.alpha <= 0.01) continue;
        // Along the gradient: 90 left to right, 270 right to left, 180 top down, 0 bottom up.
        const horizontal = g.angle % 180 === 90;
        const from = g.angle === 270 || g.angle === 0 ? 1 - q.at : p.at;
        const span = q.at - p.at;
        out.push({
          kind: 'shape',
          geometry: 'rect',
          x: horizontal ? b.x + from * b.w : b.x,
          y: horizontal ? b.y : b.y + from * b.h,
          w: horizontal ? span * b.w : b.w,
          h: horizontal ? b.h : span * b.h,
          fill: p.color,
          transparency: p.alpha < 1 ? 1 - p.alpha : undefined,
          group,
        });
      }
      return out;
    };

    // ---- the walk --------------------------------------------------------------------------------------
    const unsupportedTransform = (cs: CSSStyleDeclaration) => {
      const m = /^matrix\(([^)]+)\)$/.exec(cs.transform);
      if (cs.transform === 'none' || !m) return cs.transform !== 'none';
      const [a, b, c, d] = m[1]!.split(',').map(Number);
      return Math.abs(b!) > 1e-6 || Math.abs(c!) > 1e-6 || Math.abs(a! - 1) > 1e-3 || Math.abs(d! - 1) > 1e-3;
    };
    const coversPage = (r: DOMRect) =>
      r.width >= W * 0.98 && r.height >= H * 0.98 && Math.abs(r.left - origin.left) < W * 0.02;
    const isGroupRoot = (el: Element) =>
      (el.hasAttribute('data-block') && el.getAttribute('data-block') !== 'chart') ||
      [...el.children].some((c) => c.tagName.toLowerCase() === 'svg' && !c.closest('[data-block="chart"]'));

    const walk = (el: Element, group: number | undefined) => {
      const cs = getComputedStyle(el);
      if (hidden(el, cs)) return;
      const tag = el.tagName.toLowerCase();
      if (el.classList.contains('slide-background')) return;
      if (tag === 'svg') {
        walkSvg(el as SVGSVGElement, group);
        return;
      }
      if (tag === 'img') {
        items.push(picture(el as HTMLImageElement, group));
        return;
      }
      if (/^(canvas|video|iframe|object|embed)$/.test(tag)) {
        items.push(fallback(el, tag, false, group));
        return;
      }
      if (el.classList.contains('chart-frame')) {
        const figure = el.closest('[data-block="chart"]');
        const c = figure && chart(figure, el);
        if (c) {
          items.push(...c);
          return;
        }
      }
      if (group === undefined && isGroupRoot(el)) group = ++groupId;
      if (
        cs.filter !== 'none' ||
        cs.mixBlendMode !== 'normal' ||
        unsupportedTransform(cs) ||
        /^url|^polygon|^circle|^ellipse|^path/.test(cs.clipPath)
      ) {
        items.push(fallback(el, cs.filter !== 'none' ? 'CSS filter' : 'CSS transform or clip', false, group));
        return;
      }
      const r = el.getBoundingClientRect();
      const gradient = cs.backgroundImage !== 'none';
      if (coversPage(r) && !el.classList.contains('pdf-page')) {
        // A box as large as the slide is its background: its colour, and a gradient as stripes or a fill.
        const c = color(cs.backgroundColor);
        if (c && c.alpha > 0.99) scene.background = { color: c.hex };
        const linear = gradient ? linearGradient(cs.backgroundImage, r) : null;
        const striped = linear && bands(linear, box(r));
        if (striped) items.push(...striped);
        else if (linear) scene.background = { gradient: linear, color: c?.hex ?? scene.background?.color };
        else if (gradient)
          scene.background = { fallback: fallback(el, 'background image or gradient', true) };
      } else if (gradient) {
        const linear = linearGradient(cs.backgroundImage, r);
        const striped = linear && bands(linear, box(r), group);
        if (striped) items.push(...striped);
        else items.push(fallback(el, 'background image or gradient', true, group));
      }

      const shaped = coversPage(r) ? null : shapeOf(el, cs, group);
      if (shaped) {
        const flow = textOnly(el);
        const measured = flow?.map(measure).filter((m): m is Measured => m !== null);
        if (measured && measured.length > 0 && stack(measured)) {
          // An ellipse's text area is its inscribed rectangle: its text goes in a box of its own on top.
          if (shaped.shape.geometry === 'ellipse')
            items.push(shaped.shape, ...shaped.edges, textBox(measured, group));
          else {
            shaped.shape.text = inside(shaped.shape, measured);
            items.push(shaped.shape, ...shaped.edges);
          }
          return;
        }
        items.push(shaped.shape, ...shaped.edges);
      }
      if (tag === 'ul' || tag === 'ol') {
        const l = list(el, group);
        if (l) {
          items.push(l);
          return;
        }
      }
      if (hasInlineText(el)) {
        const m = measure(el);
        if (m) items.push(textBox([m], group));
      }
      for (const child of el.children) {
        const ccs = getComputedStyle(child);
        // Inline children were measured with their parent, unless they hold boxes of their own.
        if (isInline(ccs) && !child.querySelector('svg, img, canvas') && tag !== 'svg') continue;
        walk(child, group);
      }
    };

    materialise(pageEl);
    for (const child of pageEl.children) walk(child, undefined);
    const paragraphsOf = (aside: Element | null): string[] =>
      aside
        ? [...(aside.children.length > 0 ? aside.children : [aside])]
            .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
            .filter(Boolean)
        : [];
    // The spoken notes first; the provenance part after a blank line under its own label, never run into them.
    const provenance = paragraphsOf(pageEl.querySelector('aside.provenance-note'));
    scene.notes = [
      ...paragraphsOf(pageEl.querySelector('aside.notes')),
      ...(provenance.length > 0 ? ['', input.provenanceLabel, ...provenance] : []),
    ]
      .join('\n')
      .trim();
    return scene;
  };

  const slides = pageEls.map((el, i) =>
    walkSlide(el, input.pages[i] ?? { title: '', section: '', source: '' }),
  );
  return {
    title: input.title,
    author: input.author,
    subject: input.subject,
    keywords: input.keywords,
    lang: input.lang,
    font: deckFont,
    slides,
  };
}
