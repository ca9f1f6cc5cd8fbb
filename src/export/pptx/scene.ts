/**
 * A printed slide as the walker reads it from the browser's layout: every length in CSS px of the slide
 * (1920 × 1080 for this engine), every colour as `RRGGBB`. Plain JSON, so it crosses from the page to Node and
 * can be written as a test fixture.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Run {
  text: string;
  /** CSS px. */
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** A line break before this run: where the browser broke the line (or a `<br>`). */
  breakBefore?: boolean;
}

export interface Paragraph {
  runs: Run[];
  align: 'left' | 'center' | 'right';
  /** Distance between baselines of its lines, CSS px. */
  lineHeight: number;
  /** Gap above the paragraph's first line box, CSS px. */
  spaceBefore: number;
  /** List item: its bullet and nesting level (0 for the top list). */
  bullet?: { type: 'bullet' | 'number'; level: number };
}

export interface TextBody {
  paragraphs: Paragraph[];
  /** Insets of the text inside its box, CSS px. */
  inset: { l: number; t: number; r: number; b: number };
}

export interface Line {
  color: string;
  width: number;
  dash?: boolean;
}

/** A shape: a box with its fill, outline, and the text inside it (a text box is a shape without fill or line). */
export interface ShapeItem extends Box {
  kind: 'shape';
  geometry: 'rect' | 'roundRect' | 'ellipse' | 'triangle';
  /** Clockwise degrees about the box's centre (a triangle's apex is up at 0). */
  rotate?: number;
  /** roundRect: corner radius, CSS px. */
  radius?: number;
  fill?: string;
  /** 0 (opaque) to 1. */
  transparency?: number;
  line?: Line;
  text?: TextBody;
  /** Items with the same group number form one group (a diagram): one drag moves it. */
  group?: number;
}

/** A straight segment from (x, y) to (x + w, y + h): w or h may be negative. */
export interface LineItem extends Box {
  kind: 'line';
  line: Line;
  headEnd?: boolean;
  headStart?: boolean;
  group?: number;
}

export interface ChartSeriesScene {
  label: string;
  values: (number | null)[];
  /** One colour: the series; more: one per point. */
  colors: string[];
  type?: 'bar' | 'line';
}

export interface ChartItem extends Box {
  kind: 'chart';
  id: string;
  type: 'bar' | 'line' | 'doughnut' | 'pie';
  horizontal: boolean;
  stacked: boolean;
  title?: string;
  labels: string[];
  series: ChartSeriesScene[];
  /** Excel number format of the data labels, from the values as the deck formats them ("0.0\"亿元\""). */
  format: string;
  legend: boolean;
  axes: { category?: string; value?: string };
  /** Axis and label text colour and size (CSS px). */
  textColor: string;
  textSize: number;
  /**
   * The plot area as the page drew it, in fractions of the chart's box, and the value axis range: the native
   * chart is laid out alike, so reference lines drawn over it (line items) fall on their values. Only for
   * charts with reference lines.
   */
  plot?: { x: number; y: number; w: number; h: number; min: number; max: number };
}

export interface PictureItem extends Box {
  kind: 'picture';
  /** `data:` URL of the image (PNG; for an SVG image, its PNG fallback). */
  data: string;
  /** An SVG image's own `data:` URL: written as SVG with `data` as the fallback, as PowerPoint stores them. */
  svg?: string;
  /** Where a click on the picture goes (a placeholder for an embedded page). */
  link?: string;
  alt?: string;
  group?: number;
}

/**
 * Something PowerPoint cannot draw natively: the exporter screenshots just this element (marked in the page by
 * `data-pptx-fallback`) and places the picture here. `own`: the element's own painting only (its
 * descendants, written natively, are hidden while it is taken).
 */
export interface FallbackItem extends Box {
  kind: 'fallback';
  id: number;
  why: string;
  own: boolean;
  /** Just this element, everything else on its page hidden while it is taken (a slide's background). */
  alone?: boolean;
  group?: number;
}

/** A path in the box's own px: straight and cubic segments (an SVG path of M, L, H, V, C, Z). */
export type PathPoint =
  | { x: number; y: number; moveTo?: boolean }
  | { x: number; y: number; curve: { x1: number; y1: number; x2: number; y2: number } }
  | { close: true };

export interface PathItem extends Box {
  kind: 'path';
  points: PathPoint[];
  line: Line;
  fill?: string;
  headEnd?: boolean;
  headStart?: boolean;
  group?: number;
}

export type Item = ShapeItem | LineItem | PathItem | ChartItem | PictureItem | FallbackItem;

/** A CSS linear gradient: its angle (CSS degrees: 0 upwards, 90 to the right) and colour stops (0–1). */
export interface Gradient {
  angle: number;
  stops: { at: number; color: string; alpha: number }[];
}

export interface SlideScene {
  /** Page size in CSS px. */
  width: number;
  height: number;
  background?: {
    color?: string;
    gradient?: Gradient;
    fallback?: FallbackItem;
    /** The slide's background picture (reveal.js's `data-background-image`, `-video`, `-iframe`), taken alone. */
    picture?: FallbackItem;
  };
  items: Item[];
  notes: string;
  title: string;
  section: string;
  source: string;
  /** What could not be carried over as it is, and what stands in for it (`iframe … kept as a link placeholder`). */
  substitutes?: string[];
}

export interface DeckScene {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  lang: string;
  /** The deck's typeface (first family of the slides' font stack). */
  font: string;
  slides: SlideScene[];
}
