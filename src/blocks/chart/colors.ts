/**
 * Colour names a chart spec may use, each mapped to a theme custom property: charts never carry fixed
 * colours, so a theme change recolours them.
 */
export const CHART_COLORS: Record<string, string> = {
  red: '--deck-red',
  'red-dark': '--deck-red-dark',
  'red-soft': '--deck-red-soft',
  gold: '--deck-gold',
  'gold-soft': '--deck-gold-soft',
  slate: '--deck-chart-slate',
  ink: '--deck-ink',
  muted: '--deck-muted',
  'series-1': '--deck-series-1',
  'series-2': '--deck-series-2',
  'series-3': '--deck-series-3',
  'series-4': '--deck-series-4',
  'series-5': '--deck-series-5',
  'series-6': '--deck-series-6',
};

export const SERIES_COUNT = 6;

/** The default colour of the i-th series (or slice). */
export function seriesColor(i: number): string {
  return `--deck-series-${(i % SERIES_COUNT) + 1}`;
}
