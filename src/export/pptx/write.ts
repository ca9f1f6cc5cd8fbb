import type PptxGenJS from 'pptxgenjs';
import type {
  ChartItem,
  DeckScene,
  Gradient,
  Line,
  LineItem,
  PathItem,
  ShapeItem,
  TextBody,
} from './scene.ts';

/** A 16:9 PowerPoint slide: 13.333 × 7.5 in. */
export const SLIDE_INCHES = { w: 13.333, h: 7.5 } as const;

/** What was written, by kind of object. */
export interface PptxCounts {
  slides: number;
  textBoxes: number;
  shapes: number;
  lines: number;
  charts: number;
  pictures: number;
  fallbacks: number;
  /** Slides whose background is a picture (reveal.js's `data-background-image`, a video's still). */
  backgrounds: number;
  groups: number;
}

export interface WriteOptions {
  /** Speaker notes on each slide's notes page. @default true */
  notes?: boolean;
  /** PNG data URLs of the fallback pictures, by fallback id. */
  fallbacks?: Map<number, string>;
}

/** `zh-CN` for 简体, `zh-HK` for 繁體 (the run's language tag, not the converter the deck names); another deck's own tag (`en` → `en-US`). */
export function runLang(lang: string): string {
  if (/^zh\b/i.test(lang)) return /hant|hk|tw|mo/i.test(lang) ? 'zh-HK' : 'zh-CN';
  return lang === 'en' ? 'en-US' : lang;
}

/** An item's group as the writer names it, so the OOXML pass can wrap a group's objects in `p:grpSp`. */
export const groupName = (group: number | undefined, name: string) =>
  group === undefined ? name : `grp${group}/${name}`;

/**
 * The scene as PptxGenJS slides: CSS px become inches (and points for type and lines) by the slide's width.
 * Pure apart from PptxGenJS itself: no browser, no files.
 */
