export type Format = 'text' | 'number' | 'percent';

/**
 * `value` rounded half up as it was written in decimal: 18.65 → "18.7" (toFixed rounds the binary value, 18.6499…,
 * down to "18.6").
 */
function toFixedDecimal(value: number, decimals: number): string {
  const text = String(value);
  if (/e/i.test(text)) return value.toFixed(decimals);
  return Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`).toFixed(decimals);
}

/** 1234567.891 at 2 decimals → "1,234,567.89": grouping by thousands, a point for decimals, whatever the locale. */
export function groupThousands(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(Math.abs(value)) : toFixedDecimal(Math.abs(value), decimals);
  const [whole = '', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = value < 0 && /[1-9]/.test(fixed) ? '-' : '';
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** A number as written in YAML or CSV: 1234.5, "1,234.5" (separators allowed), "12.5%" in a percent column. */
function numberOf(value: string | number, format: Format): number | undefined {
  if (typeof value === 'number') return value;
  const text = value
    .trim()
    .replace(/,/g, '')
    .replace(format === 'percent' ? /%$/ : /$^/, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : undefined;
}

/** A cell's text in its column's format, or what is wrong with it. An empty cell shows a dash. */
export function formatCell(
  value: string | number | null,
  format: Format,
  decimals: number | undefined,
): { ok: true; text: string } | { ok: false; message: string } {
  if (value === null || value === '') return { ok: true, text: '—' };
  if (format === 'text') return { ok: true, text: String(value) };
  const n = numberOf(value, format);
  if (n === undefined || !Number.isFinite(n))
    return {
      ok: false,
      message: `holds ${format === 'percent' ? 'percents' : 'numbers'}; got ${JSON.stringify(value)}: write a number such as ${format === 'percent' ? '12.5' : '1234.5'} (or leave it empty)`,
    };
  const text = groupThousands(n, decimals);
  return { ok: true, text: format === 'percent' ? `${text}%` : text };
}
