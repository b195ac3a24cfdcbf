/**
 * The text of a CSV file to import, refused before any row is read when it is not clean
 * UTF-8 text: a file saved as Latin-1 or Shift-JIS would otherwise import as mojibake,
 * and a control, bidi or zero-width character would reach the database and, from there,
 * a terminal or a Slack message. The refusal names the line (and, for a character, the
 * column) and never echoes the character itself.
 */
import { parse } from 'csv-parse/sync';
import { UserError } from '../core/errors.ts';
import { findUnsafeCharacter } from '../core/unsafe-text.ts';

/**
 * The file's text with a leading byte-order mark removed and CRLF as LF (csv-parse counts
 * a CRLF inside a quoted cell as two lines; normalised, line numbers match the file).
 * Bytes are decoded strictly as UTF-8; a string is taken as already decoded.
 */
export function csvText(input: string | Uint8Array, file: string): string {
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      // Strict, and it drops a leading byte-order mark.
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const at = firstInvalidUtf8(input);
      throw new UserError('csv_invalid', {
        file,
        line: lineAtByte(input, at),
        reason: `the file is not UTF-8 text (byte 0x${input[at]!.toString(16).toUpperCase().padStart(2, '0')}); save it as "CSV UTF-8" and import it again`,
      });
    }
  }
  text = text.replace(/\r\n/g, '\n');
  const unsafe = findUnsafeCharacter(text);
  if (unsafe) {
    const { line, column } = locate(text, unsafe.index);
    throw new UserError('csv_invalid', { file, line, column, reason: `it contains ${unsafe.description}; remove it` });
  }
  return text;
}

/** Offset of the first byte that does not begin or continue well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte → number of continuation bytes, and the range of the first of them
    // (narrower after E0, ED, F0, F4: no overlong forms, surrogates or code points past U+10FFFF).
    let more: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) more = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      more = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      more = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= more; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += more + 1;
  }
  return -1;
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * The line of `index` in `text`, and its column: the header's name for it, or its number
 * when the header itself is where it is (or is too short). Reads quotes as RFC 4180 does,
 * so a quoted comma or line break does not count.
 */
function locate(text: string, index: number): { line: number; column: string } {
  let line = 1;
  let field = 0;
  let quoted = false;
  let headerEnd = -1;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line++;
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x2c) field++;
    else if (!quoted && c === 0x0a) {
      if (headerEnd < 0) headerEnd = i;
      field = 0;
    }
  }
  const number = `${field + 1}`;
  if (headerEnd < 0) return { line, column: number };
  let header: string[] = [];
  try {
    header = (parse(text.slice(0, headerEnd), { trim: true }) as string[][])[0] ?? [];
  } catch {
    // A header csv-parse cannot read is reported by the import itself; the number will do here.
  }
  const name = header[field];
  return { line, column: name ? `${number} (\`${name}\`)` : number };
}
