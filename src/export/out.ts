import { accessSync, constants, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DeckError } from '../compiler/diagnostics.ts';
import { tempPathFor } from './atomic.ts';
import { type ExportOptions, exportsDir } from './options.ts';
import { previousPngs } from './png.ts';

const refuse = (message: string) => new DeckError(`--out ${message}`, [], 2);

/**
 * Checks, before anything is built or rendered, that the export can be written where it goes: the folder
 * exists (it is never created silently, except the build folder and the default exports/), the target is of
 * the right kind (a file for PDF and PPTX, a folder for PNGs, one holding no file an export did not make),
 * and a file can be created there and the target replaced.
 */
export function checkOut(options: Pick<ExportOptions, 'format' | 'out' | 'dist' | 'config'>): void {
  const { format, out } = options;
  const parent = dirname(out);
  const folder = statSync(parent, { throwIfNoEntry: false });
  if (!folder) {
    // The build makes its folder, and the export the default exports/ folder.
    if (parent === options.dist || parent === exportsDir(options.config)) return;
    throw refuse(`${out}: the folder ${parent} does not exist; create it first, or choose another place`);
  }
  if (!folder.isDirectory()) throw refuse(`${out}: ${parent} is a file, not a folder`);
  const target = statSync(out, { throwIfNoEntry: false });
  if (format !== 'png' && target?.isDirectory())
    throw refuse(`${out} is a folder: name a file in it, such as ${join(out, `deck.${format}`)}`);
  if (format === 'png' && target && !target.isDirectory())
    throw refuse(`${out} is a file: PNGs go into a folder, so name one`);
  if (format === 'png') previousPngs(out);
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
