import type { Item } from '../scene.ts';
import { box, fallback, type Slide } from './slide.ts';

/** An image as a picture: its pixels read back through a canvas, at up to 3× its box. */
export function picture(s: Slide, img: HTMLImageElement, group?: number): Item {
  const b = box(s, img.getBoundingClientRect());
  try {
    const canvas = document.createElement('canvas');
    const scale = Math.max(1, Math.min(3, (img.naturalWidth || b.w) / b.w));
    canvas.width = Math.round(b.w * scale);
    canvas.height = Math.round(b.h * scale);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return {
      kind: 'picture',
      ...b,
      data: canvas.toDataURL('image/png'),
      alt: img.alt || undefined,
      group,
    };
  } catch {
    return fallback(s, img, 'image the page cannot read back', false, group);
  }
}
