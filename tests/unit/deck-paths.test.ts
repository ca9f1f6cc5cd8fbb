import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/compiler/diagnostics.ts';
import { resolveDeckConfig } from '../../src/config/index.ts';
import { loadDeck } from '../../src/node/load.ts';

/**
 * A deck in a folder of its own whose config moves its slides and facts: what the compiler says names those
 * paths, never this repository's slides/ and slides/data/facts.yaml.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const CONFIG = "export default { slidesDir: 'talk', facts: 'numbers/facts.yaml' };\n";
const FACTS = `sources:
  census: { short: Census, title: The census }
facts:
  people: { value: 1200, unit: people, text: Residents, source: census }
`;

async function problems(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'deck-paths-'));
  dirs.push(root);
  for (const [path, text] of Object.entries({ 'deck.config.js': CONFIG, ...files })) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  mkdirSync(join(root, 'talk'), { recursive: true });
  const config = await resolveDeckConfig(root, {});
  return loadDeck({ root, config }).diagnostics.map(formatDiagnostic);
}

const figures = '```figures\n- fact: peple\n```\n';
const chainMap =
  '```chain-map\ntiers:\n  - title: Town\n    nodes:\n      - { id: a, label: A, fact: people }\n```\n';

describe('messages name the deck’s own slides folder and facts file', () => {
  it('an unknown fact or source: the facts file it is not in', async () => {
    const found = await problems({
      'numbers/facts.yaml': FACTS,
      'talk/01.md': `# One\n\n[[peopel]] and [[src:sensus]]\n\n${figures}`,
    });
    expect(found).toEqual([
      'talk/01.md:3:1: [[peopel]]: unknown fact "peopel"; did you mean "people"? (facts are listed in numbers/facts.yaml)',
      'talk/01.md:3:16: [[src:sensus]]: unknown source "sensus"; did you mean "census"? (sources are listed in numbers/facts.yaml)',
      'talk/01.md:6:9: figures: unknown fact "peple"; did you mean "people"? (facts are listed in numbers/facts.yaml)',
    ]);
  });

  it('no facts file: the one the config names', async () => {
    const found = await problems({ 'talk/01.md': `# One\n\n[[people]]\n\n${chainMap}` });
    expect(found).toContainEqual(
      'talk/01.md:3:1: [[people]] cites a fact, but there is no facts file (numbers/facts.yaml)',
    );
    expect(found).toContainEqual(
      expect.stringMatching(
        /^talk\/01\.md:\d+:\d+: chain-map: fact: there is no facts file \(numbers\/facts\.yaml\)$/,
      ),
    );
    expect(found.join('\n')).not.toContain('slides/');
  });

  it('no slides: the slides folder to add one to', async () => {
    expect(await problems({})).toEqual([
      'talk/:1:1: the deck has no slides: add a markdown file with some content to talk/',
    ]);
  });
});
