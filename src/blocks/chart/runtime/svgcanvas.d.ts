/** The part of svgcanvas (a canvas 2D context that records SVG) the print rendering uses. */
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number; document?: Document });
    canvas: Context;
    width: number;
    height: number;
    getSvg(): SVGSVGElement;
    getSerializedSvg(): string;
  }
}
