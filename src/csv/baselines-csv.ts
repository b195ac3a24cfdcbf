/**
 * Import baselines from CSV (`dealclock import-baselines <file.csv>`). All or nothing:
 * every row is validated first and a bad one is reported with its line number; then all
 * rows are written in one transaction, each with its audit event. The file must be clean
 * UTF-8 text, as for projects (csv-text.ts), and read cells as projects do (a `'` marking
 * a would-be formula as text is removed, spreadsheet-cells.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CommandContext } from '../usecases/context.ts';
import { parseMoney } from '../core/values.ts';
import type { NewBaseline } from '../db/tariffs.ts';
import { UserError } from '../core/errors.ts';
import { MAX_NOTE, MAX_TEXT, parseReliability, parseSourceUrl, parseYear, validCategory } from '../tariffs/inputs.ts';
import { validText } from '../core/values.ts';
import { recordBaselines } from '../usecases/tariff-updates.ts';
import { validDeal } from '../usecases/project-fields.ts';
import { csvText } from './csv-text.ts';
import { fromSpreadsheetText } from './spreadsheet-cells.ts';

export const BASELINE_COLUMNS = ['deal', 'category', 'annual_usd', 'year', 'source_url', 'basis', 'reliability', 'note'] as const;
const REQUIRED = ['deal', 'category', 'annual_usd', 'year', 'source_url'] as const;
// Baselines are a handful of rows per deal; a large file is a wrong file.
export const MAX_BASELINE_CSV_BYTES = 1024 * 1024;

export async function importBaselines(ctx: CommandContext, file: string): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new UserError('file_error', {
      action: 'read',
      file,
      reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message,
    });
  }
  if (size > MAX_BASELINE_CSV_BYTES)
    throw new UserError('csv_invalid', { file, line: 1, reason: `the file is larger than ${MAX_BASELINE_CSV_BYTES / 1024 / 1024} MB` });
  return importBaselinesCsv(ctx, readFileSync(file), file);
}

interface ParsedRecord {
  record: Record<string, string>;
  info: { lines: number };
}

export async function importBaselinesCsv(ctx: CommandContext, input: string | Uint8Array, file = 'input'): Promise<number> {
  if (!ctx.actor.isAdmin) {
    throw new UserError('permission_denied', { who: ctx.actor.adminsDescription ?? 'the workspace admins', action: 'import baselines' });
  }
  const text = csvText(input, file);
  let records: ParsedRecord[];
  try {
    records = parse(text, { columns: true, bom: true, skip_empty_lines: true, info: true, trim: true }) as unknown as ParsedRecord[];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new UserError('csv_invalid', { file, line: e.lines ?? 1, reason: e.message.replace(/^Invalid Record Length: /, '') });
  }
  if (records.length === 0) throw new UserError('csv_invalid', { file, line: 1, reason: `there are no rows; columns are ${BASELINE_COLUMNS.join(', ')}` });
  const header = Object.keys(records[0]!.record);
  const unknown = header.filter((h) => !(BASELINE_COLUMNS as readonly string[]).includes(h));
  if (unknown.length)
    throw new UserError('csv_invalid', { file, line: 1, reason: `unknown column(s) ${unknown.join(', ')}; columns are ${BASELINE_COLUMNS.join(', ')}` });
  for (const r of REQUIRED) if (!header.includes(r)) throw new UserError('csv_invalid', { file, line: 1, reason: `the header has no \`${r}\` column` });

  const deals = await ctx.deals();
  const rows: Omit<NewBaseline, 'createdBy'>[] = [];
  for (const { record, info } of records) {
    try {
      for (const key in record) record[key] = fromSpreadsheetText(record[key]!);
      const required = (key: (typeof REQUIRED)[number]) => {
        const v = record[key];
        if (!v) throw new UserError('invalid_value', { key, value: '', reason: 'it is empty' });
        return v;
      };
      rows.push({
        dealCode: validDeal(required('deal'), deals).code,
        category: validCategory(required('category')),
        annualUsd: parseMoney(required('annual_usd')),
        year: parseYear(required('year'), ctx.today),
        sourceUrl: parseSourceUrl(required('source_url'), 'source_url'),
        basis: validText('basis', record.basis, MAX_TEXT),
        reliability: parseReliability(record.reliability, 'reliable'),
        note: validText('note', record.note, MAX_NOTE),
      });
    } catch (err) {
      if (err instanceof UserError) throw new UserError('csv_invalid', { file, line: info.lines, reason: err.userMessage().replace(/\.$/, '') });
      throw err;
    }
  }
  return (await recordBaselines(ctx, rows, file)).length;
}
