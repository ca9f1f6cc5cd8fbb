/** How long the count-up runs, ms: long enough to read as counting, short enough not to hold the talk. */
export const COUNT_MS = 1200;

/** The value written with `decimals` digits after the point, as the build writes it. */
export const formatValue = (value: number, decimals: number): string => value.toFixed(decimals);

/** Ease-out cubic: fast at first, settling on the value. */
const ease = (t: number) => 1 - (1 - t) ** 3;

/**
 * The number shown `elapsed` ms into the count-up from 0 to `value`: exactly `value`, as the build wrote it,
 * from `COUNT_MS` on.
 */
export function countAt(value: number, decimals: number, elapsed: number): string {
  if (elapsed >= COUNT_MS) return formatValue(value, decimals);
  const t = Math.max(0, elapsed) / COUNT_MS;
  return formatValue(value * ease(t), decimals);
}
