import { accessSync, constants, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';
import { tempPathFor } from './atomic.ts';
import type { ExportOptions } from './options.ts';

const refuse = (message: string) => new DeckError(`--out ${message}`, [], 2);

/**
 * Checks, before anything is built or rendered, that the export can be written where it goes: the folder
 * exists (it is never created silently, except the build folder, which the build makes), the target is of
 * the right kind (a file for PDF and PPTX, a folder for PNGs), and a file can be created there and the target replaced.
 */
export function checkOut(options: Pick<ExportOptions, 'format' | 'out' | 'dist'>): void {
  const { format, out } = options;
  const parent = dirname(out);
  const folder = statSync(parent, { throwIfNoEntry: false });
  if (!folder) {
    if (parent === options.dist) return; // the build creates it
    throw refuse(`${out}: the folder ${parent} does not exist; create it first, or choose another place`);
  }
  if (!folder.isDirectory()) throw refuse(`${out}: ${parent} is a file, not a folder`);
  const target = statSync(out, { throwIfNoEntry: false });
  if (format !== 'png' && target?.isDirectory())
    throw refuse(`${out} is a folder: name a file in it, such as ${join(out, `deck.${format}`)}`);
  if (format === 'png' && target && !target.isDirectory())
    throw refuse(`${out} is a file: PNGs go into a folder, so name one`);
  const where = format === 'png' && target ? out : parent;
  const probe = tempPathFor(join(where, 'write-check'));
  try {
    writeFileSync(probe, '');
    rmSync(probe);
    if (format !== 'png' && target) accessSync(out, constants.W_OK);
  } catch (e) {
    rmSync(probe, { force: true });
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw refuse(`${out} cannot be written (${code} in ${where}): choose another place, or make it writable`);
  }
}
