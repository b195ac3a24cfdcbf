/**
 * Projects as CSV: `export` writes every project with a header row; `import` reads the
 * same format back. Import is all or nothing: rows are validated and written in batches
 * inside one transaction, with one audit event per project; a bad row is reported with its
 * line number and nothing is kept. Cells that a spreadsheet would run as a formula are
 * exported as text and read back as they were (spreadsheet-cells.ts).
 */
import { statSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { CsvError, parse as parser } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import type { CivilDate } from '../core/civil-date.ts';
import type { CommandContext } from '../usecases/context.ts';
import { parseDateValue, parseMoney } from '../core/values.ts';
import type { NewProject } from '../db/projects.ts';
import { UserError } from '../core/errors.ts';
import { csvText } from './csv-text.ts';
import { openOutputFile, writeTo } from './output-file.ts';
import { type CsvCell, fromSpreadsheetText, stringifyCsv } from './spreadsheet-cells.ts';
import { STAGES, type Project, type Stage } from '../domain/project.ts';
import { effectiveDueOn } from '../usecases/due-date.ts';
import { MAX_TEXT_FIELD, slugForName, validCalendar, validChannel, validDeal, validName } from '../usecases/project-fields.ts';
import { validText } from '../core/values.ts';

export const CSV_COLUMNS = [
  'number',
  'slug',
  'name',
  'deal',
  'stage',
  'cost_usd',
  'sector',
  'sponsor',
  'location',
  'announced_on',
  'notice_on',
  'notice_due_on',
  'due_on',
  'calendar',
  'funded_on',
  'funded_usd',
  'declined_on',
  'withdrawn_on',
  'closed_reason',
  'channel_id',
] as const;
const REQUIRED = ['name'] as const;
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
/** Rows per statement: 5,000 measured no faster, and smaller batches start overlapping sooner. */
const BATCH = 2000;

function toRow(p: Project): CsvCell[] {
  return [
    p.number,
    p.slug,
    p.name,
    p.dealCode,
    p.stage,
    p.costUsd,
    p.sector,
    p.sponsor,
    p.location,
    p.announcedOn,
    p.noticeOn,
    p.noticeDueOn,
    p.dueOn,
    p.calendar,
    p.fundedOn,
    p.fundedUsd,
    p.declinedOn,
    p.withdrawnOn,
    p.closedReason,
    p.channelId,
  ];
}

export async function exportProjects(ctx: CommandContext, file?: string): Promise<number> {
  const out = file ? openOutputFile(file) : process.stdout;
  const write = (text: string) => writeTo(out, text);
  let count = 0;
  try {
    await write(stringifyCsv([CSV_COLUMNS]));
    for await (const page of ctx.store.projects.all()) {
      await write(stringifyCsv(page.map(toRow)));
      count += page.length;
    }
  } finally {
    if (file) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
  }
  return count;
}

export async function importProjects(ctx: CommandContext, file: string): Promise<number> {
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
  if (size > MAX_CSV_BYTES) throw new UserError('csv_invalid', { file, line: 1, reason: `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB` });
  return importProjectsCsv(ctx, readFileSync(file), file);
}

const PARSE_OPTIONS = { columns: true, bom: true, skip_empty_lines: true, trim: true } as const;

/** The text as bytes in 64 kB pieces: the parser then yields records while earlier batches are written. */
function* pieces(text: string): Generator<Buffer> {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += 65_536) yield bytes.subarray(i, i + 65_536);
}

/**
 * Imports projects from CSV: bytes as read from a file (decoded strictly as UTF-8), or text.
 * The file is refused whole, before anything is written, if it is not UTF-8 or carries a
 * control, bidi or zero-width character anywhere (see csv-text.ts).
 */
