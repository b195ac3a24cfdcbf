import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.ts';
import { csvText, firstInvalidUtf8 } from '../../../src/csv/csv-text.ts';

function refusal(input: string | Uint8Array): string {
  try {
    csvText(input, 'f.csv');
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).userMessage();
  }
  throw new Error('expected a refusal');
}

describe('firstInvalidUtf8', () => {
  it.each<[string, number[], number]>([
    ['ASCII, two-, three- and four-byte characters', [...Buffer.from('aé東😀')], -1],
    ['Latin-1 é before a line break', [0x61, 0xe9, 0x0a], 1],
    ['a stray continuation byte', [0x61, 0x80], 1],
    ['an overlong NUL', [0xc0, 0x80], 0],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], 0],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], 0],
    ['past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a truncated character at the end', [0x61, 0xe6, 0x9d], 1],
    ['Shift-JIS 東京', [0x93, 0x8c, 0x8b, 0x9e], 0],
  ])('%s', (_what, bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });

  it('agrees with the strict TextDecoder on 20,000 random byte strings', () => {
    let seed = 20260217;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let invalid = 0;
    for (let n = 0; n < 20_000; n++) {
      // Mostly plausible bytes (ASCII, lead and continuation bytes), so both outcomes occur.
      const bytes = Uint8Array.from({ length: Math.floor(random() * 12) }, () => {
        const r = random();
        return r < 0.4 ? 0x61 : r < 0.7 ? 0x80 + Math.floor(random() * 0x40) : 0xc0 + Math.floor(random() * 0x40);
      });
      let ok = true;
      try {
        decoder.decode(bytes);
      } catch {
        ok = false;
      }
      const at = firstInvalidUtf8(bytes);
      expect(at === -1, Buffer.from(bytes).toString('hex')).toBe(ok);
      if (!ok) {
        invalid++;
        // Everything before the reported byte is valid UTF-8.
        expect(() => decoder.decode(bytes.subarray(0, at))).not.toThrow();
      }
    }
    expect(invalid).toBeGreaterThan(1000);
    expect(invalid).toBeLessThan(19_000);
  });
});

describe('csvText', () => {
  it('drops a leading byte-order mark and turns CRLF into LF', () => {
    expect(csvText(Buffer.from('\uFEFFname\r\nA\r\n'), 'f.csv')).toBe('name\nA\n');
    expect(csvText('\uFEFFname\r\nA\r\n', 'f.csv')).toBe('name\nA\n');
  });

  it('names the line of the first byte that is not UTF-8', () => {
    expect(refusal(Buffer.from('name\nGood\nCaf\u00e9\n', 'latin1'))).toBe(
      'f.csv, line 3: the file is not UTF-8 text (byte 0xE9); save it as "CSV UTF-8" and import it again. Nothing was imported.',
    );
  });

  it('names the line and the column of a refused character, counting quoted commas and line breaks as text', () => {
    expect(refusal('name,deal,sector\nA,JP,x\n"B,\nb",KR,"a,\nb\u001b"\n')).toMatch(/^f\.csv, line 5, column 3 \(`sector`\): it contains U\+001B/);
    expect(refusal('name,"a ""quoted"", header",x\nA,b\u200B,c\n')).toMatch(/^f\.csv, line 2, column 2 \(`a "quoted", header`\): /);
    // Past the header's last column, or in the header: the column's number.
    expect(refusal('name\nA,\u202E\n')).toMatch(/^f\.csv, line 2, column 2: /);
    expect(refusal('name,\u0000\n')).toMatch(/^f\.csv, line 1, column 2: /);
    // A second byte-order mark is not the file's.
    expect(refusal('\uFEFF\uFEFFname\n')).toMatch(/^f\.csv, line 1, column 1: it contains U\+FEFF/);
  });
});
