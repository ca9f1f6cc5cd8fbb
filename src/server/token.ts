import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh presenter token: 144 random bits, URL-safe. */
export function randomToken(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Whether `given` is the presenter token, in time that does not depend on where they differ. Both sides are
 * hashed first so their lengths are equal and the comparison leaks neither content nor length.
 */
export function tokenMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || expected === '') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}