export async function importProjectsCsv(ctx: CommandContext, input: string | Uint8Array, file = 'input'): Promise<number> {
  const csv = csvText(input, file);
  // Records are parsed without `info` (its object per record costs a third of the parse); only
  // an error needs a line number, and then the file is parsed again up to that record.
  const lineOf = (index: number) => (parse(csv, { ...PARSE_OPTIONS, info: true, to: index + 1 }) as { info: { lines: number } }[])[index]!.info.lines;
  const invalid = (line: number, reason: string) => new UserError('csv_invalid', { file, line, reason });
  const deals = await ctx.deals();
  const registry = await ctx.calendars();
  /** Slug → index of the record that has it. */
  const seen = new Map<string, number>();
  /** Record `i` as a project. A bad header or row, or a slug seen before, stops the import with its line. */
  const validate = (record: Record<string, string>, i: number): NewProject => {
    if (i === 0) {
      const header = Object.keys(record);
      const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
      if (unknown.length) throw invalid(1, `unknown column(s) ${unknown.join(', ')}; columns are ${CSV_COLUMNS.join(', ')}`);
      for (const r of REQUIRED) if (!header.includes(r)) throw invalid(1, `the header has no \`${r}\` column`);
    }
    try {
      for (const key in record) record[key] = fromSpreadsheetText(record[key]!);
      const row = validateRow(record, ctx, deals, registry);
      const first = seen.get(row.slug);
      if (first !== undefined) throw new UserError('invalid_value', { key: 'slug', value: row.slug, reason: `it is also on line ${lineOf(first)}` });
      seen.set(row.slug, i);
      return row;
    } catch (err) {
      if (err instanceof UserError) throw invalid(lineOf(i), err.userMessage().replace(/\.$/, ''));
      throw err;
    }
  };
  return ctx.write(async (store) => {
    const write = async (batch: NewProject[]) => {
      const taken = await store.projects.insertMany(batch, ctx.actor, file);
      if (taken) throw invalid(lineOf(seen.get(taken)!), `a project with the slug \`${taken}\` already exists`);
    };
    // While the database writes one batch, the next is parsed and validated (in parallel when
    // the database runs in another thread or process). Any error rolls the whole import back.
    let written: Promise<void> = Promise.resolve();
    let batch: NewProject[] = [];
    let count = 0;
    try {
      for await (const record of Readable.from(pieces(csv)).pipe(parser(PARSE_OPTIONS))) {
        batch.push(validate(record as Record<string, string>, count++));
        if (batch.length === BATCH) {
          await written;
          written = write(batch);
          batch = [];
        }
      }
      await written;
      if (batch.length) await write(batch);
    } catch (err) {
      // An earlier batch's failure is reported first, and no write outlives the transaction.
      await written;
      if (err instanceof CsvError) throw invalid(Number(err.lines ?? 1), err.message.replace(/^Invalid Record Length: /, ''));
      throw err;
    }
    return count;
  });
}

// Cell readers at module level: closures made per row showed up in the import's profile.
const dateCell = (value: string | undefined, today: CivilDate): CivilDate | null => (value ? parseDateValue(value, today) : null);
const moneyCell = (value: string | undefined): number | null => (value ? parseMoney(value) : null);

function validateRow(
  r: Record<string, string>,
  ctx: CommandContext,
  deals: Awaited<ReturnType<CommandContext['deals']>>,
  registry: Awaited<ReturnType<CommandContext['calendars']>>,
): NewProject {
  const today = ctx.today;
  const name = validName(r.name ?? '');
  const slug = slugForName(name, r.slug || undefined);
  const deal = validDeal(r.deal || 'JP', deals);
  const stage = (r.stage || 'candidate').toLowerCase() as Stage;
  if (!STAGES.includes(stage)) throw new UserError('unknown_stage', { value: r.stage, allowed: STAGES.join(', ') });
  const costUsd = moneyCell(r.cost_usd);
  const sector = validText('sector', r.sector ?? '', MAX_TEXT_FIELD);
  const sponsor = validText('sponsor', r.sponsor ?? '', MAX_TEXT_FIELD);
  const location = validText('location', r.location ?? '', MAX_TEXT_FIELD);
  const announcedOn = dateCell(r.announced_on, today);
  const noticeOn = dateCell(r.notice_on, today);
  const noticeDueOn = dateCell(r.notice_due_on, today);
  const calendar = validCalendar(r.calendar ?? '');
  const fundedOn = dateCell(r.funded_on, today);
  const fundedUsd = moneyCell(r.funded_usd);
  const declinedOn = dateCell(r.declined_on, today);
  const withdrawnOn = dateCell(r.withdrawn_on, today);
  const closedReason = validText('closed_reason', r.closed_reason ?? '', MAX_TEXT_FIELD);
  const channelId = validChannel(r.channel_id ?? '');
  if ((stage === 'selected' || stage === 'funded' || stage === 'declined') && !noticeOn) {
    throw new UserError('invalid_value', { key: 'notice_on', value: '', reason: `a ${stage} project needs its notice date` });
  }
  if (calendar) registry.get(calendar);
  // The due date is derived (notice + clock days, or the notice's own date), never trusted from the file.
  const dueOn = effectiveDueOn({ noticeOn, noticeDueOn, calendar }, deal, registry);
  return {
    slug,
    name,
    dealCode: deal.code,
    sector,
    sponsor,
    location,
    costUsd,
    stage,
    announcedOn,
    noticeOn,
    noticeDueOn,
    dueOn,
    calendar,
    fundedOn,
    fundedUsd,
    declinedOn,
    withdrawnOn,
    closedReason,
    channelId,
  };
}
