import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fromSpreadsheetText, stringifyCsv, toSpreadsheetText } from '../../../src/csv/spreadsheet-cells.ts';

/** What Excel, LibreOffice and Google Sheets run as a formula (OWASP): the cell's first character. */
const FORMULA_START = /^[=+\-@\t\r]/;

describe('toSpreadsheetText / fromSpreadsheetText', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ["'=x", "''=x"],
    ["''@x", "'''@x"],
    ["'Ohana", "'Ohana"],
    ["'", "'"],
    ['Texas GulfLink', 'Texas GulfLink'],
    ['2026-02-17', '2026-02-17'],
    ['', ''],
  ])('writes %j as %j and reads it back', (value, cell) => {
    expect(toSpreadsheetText(value)).toBe(cell);
    expect(fromSpreadsheetText(cell)).toBe(value);
  });

  it('round-trips every string of quotes, trigger characters and letters, and never writes a formula', () => {
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', 'a', ' '];
    const all = (n: number): string[] => (n === 0 ? [''] : all(n - 1).flatMap((s) => alphabet.map((c) => s + c)));
    const values = [0, 1, 2, 3, 4].flatMap(all);
    expect(values).toHaveLength(7381);
    for (const value of values) {
      const cell = toSpreadsheetText(value);
      expect(FORMULA_START.test(cell), JSON.stringify(value)).toBe(false);
      expect(fromSpreadsheetText(cell), JSON.stringify(value)).toBe(value);
    }
  });
});

describe('stringifyCsv', () => {
  it('quotes marked cells, writes numbers (negative too) and nulls as they are', () => {
    const text = stringifyCsv([
      ['name', 'n', 'note'],
      ['=1+1', 5, null],
      ['-2+3', -3, 'a, "b"'],
      ["'Ohana", 0, '@x'],
    ]);
    expect(text).toBe(`name,n,note\n"'=1+1",5,\n"'-2+3",-3,"a, ""b"""\n'Ohana,0,"'@x"\n`);
    // Read back by a CSV reader, the marked cells carry the apostrophe a spreadsheet hides.
    expect((parse(text) as string[][]).map((r) => r[0])).toEqual(['name', "'=1+1", "'-2+3", "'Ohana"]);
  });
});
