import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import type { InlineConfig, Plugin } from 'vite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { defineBlock } from '../../src/blocks/define.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { buildDeck } from '../../src/node/build.ts';
import { type RunningDeck, serveDeck } from '../../src/server/app.ts';

/**
 * While set, the build runs this at two points: once Vite has begun writing its output (its out dir
 * prepared, the bundle generated) and once every file is written, before `deck build` returns.
 */
let probe: ((stage: string) => Promise<void>) | undefined;

// The build `deck build` runs, with one plugin more: the probe, at those two points of its own.
vi.mock('vite', async (original) => {
  const real = await original<typeof import('vite')>();
  const probing: Plugin = {
    name: 'test:probe',
    apply: 'build',
    async generateBundle() {
      await probe?.('generated');
    },
    async writeBundle() {
      await probe?.('written');
    },
  };
  return {
    ...real,
    build: (config: InlineConfig) => real.build({ ...config, plugins: [...(config.plugins ?? []), probing] }),
  };
});

let server: RunningDeck | undefined;
afterAll(() => server?.close());

/** The page and every script, stylesheet and font it names, as a browser opening it would ask for them. */
async function load(url: string): Promise<{ page: string; statuses: string[] }> {
  const res = await fetch(url);
  const page = await res.text();
  const statuses = [`${res.status} /`];
  for (const [, path] of page.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)) {
    const asset = await fetch(new URL(path!, url));
    await asset.arrayBuffer();
    statuses.push(`${asset.status} /${path}`);
  }
  return { page, statuses };
}

describe('deck build while the site is served', () => {
  it('serves the old site, page and assets, until the new one is in; never a 404', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-serve-build-'));
    mkdirSync(join(dir, 'slides'));
    writeFileSync(join(dir, 'slides', '01-intro.md'), '# The old slide\n\nBefore.\n');
    const config = await resolveDeckConfig(dir, {});
    await buildDeck({ config, force: true });
    server = await serveDeck({ root: config.outDir, port: 0, host: '127.0.0.1' });
    const before = await load(server.url);
    expect(before.page).toContain('The old slide');
    expect(before.statuses.length).toBeGreaterThan(1);

    writeFileSync(join(dir, 'slides', '01-intro.md'), '# The new slide\n\nAfter.\n');
    const seen: Record<string, { old: boolean; statuses: string[] }> = {};
    probe = async (stage) => {
      const now = await load(server!.url);
      seen[stage] = { old: now.page.includes('The old slide'), statuses: now.statuses };
    };
    try {
      await buildDeck({ config, force: true });
    } finally {
      probe = undefined;
    }
    for (const stage of ['generated', 'written']) {
      expect(
        seen[stage]?.statuses.filter((s) => !s.startsWith('200 ')),
        stage,
      ).toEqual([]);
      expect(seen[stage]?.old, stage).toBe(true);
    }
    const after = await load(server.url);
    expect(after.page).toContain('The new slide');
    expect(after.statuses.filter((s) => !s.startsWith('200 '))).toEqual([]);
  }, 120_000);
});

describe('deck build', () => {
  it('compiles the markdown once: the check and the bundler share the result', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-once-'));
    try {
      mkdirSync(join(dir, 'slides'));
      writeFileSync(join(dir, 'slides', '01-a.md'), '# A slide\n\n```counted\nn: 1\n```\n');
      let renders = 0;
      const counted = defineBlock({
        name: 'counted',
        schema: v.strictObject({ n: v.number() }),
        render: () => {
          renders += 1;
          return '<p>counted</p>';
        },
        narrow: 'reflow',
      });
      const config = { ...(await resolveDeckConfig(dir, {})), blocks: [counted] };
      await buildDeck({ config, force: true });
      expect(readFileSync(join(config.outDir, 'index.html'), 'utf8')).toContain('>counted</p>');
      expect(renders).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
