import type { FallbackItem, PictureItem } from '../scene.ts';
import { box, fallback, note, type Slide } from './slide.ts';

const SVG = /\.svg(?:[?#]|$)|^data:image\/svg\+xml/i;

/** A blob as a `data:` URL of the given type. */
const dataUrl = (blob: Blob, type: string) =>
  new Promise<string>((done, fail) => {
    const reader = new FileReader();
    reader.onload = () => done(String(reader.result));
    reader.onerror = () => fail(reader.error);
    reader.readAsDataURL(new Blob([blob], { type }));
  });

/**
 * An image as a picture: its pixels read back through a canvas, at up to 3× its box (an SVG at least 2×, for
 * its PNG fallback); an SVG image keeps its source too, read after the walk.
 */
export function picture(s: Slide, img: HTMLImageElement, group?: number): PictureItem | FallbackItem {
  const b = box(s, img.getBoundingClientRect());
  const source = img.currentSrc || img.src;
  const svg = SVG.test(source);
  try {
    const canvas = document.createElement('canvas');
    const scale = Math.max(svg ? 2 : 1, Math.min(3, (img.naturalWidth || b.w) / b.w));
    canvas.width = Math.max(1, Math.round(b.w * scale));
    canvas.height = Math.max(1, Math.round(b.h * scale));
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const item: PictureItem = {
      kind: 'picture',
      ...b,
      data: canvas.toDataURL('image/png'),
      alt: img.alt || undefined,
      group,
    };
    if (svg)
      s.deck.later.push(async () => {
        const response = await fetch(source).catch(() => null);
        if (response?.ok) item.svg = await dataUrl(await response.blob(), 'image/svg+xml');
        else note(s, `SVG image ${source} unreadable: kept as its PNG only`);
      });
    return item;
  } catch {
    return fallback(s, img, 'image the page cannot read back', false, group);
  }
}

/**
 * A stand-in for what PowerPoint cannot show (an embedded page): a grey panel naming it, a link to it when it
 * is on the web.
 */
export function placeholder(s: Slide, el: Element, label: string, group?: number): PictureItem {
  const b = box(s, el.getBoundingClientRect());
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(b.w * scale));
  canvas.height = Math.max(1, Math.round(b.h * scale));
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#EEEEEE';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#999999';
  ctx.lineWidth = 2 * scale;
  ctx.strokeRect(0, 0, canvas.width, canvas.height);
  const size = Math.max(8, Math.min(32, b.h / 6)) * scale;
  ctx.font = `${size}px ${getComputedStyle(el).fontFamily || 'sans-serif'}`;
  ctx.fillStyle = '#444444';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(`▶ ${label}`, canvas.width / 2, canvas.height / 2, canvas.width * 0.9);
  const raw = el.getAttribute('src') || el.getAttribute('data-src') || el.getAttribute('data') || '';
  const url = raw ? new URL(raw, location.href) : null;
  return {
    kind: 'picture',
    ...b,
    data: canvas.toDataURL('image/png'),
    alt: label,
    link: url && /^https?:$/.test(url.protocol) && url.origin !== location.origin ? url.href : undefined,
    group,
  };
}
