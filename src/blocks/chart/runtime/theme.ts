/** Theme values the canvas needs, read from the CSS custom properties so charts follow the theme. */
export interface ChartTheme {
  /** A theme custom property's colour: `color('--deck-red')`. */
  color(name: string): string;
  font: string;
  ink: string;
  muted: string;
  line: string;
  paper: string;
  /** Values written inside a bar, over the series colour. */
  onSeries: string;
}

export function readTheme(el: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(el);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    color: (name) => get(name, '#666'),
    font: get('--deck-font', 'sans-serif'),
    ink: get('--deck-ink', '#222'),
    muted: get('--deck-muted', '#666'),
    line: get('--deck-line', '#ddd'),
    paper: get('--deck-paper', '#fff'),
    onSeries: get('--deck-on-series', '#ffffff'),
  };
}

/** `#a3191f` at `alpha` opacity, as rgba(); colours in other notations are returned as they are. */
export function withAlpha(color: string, alpha: number): string {
  let hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1];
  if (!hex) return color;
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const n = Number.parseInt(hex, 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
