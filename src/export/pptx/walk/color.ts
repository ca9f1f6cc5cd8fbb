/** `RRGGBB` and alpha of a computed colour (`rgb()`, `rgba()`, `color(srgb …)`), null when transparent. */
export function color(value: string): { hex: string; alpha: number } | null {
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
}

/** A computed length in px (0 when it is not one). */
export const px = (value: string): number => Number.parseFloat(value) || 0;
