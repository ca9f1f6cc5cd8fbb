const SVG = 'http://www.w3.org/2000/svg';

type QrModule = typeof import('qrcode');

/**
 * A QR code of `text` as an SVG element, drawn here from the encoder's module matrix: no image request and no
 * markup parsed from strings. The encoder is loaded on first use, so audiences never download it.
 */
export async function qrSvg(text: string): Promise<SVGSVGElement> {
  const mod: QrModule & { default?: QrModule } = await import('qrcode');
  const { modules } = (mod.default ?? mod).create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const size = modules.size + quiet * 2;
  let d = '';
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', text);
  const bg = document.createElementNS(SVG, 'rect');
  bg.setAttribute('width', String(size));
  bg.setAttribute('height', String(size));
  bg.setAttribute('fill', '#fff');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(bg, path);
  return svg;
}
