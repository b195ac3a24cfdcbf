/**
 * Opens an output file for export commands: never overwrites an existing file, and a
 * failure to open is a user error (a clear message), not an unhandled stream error.
 */
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { UserError } from '../core/errors.ts';

export function openOutputFile(file: string): WriteStream {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' ? 'it already exists; choose a new name' : code === 'ENOENT' ? 'its folder does not exist' : (err as Error).message;
    throw new UserError('file_error', { action: 'write', file, reason });
  }
  return createWriteStream('', { fd });
}

/** Writes text and waits for it to be flushed to the stream. */
export function writeTo(out: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
}
