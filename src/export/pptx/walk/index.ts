import { BLOCK_ATTR, PROVENANCE_NOTE } from '../../../contracts/dom.ts';
import type { DeckScene, SlideScene } from '../scene.ts';
import { color } from './color.ts';
import { bands, linearGradient } from './gradient.ts';
import type { PptxMapping } from './mapping.ts';
import { picture, placeholder } from './picture.ts';
import { materialise } from './pseudo.ts';
import { shapeOf } from './shape.ts';
import {
  box,
  type DeckWalk,
  fallback,
  hidden,
  holdsBoxes,
  isInline,
  mediaName,
  note,
  type Slide,
} from './slide.ts';
import { walkSvg } from './svg.ts';
import { hasInlineText, inside, list, type Measured, measure, stack, textBox, textOnly } from './text.ts';

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

const unsupportedTransform = (cs: CSSStyleDeclaration) => {
  const m = /^matrix\(([^)]+)\)$/.exec(cs.transform);
  if (cs.transform === 'none' || !m) return cs.transform !== 'none';
  const [a, b, c, d] = m[1]!.split(',').map(Number);
  return Math.abs(b!) > 1e-6 || Math.abs(c!) > 1e-6 || Math.abs(a! - 1) > 1e-3 || Math.abs(d! - 1) > 1e-3;
};

/** The walk of one element and what it holds, into the slide's items. */
function walk(s: Slide, el: Element, group: number | undefined): void {
  const cs = getComputedStyle(el);
  if (hidden(el, cs)) return;
  const tag = el.tagName.toLowerCase();
  const { items } = s;
  if (el.classList.contains('slide-background')) return;
  if (tag === 'svg') {
    walkSvg(s, el as SVGSVGElement, group);
    return;
  }
  if (tag === 'img') {
    items.push(picture(s, el as HTMLImageElement, group));
    return;
  }
  if (tag === 'video') {
    // A still of the player as the page draws it: its poster, or its first frame.
    items.push(fallback(s, el, 'video', false, group));
    const poster = (el as HTMLVideoElement).poster;
    note(
      s,
      `video ${mediaName(el)} kept as a still picture (${poster ? 'its poster' : 'no poster: the player as drawn'})`,
    );
    return;
  }
  if (/^(iframe|object|embed)$/.test(tag)) {
    const item = placeholder(s, el, `${tag}: ${mediaName(el)}`, group);
    items.push(item);
    note(
      s,
      `${tag} ${mediaName(el)} kept as a ${item.link ? 'link ' : ''}placeholder (a page cannot play in PowerPoint)`,
    );
    return;
  }
  if (tag === 'canvas') {
    items.push(fallback(s, el, tag, false, group));
    return;
  }
  for (const mapping of s.deck.mappings) {
    if (!mapping.matches(el)) continue;
    const mapped = mapping.map(el, s);
    if (mapped) {
      items.push(...mapped);
      return;
    }
  }
  if (group === undefined && isGroupRoot(s.deck.mappings, el)) group = ++s.deck.groups;
  if (
    cs.filter !== 'none' ||
    cs.mixBlendMode !== 'normal' ||
    unsupportedTransform(cs) ||
    /^url|^polygon|^circle|^ellipse|^path/.test(cs.clipPath)
  ) {
    items.push(fallback(s, el, cs.filter !== 'none' ? 'CSS filter' : 'CSS transform or clip', false, group));
    return;
  }
  const r = el.getBoundingClientRect();
  const gradient = cs.backgroundImage !== 'none';
  const coversPage =
    r.width >= s.W * 0.98 && r.height >= s.H * 0.98 && Math.abs(r.left - s.origin.left) < s.W * 0.02;
  if (coversPage && !el.classList.contains('pdf-page')) {
    // A box as large as the slide is its background: its colour, and a gradient as stripes or a fill.
    const c = color(cs.backgroundColor);
    if (c && c.alpha > 0.99) s.scene.background = { color: c.hex };
    const linear = gradient ? linearGradient(cs.backgroundImage, r) : null;
    const striped = linear && bands(linear, box(s, r));
    if (striped) items.push(...striped);
    else if (linear) s.scene.background = { gradient: linear, color: c?.hex ?? s.scene.background?.color };
    else if (gradient)
      s.scene.background = { fallback: fallback(s, el, 'background image or gradient', true) };
  } else if (gradient) {
    const linear = linearGradient(cs.backgroundImage, r);
    const striped = linear && bands(linear, box(s, r), group);
    if (striped) items.push(...striped);
    else items.push(fallback(s, el, 'background image or gradient', true, group));
  }

  const shaped = coversPage ? null : shapeOf(s, el, cs, group);
  if (shaped) {
    const flow = textOnly(el);
    const measured = flow?.map((f) => measure(f, s)).filter((m): m is Measured => m !== null);
    if (measured && measured.length > 0 && stack(measured)) {
      // An ellipse's text area is its inscribed rectangle: its text goes in a box of its own on top.
      if (shaped.shape.geometry === 'ellipse')
        items.push(shaped.shape, ...shaped.edges, textBox(s, measured, group));
      else {
        shaped.shape.text = inside(s, shaped.shape, measured);
        items.push(shaped.shape, ...shaped.edges);
      }
      return;
    }
    items.push(shaped.shape, ...shaped.edges);
  }
  if (tag === 'ul' || tag === 'ol') {
    const l = list(s, el, group);
    if (l) {
      items.push(l);
      return;
    }
  }
  if (hasInlineText(el)) {
    const m = measure(el, s);
    if (m) items.push(textBox(s, [m], group));
  }
  for (const child of el.children) {
    const ccs = getComputedStyle(child);
    // Inline children were measured with their parent, unless they hold boxes of their own.
    if (isInline(ccs) && !holdsBoxes(child)) continue;
    walk(s, child, group);
  }
}