export function buildPresentation(
  Pptx: typeof PptxGenJS,
  deck: DeckScene,
  options: WriteOptions = {},
): {
  pptx: PptxGenJS;
  counts: PptxCounts;
  gradients: Map<number, Gradient>;
  svgFallbacks: Map<string, string>;
} {
  const pptx = new Pptx();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = deck.title;
  pptx.author = deck.author;
  pptx.subject = deck.subject;
  pptx.company = deck.author;
  const lang = runLang(deck.lang);
  const counts: PptxCounts = {
    slides: 0,
    textBoxes: 0,
    shapes: 0,
    lines: 0,
    charts: 0,
    pictures: 0,
    fallbacks: 0,
    backgrounds: 0,
    groups: 0,
  };
  /** Gradient backgrounds by slide number (1-based), for finishPackage. */
  const gradients = new Map<number, Gradient>();
  /** The PNG fallback of each SVG picture by `slide number:object name`, for finishPackage (PptxGenJS in Node writes none). */
  const svgFallbacks = new Map<string, string>();
  let section: string | undefined;
  for (const scene of deck.slides) {
    if (scene.section && scene.section !== section) {
      section = scene.section;
      pptx.addSection({ title: section });
    }
    const slide = pptx.addSlide(section ? { sectionTitle: section } : undefined);
    counts.slides++;
    const k = SLIDE_INCHES.w / scene.width;
    const pt = k * 72;
    const inch = (v: number) => Math.round(v * k * 10000) / 10000;
    const backdrop = scene.background?.picture && options.fallbacks?.get(scene.background.picture.id);
    if (backdrop) {
      slide.background = { data: backdrop };
      counts.backgrounds++;
    } else if (scene.background?.fallback) {
      const data = options.fallbacks?.get(scene.background.fallback.id);
      if (data) {
        slide.background = { data };
        counts.fallbacks++;
      } else if (scene.background.color) slide.background = { color: scene.background.color };
    } else if (scene.background?.gradient) {
      // PptxGenJS has no gradient fills: a solid placeholder here, the gradient put in by finishPackage.
      const stops = scene.background.gradient.stops.map((s) => ({
        ...s,
        color: blend(s.color, s.alpha, scene.background?.color ?? 'FFFFFF'),
      }));
      gradients.set(counts.slides, { angle: scene.background.gradient.angle, stops });
      slide.background = { color: stops[0]!.color };
    } else if (scene.background?.color) slide.background = { color: scene.background.color };

    const place = (item: { x: number; y: number; w: number; h: number }) => ({
      x: inch(item.x),
      y: inch(item.y),
      w: inch(Math.max(item.w, 0.5)),
      h: inch(Math.max(item.h, 0.5)),
    });
    const line = (l: Line | undefined): PptxGenJS.ShapeLineProps =>
      l
        ? { color: l.color, width: Math.max(0.25, l.width * pt), dashType: l.dash ? 'dash' : 'solid' }
        : { type: 'none' };
    const text = (body: TextBody): PptxGenJS.TextProps[] =>
      body.paragraphs.flatMap((p, pi) =>
        p.runs.map((r, ri) => {
          const options: PptxGenJS.TextPropsOptions = {
            fontFace: deck.font,
            lang,
            fontSize: round(r.size * pt),
            color: r.color,
          };
          // Paragraph properties on its first run only: PptxGenJS writes an a:pPr for each run that has them.
          if (ri === 0) {
            options.align = p.align;
            options.lineSpacing = round(p.lineHeight * pt);
            if (p.spaceBefore > 0) options.paraSpaceBefore = round(p.spaceBefore * pt);
          }
          if (r.bold) options.bold = true;
          if (r.italic) options.italic = true;
          if (r.underline) options.underline = { style: 'sng' };
          if (r.breakBefore && ri > 0) options.softBreakBefore = true;
          if (p.bullet && ri === 0)
            options.bullet =
              p.bullet.type === 'number'
                ? { type: 'number', indent: round(r.size * pt * 1.6) }
                : { indent: round(r.size * pt * 1.3) };
          if (p.bullet?.level && ri === 0) options.indentLevel = p.bullet.level;
          // The last run of a paragraph ends it (PptxGenJS starts a new <a:p> after breakLine).
          if (ri === p.runs.length - 1 && pi < body.paragraphs.length - 1) options.breakLine = true;
          return { text: r.text, options };
        }),
      );

    const shapeItem = (s: ShapeItem, n: number) => {
      const geometry =
        s.geometry === 'ellipse'
          ? pptx.ShapeType.ellipse
          : s.geometry === 'triangle'
            ? pptx.ShapeType.triangle
            : s.geometry === 'roundRect'
              ? pptx.ShapeType.roundRect
              : pptx.ShapeType.rect;
      const props: PptxGenJS.ShapeProps & PptxGenJS.TextPropsOptions = {
        ...place(s),
        objectName: groupName(s.group, `${s.text ? 'Text' : 'Shape'} ${n}`),
        line: line(s.line),
      };
      if (s.rotate) props.rotate = s.rotate;
      if (s.fill) props.fill = { color: s.fill, transparency: Math.round((s.transparency ?? 0) * 100) };
      if (s.geometry === 'roundRect' && s.radius) props.rectRadius = inch(s.radius);
      if (!s.text) {
        slide.addShape(geometry, props);
        counts.shapes++;
        return;
      }
      const { l, t, r, b } = s.text.inset;
      slide.addText(text(s.text), {
        ...props,
        shape: geometry,
        margin: [round(l * pt), round(r * pt), round(b * pt), round(t * pt)],
        valign: 'top',
        wrap: false,
        fit: 'none',
      });
      if (s.fill || s.line) counts.shapes++;
      else counts.textBoxes++;
    };

    const lineItem = (l: LineItem, n: number) => {
      slide.addShape(pptx.ShapeType.line, {
        x: inch(Math.min(l.x, l.x + l.w)),
        y: inch(Math.min(l.y, l.y + l.h)),
        w: inch(Math.abs(l.w)),
        h: inch(Math.abs(l.h)),
        flipH: l.w < 0,
        flipV: l.h < 0,
        objectName: groupName(l.group, `Line ${n}`),
        line: {
          ...line(l.line),
          endArrowType: l.headEnd ? 'triangle' : undefined,
          beginArrowType: l.headStart ? 'triangle' : undefined,
        },
      });
      counts.lines++;
    };

    const pathItem = (p: PathItem, n: number) => {
      const points = p.points.map((q) => {
        if ('close' in q) return q;
        if ('curve' in q)
          return {
            x: inch(q.x),
            y: inch(q.y),
            curve: {
              type: 'cubic' as const,
              x1: inch(q.curve.x1),
              y1: inch(q.curve.y1),
              x2: inch(q.curve.x2),
              y2: inch(q.curve.y2),
            },
          };
        return { x: inch(q.x), y: inch(q.y), moveTo: q.moveTo };
      });
      slide.addShape('custGeom' as PptxGenJS.ShapeType, {
        x: inch(p.x),
        y: inch(p.y),
        w: inch(p.w),
        h: inch(p.h),
        points,
        objectName: groupName(p.group, `Connector ${n}`),
        fill: p.fill ? { color: p.fill } : { type: 'none' },
        line: {
          ...line(p.line),
          endArrowType: p.headEnd ? 'triangle' : undefined,
          beginArrowType: p.headStart ? 'triangle' : undefined,
        },
      });
      counts.lines++;
    };

    for (const [n, item] of scene.items.entries()) {
      switch (item.kind) {
        case 'shape':
          shapeItem(item, n);
          break;
        case 'line':
          lineItem(item, n);
          break;
        case 'path':
          pathItem(item, n);
          break;
        case 'chart':
          addChart(pptx, slide, item, { ...place(item), font: deck.font, lang, pt });
          counts.charts++;
          break;
        case 'picture': {
          const objectName = groupName(item.group, `Picture ${n}`);
          // An SVG goes in as SVG; its PNG fallback is put in by finishPackage.
          if (item.svg) svgFallbacks.set(`${counts.slides}:${objectName}`, item.data);
          slide.addImage({
            data: item.svg ?? item.data,
            ...place(item),
            altText: item.alt,
            objectName,
            ...(item.link ? { hyperlink: { url: item.link, tooltip: item.link } } : {}),
          });
          counts.pictures++;
          break;
        }
        case 'fallback': {
          const data = options.fallbacks?.get(item.id);
          if (!data) break;
          slide.addImage({
            data,
            ...place(item),
            altText: item.why,
            objectName: groupName(item.group, `Fallback ${n}: ${item.why}`),
          });
          counts.fallbacks++;
        }
      }
    }
    if (options.notes !== false && scene.notes) slide.addNotes(scene.notes);
  }
  return { pptx, counts, gradients, svgFallbacks };
}

