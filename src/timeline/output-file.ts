/**
 * Writing the picture to a file for the shell and the CLI. A path the operator names is
 * never overwritten (as with the CSV exports); without one, the picture goes into the
 * current folder under its own name, numbered when that name is taken.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.ts';
import type { TimelinePicture } from './render.ts';

export function writePicture(picture: TimelinePicture, out?: string, folder: string = process.cwd()): string {
  if (out !== undefined) {
    const path = resolve(folder, out);
    write(path, picture.png, out);
    return path;
  }
  const stem = picture.filename.replace(/\.png$/, '');
  for (let n = 1; n < 1000; n++) {
    const path = join(folder, n === 1 ? picture.filename : `${stem}-${n}.png`);
    try {
      writeFileSync(path, picture.png, { flag: 'wx' });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(path, err);
    }
  }
  throw new UserError('file_error', { action: 'write', file: join(folder, picture.filename), reason: 'too many timeline files already; name one with --out' });
}

function write(path: string, png: Buffer, shown: string): void {
  try {
    writeFileSync(path, png, { flag: 'wx' });
  } catch (err) {
    throw fileError(shown, err);
  }
}

function fileError(file: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'EEXIST' ? 'it already exists; choose a new name' : code === 'ENOENT' ? 'its folder does not exist' : (err as Error).message;
  return new UserError('file_error', { action: 'write', file, reason });
}
