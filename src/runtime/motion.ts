/** The reader asked the system for less motion: slides change and charts draw without animating. */
export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

export function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia(REDUCED_MOTION).matches;
}
