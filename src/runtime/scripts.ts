import type { RevealApi } from 'reveal.js';
import type { DeckScript, DeckScriptContext, DeckScriptModule } from '../contracts/scripts.ts';

/** A deck script imported: its path, for messages, and its module. */
export interface LoadedScript {
  path: string;
  module: DeckScriptModule;
}

const failed = (path: string, e: unknown) =>
  new Error(`the deck's script ${path} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });

/**
 * Imports the deck's scripts in order, running their top level: called once `window.Reveal` is the deck and
 * before it starts, as a reveal.js page runs a `<script>` after `Reveal.initialize()`. The chunks are fetched
 * at once, run one after the other.
 */
export async function importScripts(scripts: readonly DeckScript[]): Promise<LoadedScript[]> {
  const loading = scripts.map((s) => s.load().then((module) => ({ path: s.path, module })));
  const loaded: LoadedScript[] = [];
  for (const [k, load] of loading.entries()) {
    try {
      loaded.push(await load);
    } catch (e) {
      throw failed(scripts[k]!.path, e);
    }
  }
  return loaded;
}

/** Calls each script's default export with the ready deck, in order, waiting for each. */
export async function runScripts(
  loaded: readonly LoadedScript[],
  deck: RevealApi,
  print: boolean,
): Promise<void> {
  const ctx: DeckScriptContext = { deck, root: deck.getRevealElement() as HTMLElement, print };
  for (const { path, module } of loaded) {
    if (typeof module.default !== 'function') continue;
    try {
      await (module.default as (ctx: DeckScriptContext) => unknown)(ctx);
    } catch (e) {
      throw failed(path, e);
    }
  }
}
