import { afterEach, describe, expect, it } from 'vitest';
import type { DeckSource } from '../../src/node/vite/deck-source.ts';
import { deckSlides } from '../../src/node/vite/slides.ts';
import type { RunningDeck } from '../../src/server/app.ts';
import {
  fragmentCount,
  outsideDeck,
  parseSlideShape,
  SLIDES_FILE,
  slideShape,
} from '../../src/server/slides.ts';
import { compile } from './helpers.ts';
import { startRelay, state, TestClient, TOKEN } from './relay-helpers.ts';

let deck: RunningDeck | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await deck?.close();
  deck = undefined;
});

async function join(token?: string) {
  const c = await TestClient.join(deck!.url, token);
  clients.push(c);
  return c;
}

describe('the deck’s shape', () => {
  it('counts the elements with the class fragment, however quoted; escaped text is not one', () => {
    expect(fragmentCount('<section><p>a</p></section>')).toBe(0);
    expect(
      fragmentCount(
        `<li class="fragment">a</li><li class="x fragment fade-up">b</li><g class='fragment'></g>` +
          '<span class=fragment>c</span><p class="fragments">d</p><code>class=&quot;fragment&quot;</code>',
      ),
    ).toBe(4);
  });

  it('follows the compiled slides: stacks, vertical slides, fragments in prose and in blocks', () => {
    const compiled = compile({
      'slides/01.md': [
        '# One',
        '',
        '---',
        '',
        '# Two',
        '',
        '- a {.fragment}',
        '- b {.fragment}',
        '',
        '--',
        '',
        '## Two, below',
        '',
        '---',
        '',
        '# Three',
        '',
        '<p class="fragment">raw</p>',
        '',
      ].join('\n'),
    });
    expect(compiled.diagnostics).toEqual([]);
    expect(slideShape(compiled.stacks)).toEqual([[0], [2, 0], [1]]);
  });

  it('reads a manifest, and nothing that is not one', () => {
    expect(parseSlideShape('{"stacks":[[0],[2,0]]}')).toEqual([[0], [2, 0]]);
    for (const bad of [
      '',
      'null',
      '{}',
      '{"stacks":[]}',
      '{"stacks":[[]]}',
      '{"stacks":[[-1]]}',
      '{"stacks":[["1"]]}',
    ])
      expect(parseSlideShape(bad), bad).toBeUndefined();
  });

  it('says why a state is not in the deck', () => {
    const shape = [[0], [2, 0], [1]];
    expect(outsideDeck(state(0), shape)).toBeUndefined();
    expect(outsideDeck(state(1, { v: 1 }), shape)).toBeUndefined();
    expect(outsideDeck(state(1, { f: 1 }), shape)).toBeUndefined();
    expect(outsideDeck(state(9999), shape)).toBe("h 9999 is past the deck's last slide (2)");
    expect(outsideDeck(state(1, { v: 9999 }), shape)).toBe(
      "v 9999 is past slide 1's last vertical slide (1)",
    );
    expect(outsideDeck(state(0, { v: 1 }), shape)).toBe("v 1 is past slide 0's last vertical slide (0)");
    expect(outsideDeck(state(1, { f: 2 }), shape)).toBe("f 2 is past slide 1/0's last fragment (1)");
    expect(outsideDeck(state(0, { f: 0 }), shape)).toBe("f 0 is past slide 0/0's last fragment (-1)");
  });

  it('is written by the build beside the pages', () => {
    const emitted: unknown[] = [];
    const compiled = compile({ 'slides/01.md': '# A\n\n---\n\n# B\n\n- x {.fragment}\n' });
    const plugin = deckSlides({ variants: [{}], get: () => compiled } as unknown as DeckSource);
    (plugin.generateBundle as (this: unknown) => void).call({ emitFile: (f: unknown) => emitted.push(f) });
    expect(emitted).toEqual([{ type: 'asset', fileName: SLIDES_FILE, source: '{"stacks":[[0],[1]]}\n' }]);
  });
});

describe('relay: a presenter’s state must be a place in the deck', () => {
  const files = { [SLIDES_FILE]: '{"stacks":[[0],[2,0],[1]]}\n' };

  it('refuses h, v or f past the deck’s own slides, telling the presenter; followers never get it', async () => {
    deck = await startRelay({}, 0, files);
    const presenter = await join(TOKEN);
    const follower = await join();
    const outside = [state(9999), state(1, { v: 9999 }), state(2, { f: 1 }), state(0, { v: 1 })];
    outside.forEach((s, i) => {
      presenter.publish(i + 1, s);
    });
    for (let seq = 1; seq <= outside.length; seq++)
      expect(await presenter.next((m) => m.t === 'refused' && m.seq === seq)).toMatchObject({
        reason: expect.stringMatching(/is past/),
      });
    const refused = presenter.messages.filter((m) => m.t === 'refused');
    expect(refused[0]).toEqual({
      v: 1,
      t: 'refused',
      seq: 1,
      reason: "h 9999 is past the deck's last slide (2)",
    });
    // Negative numbers fail the schema: ignored like any invalid frame, and not sent on either.
    presenter.publish(5, state(-1));
    presenter.publish(6, state(1, { v: -3 }));
    presenter.publish(7, state(1, { f: -2 }));
    presenter.publish(8, state(1, { v: 1 }));
    const first = await follower.next((m) => m.t === 'state');
    expect(first).toMatchObject({ seq: 1, state: state(1, { v: 1 }) });
    await presenter.next((m) => m.t === 'ack' && m.seq === 8);
    expect(presenter.messages.filter((m) => m.t === 'ack').map((m) => m.t === 'ack' && m.seq)).toEqual([8]);
    expect(deck.relay!.latest.state).toEqual(state(1, { v: 1 }));
  });

  it('without a manifest (a site built elsewhere) checks by the schema only', async () => {
    deck = await startRelay();
    const presenter = await join(TOKEN);
    const follower = await join();
    presenter.publish(1, state(9999));
    expect(await follower.next((m) => m.t === 'state')).toMatchObject({ state: state(9999) });
  });
});
