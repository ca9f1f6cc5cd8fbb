/**
 * The words the compiler adds to a deck's slides (source lines, the "derived" mark, chart descriptions,
 * dates), in the deck's language: Chinese for a zh-* deck, English otherwise. A 繁體 variant gets them
 * converted with the rest of the page.
 */
export interface DeckText {
  /** Before a figure's sources: "来源：", "Source: ". */
  source: string;
  /** Between two sources. */
  sourceJoin: string;
  /** The mark of a figure the deck computed rather than read: 推算, est. */
  derived: string;
  /** The mark after a figure, in running text: （推算）, " (est.)". */
  derivedAfter: string;
  /** A figure's confidence when medium, after its source. */
  mediumConfidence: string;
  /** A listed source's confidence when medium. */
  sourceMediumConfidence: string;
  /** Before a chart's note. */
  note: string;
  /** The legend key of the deck's own reading. */
  interpretation: string;
  /** After the first source on a slide's one source line, when the slide cites `n` in all. */
  moreSources(n: number): string;
  /** The provenance view's title, and its parts: the deck's own arrangement, the figures, the sources. */
  provenance: string;
  provenanceDeck: string;
  provenanceFramed: string;
  provenanceFigures: string;
  provenanceSources: string;
  /** A chart's kind, as a screen reader announces it. */
  chartKinds: Record<'bar' | 'hbar' | 'line' | 'doughnut' | 'pie' | 'chart', string>;
  /** The data table's caption without a title, and its corner cell without a category axis name. */
  chartData: string;
  chartItem: string;
  /** Punctuation of the chart's spoken summary: after the kind, between values, between series, at the end. */
  colon: string;
  comma: string;
  semicolon: string;
  stop: string;
  /** A date of a year, a month or a day. */
  date(year: number, month?: number, day?: number): string;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const ZH: DeckText = {
  source: '来源：',
  sourceJoin: '；',
  derived: '推算',
  derivedAfter: '（推算）',
  mediumConfidence: '可信度中',
  sourceMediumConfidence: '可信度：中',
  note: '注：',
  interpretation: '解读',
  moreSources: (n) => `等${n}个来源`,
  provenance: '出处',
  provenanceDeck: '本演示的安排',
  provenanceFramed: '虚线框内是本演示的归类或概括，不是原文所述。',
  provenanceFigures: '本页数字',
  provenanceSources: '来源',
  chartKinds: {
    bar: '柱状图',
    hbar: '条形图',
    line: '折线图',
    doughnut: '环形图',
    pie: '饼图',
    chart: '图表',
  },
  chartData: '图表数据',
  chartItem: '项目',
  colon: '：',
  comma: '，',
  semicolon: '；',
  stop: '。',
  date: (year, month, day) => `${year}年${month ? `${month}月` : ''}${day ? `${day}日` : ''}`,
};

const EN: DeckText = {
  source: 'Source: ',
  sourceJoin: '; ',
  derived: 'est.',
  derivedAfter: ' (est.)',
  mediumConfidence: 'medium confidence',
  sourceMediumConfidence: 'confidence: medium',
  note: 'Note: ',
  interpretation: 'Our reading',
  moreSources: (n) => ` and ${n - 1} more`,
  provenance: 'Provenance',
  provenanceDeck: 'Arranged by the deck',
  provenanceFramed: 'Framed in dashes: grouped or summarised by the deck, not stated by the source.',
  provenanceFigures: 'Figures on this slide',
  provenanceSources: 'Sources',
  chartKinds: {
    bar: 'Bar chart',
    hbar: 'Bar chart',
    line: 'Line chart',
    doughnut: 'Doughnut chart',
    pie: 'Pie chart',
    chart: 'Chart',
  },
  chartData: 'Chart data',
  chartItem: 'Item',
  colon: ': ',
  comma: ', ',
  semicolon: '; ',
  stop: '. ',
  date: (year, month, day) =>
    month ? `${day ? `${MONTHS[month - 1]} ${day},` : MONTHS[month - 1]} ${year}` : String(year),
};

export const deckText = (lang: string): DeckText => (/^zh\b/i.test(lang) ? ZH : EN);