/** `color` at `alpha` over `under`, as one opaque colour. */
function blend(color: string, alpha: number, under: string): string {
  if (alpha >= 1) return color;
  const ch = (hex: string, i: number) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return [0, 1, 2]
    .map((i) => Math.round(ch(color, i) * alpha + ch(under, i) * (1 - alpha)))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

const round = (v: number) => Math.round(v * 100) / 100;
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/** A native chart from the chart block's model: series, categories, colours, number format, data labels. */
export function addChart(
  pptx: PptxGenJS,
  slide: PptxGenJS.Slide,
  c: ChartItem,
  at: { x: number; y: number; w: number; h: number; font: string; lang: string; pt: number },
): void {
  const size = round(c.textSize * at.pt);
  const data = (series: ChartItem['series']) =>
    series.map((s) => ({
      name: s.label,
      labels: c.labels,
      values: s.values.map((v) => (v === null ? Number.NaN : v)),
    }));
  const colors = (series: ChartItem['series']) =>
    series.length === 1 ? series[0]!.colors : series.map((s) => s.colors[0] ?? '888888');
  const common: PptxGenJS.IChartOpts = {
    x: at.x,
    y: at.y,
    w: at.w,
    h: at.h,
    objectName: `Chart ${c.id}`,
    altText: c.title,
    showTitle: false,
    showLegend: c.legend || c.series.length > 1,
    legendPos: 'b',
    legendFontFace: at.font,
    legendFontSize: size,
    legendColor: c.textColor,
    showValue: true,
    dataLabelFormatCode: c.format,
    dataLabelFontFace: at.font,
    dataLabelFontSize: size,
    dataLabelColor: c.textColor,
    catAxisLabelFontFace: at.font,
    catAxisLabelFontSize: size,
    catAxisLabelColor: c.textColor,
    valAxisLabelFontFace: at.font,
    valAxisLabelFontSize: size,
    valAxisLabelColor: c.textColor,
    valAxisLabelFormatCode: c.format,
    catAxisTitle: c.axes.category,
    showCatAxisTitle: Boolean(c.axes.category),
    valAxisTitle: c.axes.value,
    showValAxisTitle: Boolean(c.axes.value),
    lang: at.lang,
  };
  if (c.plot) {
    const { x, y, w, h, min, max } = c.plot;
    common.layout = { x: round4(x), y: round4(y), w: round4(w), h: round4(h) };
    common.valAxisMinVal = min;
    common.valAxisMaxVal = max;
  }
  if (c.type === 'doughnut' || c.type === 'pie') {
    slide.addChart(c.type === 'pie' ? pptx.ChartType.pie : pptx.ChartType.doughnut, data(c.series), {
      ...common,
      chartColors: c.series[0]?.colors,
      showLegend: true,
      showPercent: false,
      dataLabelPosition: 'bestFit',
      holeSize: 55,
    });
    return;
  }
  const bars = c.series.filter((s) => (s.type ?? c.type) === 'bar');
  const lines = c.series.filter((s) => (s.type ?? c.type) === 'line');
  const barOpts: PptxGenJS.IChartOpts = {
    barDir: c.horizontal ? 'bar' : 'col',
    barGrouping: c.stacked ? 'stacked' : 'clustered',
    barGapWidthPct: 60,
    dataLabelPosition: c.stacked ? 'ctr' : 'outEnd',
    // The deck draws the first category at the top of a horizontal chart; PowerPoint at the bottom.
    catAxisOrientation: (c.horizontal ? 'maxMin' : 'minMax') as 'minMax',
    // Reversed, the categories would put the value axis at the top; at the last category it stays at the foot.
    ...(c.horizontal ? { catAxisCrossesAt: 'max' as unknown as number } : {}),
    valAxisLabelFormatCode: c.format.replace(/^0\.0+/, '0'),
  };
  if (bars.length > 0 && lines.length > 0) {
    // Bars on the primary axis, lines on a second one.
    slide.addChart(
      [
        { type: pptx.ChartType.bar, data: data(bars), options: { ...barOpts, chartColors: colors(bars) } },
        {
          type: pptx.ChartType.line,
          data: data(lines),
          options: { chartColors: colors(lines), secondaryValAxis: true, secondaryCatAxis: true },
        },
      ],
      // With several types, PptxGenJS takes the options in place of the data.
      {
        ...common,
        valAxes: [
          { showValAxisTitle: false, valAxisMinVal: c.plot?.min, valAxisMaxVal: c.plot?.max },
          { showValAxisTitle: false, valGridLine: { style: 'none' } },
        ],
        catAxes: [{ catAxisTitle: c.axes.category }, { catAxisHidden: true }],
      } as unknown as unknown[],
    );
    return;
  }
  if (lines.length > 0) {
    slide.addChart(pptx.ChartType.line, data(lines), {
      ...common,
      chartColors: colors(lines),
      lineSize: 3,
      dataLabelPosition: 't',
    });
    return;
  }
  slide.addChart(pptx.ChartType.bar, data(bars), { ...common, ...barOpts, chartColors: colors(bars) });
}
