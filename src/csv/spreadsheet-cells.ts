/**
 * CSV cells that spreadsheets read as text, never as formulas (OWASP "CSV injection").
 *
 * Excel, LibreOffice and Google Sheets run a cell that begins with `=`, `+`, `-` or `@` as
 * a formula (tab and carriage return are stripped first, so they count too): a project
 * named `=HYPERLINK(…)` would become a link, or worse, in whoever opens the export. Such a
 * cell is written with a `'` in front (the spreadsheet's own "this is text" mark) and
 * quoted. Numbers we write ourselves (project numbers, dollar amounts, ids) are JS numbers
 * and stay numbers; dates are `YYYY-MM-DD` and begin with a digit.
 *
 * Import removes exactly the one `'` the export added, so export → import returns every
 * value as it was: a value that begins with quotes followed by a trigger (`'=x`) is
 * exported with one more (`''=x`), and a value that begins with `'` and then anything else
 * (`'Ohana`) is left alone both ways.
 */
import { stringify } from 'csv-stringify/sync';

/** Any run of `'`, then a character that starts a formula. */
const NEEDS_MARK = /^'*[=+\-@\t\r]/;
/** What the export wrote for such a value: one more `'` in front. */
const MARKED = /^'+[=+\-@\t\r]/;

/** A string cell as a spreadsheet must show it: with a `'` in front when it could be a formula. */
export function toSpreadsheetText(value: string): string {
  return NEEDS_MARK.test(value) ? `'${value}` : value;
}

/** A cell read from a CSV: the `'` that `toSpreadsheetText` added, removed. */
export function fromSpreadsheetText(cell: string): string {
  // Most cells do not start with `'`; skip the regular expression for them.
  return cell.charCodeAt(0) === 0x27 && MARKED.test(cell) ? cell.slice(1) : cell;
}

export type CsvCell = string | number | null;

/** Rows as CSV text: strings marked as text where needed (and quoted), numbers as numbers, null empty. */
export function stringifyCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], { cast: { string: toSpreadsheetText }, quoted_match: MARKED });
}