/**
 * reveal.js's slide background (`data-background-image`, `-video`, `-iframe`): the backdrop as the page draws
 * it, taken alone, becomes the slide's background picture; what it cannot hold is named.
 */
function backgroundPicture(s: Slide, backdrop: HTMLElement): void {
  const content = backdrop.querySelector('.slide-background-content');
  if (!content) return;
  const image = getComputedStyle(content).backgroundImage !== 'none';
  const video = content.querySelector('video');
  const frame = content.querySelector('iframe');
  if (frame)
    note(
      s,
      `background iframe ${mediaName(frame)} not carried over (a page cannot play in PowerPoint): the slide keeps its background colour`,
    );
  if (!image && !video) return;
  const picture = fallback(s, backdrop, video ? 'background video' : 'background image', false);
  picture.alone = true;
  s.scene.background = { ...s.scene.background, picture };
  if (video) note(s, `background video ${mediaName(video)} kept as a still picture`);
}

/** A block (other than one whose mapping makes it native objects of its own) or an SVG diagram: one group. */
function isGroupRoot(mappings: readonly PptxMapping[], el: Element): boolean {
  const ungrouped = mappings.filter((m) => m.ungrouped).map((m) => `[${BLOCK_ATTR}="${m.block}"]`);
  const block = el.getAttribute(BLOCK_ATTR);
  if (block !== null && !mappings.some((m) => m.ungrouped && m.block === block)) return true;
  return [...el.children].some(
    (c) => c.tagName.toLowerCase() === 'svg' && (ungrouped.length === 0 || !c.closest(ungrouped.join(', '))),
  );
}

function walkSlide(deck: DeckWalk, pageEl: HTMLElement, info: WalkPage, provenanceLabel: string): SlideScene {
  const origin = pageEl.getBoundingClientRect();
  const scene: SlideScene = {
    width: origin.width,
    height: Math.max(origin.height, 1),
    items: [],
    notes: '',
    title: info.title,
    section: info.section,
    source: info.source,
    substitutes: [],
  };
  const s: Slide = { origin, W: scene.width, H: scene.height, items: scene.items, scene, deck };
  const pageColor = color(getComputedStyle(pageEl).backgroundColor);
  if (pageColor) scene.background = { color: pageColor.hex };
  const backdrop = pageEl.querySelector<HTMLElement>('.slide-background');
  if (backdrop) {
    const c = color(getComputedStyle(backdrop).backgroundColor);
    if (c && c.alpha > 0.99) scene.background = { color: c.hex };
    backgroundPicture(s, backdrop);
  }
  materialise(pageEl);
  for (const child of pageEl.children) walk(s, child, undefined);
  const paragraphsOf = (aside: Element | null): string[] =>
    aside
      ? [...(aside.children.length > 0 ? aside.children : [aside])]
          .map((p) => (p.textContent ?? '').replace(/\s+/g, ' ').trim())
          .filter(Boolean)
      : [];
  // The spoken notes first; the provenance part after a blank line under its own label, never run into them.
  const provenance = paragraphsOf(pageEl.querySelector(`aside.${PROVENANCE_NOTE}`));
  scene.notes = [
    ...paragraphsOf(pageEl.querySelector('aside.notes')),
    ...(provenance.length > 0 ? ['', provenanceLabel, ...provenance] : []),
  ]
    .join('\n')
    .trim();
  return scene;
}

/**
 * Runs in the page, on reveal.js's print view (one `.pdf-page` per slide, fragments in their final state):
 * walks each slide's laid-out DOM into a scene of native objects at the positions the browser measured.
 * Bundled for the page with the blocks' mappings (bundle.ts).
 *
 * - text: each block that holds inline content becomes a paragraph of runs (weight, colour, size, emphasis),
 *   with a line break wherever the browser broke the line, measured character by character;
 * - a box with a fill or border becomes a shape; when all it holds is text stacked in lines, the text goes
 *   inside it; lists with markers become one text box of bulleted paragraphs at their levels;
 * - SVG circles, rects, lines and paths become shapes, lines and curves (arrowheads from markers);
 * - a block with a mapping of its own (`src/blocks/<name>/pptx.ts`: a chart) becomes what it writes;
 *   images become pictures;
 * - what PowerPoint cannot draw (CSS filters, rotations, gradients, other SVG) is marked for a picture of
 *   just that element.
 */
export async function walkPrintView(input: WalkInput, mappings: readonly PptxMapping[]): Promise<DeckScene> {
  const pageEls = [...document.querySelectorAll<HTMLElement>('.reveal .slides .pdf-page')];
  const webFonts = new Set([...document.fonts].map((f) => f.family.replace(/^["']|["']$/g, '')));
  const generic = /^(serif|sans-serif|monospace|cursive|fantasy|system-ui|ui-[a-z-]+|emoji|math)$/i;
  const deckFont =
    getComputedStyle(document.querySelector('.reveal') ?? document.body)
      .fontFamily.split(',')
      .map((f) => f.trim().replace(/^["']|["']$/g, ''))
      .find((f) => !webFonts.has(f) && !generic.test(f)) ?? 'Noto Sans SC';
  const deck: DeckWalk = {
    fallbacks: 0,
    groups: 0,
    rootStyle: getComputedStyle(document.documentElement),
    mappings,
    later: [],
    clipped: new WeakSet(),
  };
  const slides = pageEls.map((el, i) =>
    walkSlide(deck, el, input.pages[i] ?? { title: '', section: '', source: '' }, input.provenanceLabel),
  );
  await Promise.all(deck.later.map((task) => task()));
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
