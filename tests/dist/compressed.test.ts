import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dist } from './site.ts';


function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const text = files(dist).filter((f) => /\.(html|js|css|svg|json)$/.test(f) && statSync(f).size >= 1024);

describe('precompressed copies', () => {
  it('cover the pages (their stylesheet in them) and scripts', () => {
    expect(text.filter((f) => f.endsWith('.html'))).toHaveLength(2);
    expect(text.filter((f) => f.endsWith('.js')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(text.map((f) => [f.slice(dist.length + 1), f]))('%s has brotli and gzip copies of its bytes', (_name, f) => {
    const bytes = readFileSync(f);
    expect(existsSync(`${f}.br`) && existsSync(`${f}.gz`)).toBe(true);
    const br = readFileSync(`${f}.br`);
    expect(brotliDecompressSync(br).equals(bytes)).toBe(true);
    expect(gunzipSync(readFileSync(`${f}.gz`)).equals(bytes)).toBe(true);
    expect(br.length).toBeLessThan(bytes.length);
  });
});
