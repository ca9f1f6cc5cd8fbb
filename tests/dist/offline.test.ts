import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFLINE_MANIFEST, OFFLINE_WORKER, type OfflineSet } from '../../src/contracts/offline.ts';
import { dist, pages } from './site.ts';

const set = JSON.parse(readFileSync(join(dist, OFFLINE_MANIFEST), 'utf8')) as OfflineSet;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(dist, file))).digest('hex');

/** The offline set the build wrote (#28.1): what the service worker keeps, checked against the files. */
describe('offline set', () => {
  it('lists every page, face, chunk and image a page may ask for, each with the hash of the file written', () => {
    const files = Object.keys(set.files);
    for (const [, page] of pages) expect(files).toContain(page);
    const assets = readdirSync(join(dist, 'assets')).filter((f) => !/\.(br|gz)$/.test(f));
    const left = assets.filter((f) => !files.includes(`assets/${f}`));
    // Only the print view's faces stay out: exports draw with them, on the server.
    expect(left.length).toBeGreaterThan(0);
    for (const f of left) expect(f).toMatch(/-print-\d+-[0-9a-f]+\.woff2$/);
    for (const [file, hash] of Object.entries(set.files)) expect(sha256(file), file).toBe(hash);
  });

  it('is in the worker’s own bytes, so a rebuild is a new worker; nothing private is in it', () => {
    const worker = readFileSync(join(dist, OFFLINE_WORKER), 'utf8');
    expect(worker).toContain(set.version);
    expect(worker).not.toMatch(/\bimport\b|\bexport\b/);
    expect(Object.keys(set.files).filter((f) => /presenter|token|deck-slides|deck-csp/.test(f))).toEqual([]);
  });
});
