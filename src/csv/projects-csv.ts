/**
 * Projects as CSV: `export` writes every project with a header row; `import` reads the
 * same format back. Import is all or nothing: every row is validated first (a bad row is
 * reported with its line number), then all rows are written in one transaction, in
 * batches, with one audit event per project.
 */
import { statSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { CommandContext } from '../commands/context.ts';
import { parseDateValue, parseMoney } from '../commands/values.ts';
import type { NewProject } from '../db/projects.ts';
import { UserError } from '../domain/errors.ts';
import { openOutputFile, writeTo } from './output-file.ts';
import { STAGES, type Project, type Stage } from '../domain/project.ts';
import { effectiveDueOn } from '../usecases/due-date.ts';
import { slugForName, validCalendar, validChannel, validDeal, validName, validText } from '../usecases/project-fields.ts';

export const CSV_COLUMNS = [
  'number', 'slug', 'name', 'deal', 'stage', 'cost_usd', 'sector', 'sponsor', 'location', 'announced_on', 'notice_on',
  'notice_due_on', 'due_on', 'calendar', 'funded_on', 'funded_usd', 'declined_on', 'withdrawn_on', 'closed_reason', 'channel_id',
] as const;
const REQUIRED = ['name'] as const;
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
const BATCH = 2000;

function toRow(p: Project): string[] {
  const v = (x: string | number | null) => (x === null ? '' : String(x));
  return [
    v(p.number), p.slug, p.name, p.dealCode, p.stage, v(p.costUsd), v(p.sector), v(p.sponsor), v(p.location), v(p.announcedOn), v(p.noticeOn),
    v(p.noticeDueOn), v(p.dueOn), v(p.calendar), v(p.fundedOn), v(p.fundedUsd), v(p.declinedOn), v(p.withdrawnOn), v(p.closedReason), v(p.channelId),
  ];
}

export async function exportProjects(ctx: CommandContext, file?: string): Promise<number> {
  const out = file ? openOutputFile(file) : process.stdout;
  const write = (text: string) => writeTo(out, text);
  let count = 0;
  try {
    await write(stringify([CSV_COLUMNS as unknown as string[]]));
    for await (const page of ctx.store.projects.all()) {
      await write(stringify(page.map(toRow)));
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
    throw new UserError('file_error', { action: 'read', file, reason: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message });
  }
  if (size > MAX_CSV_BYTES) throw new UserError('csv_invalid', { file, line: 1, reason: `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB` });
  return importProjectsCsv(ctx, readFileSync(file, 'utf8'), file);
}

interface Record_ {
  record: Record<string, string>;
  info: { lines: number };
}

export async function importProjectsCsv(ctx: CommandContext, text: string, file = 'input'): Promise<number> {
  let records: Record_[];
  try {
    // csv-parse counts a CRLF inside a quoted cell as two lines; normalise so line numbers match.
    records = parse(text.replace(/\r\n/g, '\n'), { columns: true, bom: true, skip_empty_lines: true, info: true, trim: true }) as unknown as Record_[];
  } catch (err) {
    const e = err as { lines?: number; message: string };
    throw new UserError('csv_invalid', { file, line: e.lines ?? 1, reason: e.message.replace(/^Invalid Record Length: /, '') });
  }
  const header = Object.keys(records[0]?.record ?? {});
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) throw new UserError('csv_invalid', { file, line: 1, reason: `unknown column(s) ${unknown.join(', ')}; columns are ${CSV_COLUMNS.join(', ')}` });
  for (const r of REQUIRED) if (records.length && !header.includes(r)) throw new UserError('csv_invalid', { file, line: 1, reason: `the header has no \`${r}\` column` });

  const deals = await ctx.deals();
  const registry = await ctx.calendars();
  const seen = new Map<string, number>();
  const rows: NewProject[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    try {
      const row = validateRow(record, ctx, deals, registry);
      const first = seen.get(row.slug);
      if (first !== undefined) throw new UserError('invalid_value', { key: 'slug', value: row.slug, reason: `it is also on line ${first}` });
      seen.set(row.slug, line);
      rows.push(row);
    } catch (err) {
      if (err instanceof UserError && err.code !== 'csv_invalid') throw new UserError('csv_invalid', { file, line, reason: err.userMessage().replace(/\.$/, '') });
      throw err;
    }
  }
  return ctx.write(async (store) => {
    const [slug] = await store.projects.existingSlugs([...seen.keys()], 1);
    if (slug) {
      throw new UserError('csv_invalid', { file, line: seen.get(slug)!, reason: `a project with the slug \`${slug}\` already exists` });
    }
    for (let i = 0; i < rows.length; i += BATCH) {
      const inserted = await store.projects.insertMany(rows.slice(i, i + BATCH));
      await store.audit.imported(ctx.actor, inserted, file);
    }
    return rows.length;
  });
}

function validateRow(r: Record<string, string>, ctx: CommandContext, deals: Awaited<ReturnType<CommandContext['deals']>>, registry: Awaited<ReturnType<CommandContext['calendars']>>): NewProject {
  const date = (key: string) => (r[key] ? parseDateValue(r[key]!, ctx.today) : null);
  const money = (key: string) => (r[key] ? parseMoney(r[key]!) : null);
  const name = validName(r.name ?? '');
  const slug = slugForName(name, r.slug || undefined);
  const deal = validDeal(r.deal || 'JP', deals);
  const stage = (r.stage || 'candidate').toLowerCase() as Stage;
  if (!STAGES.includes(stage)) throw new UserError('unknown_stage', { value: r.stage, allowed: STAGES.join(', ') });
  const p: NewProject = {
    slug,
    name,
    dealCode: deal.code,
    stage,
    costUsd: money('cost_usd'),
    sector: validText('sector', r.sector ?? ''),
    sponsor: validText('sponsor', r.sponsor ?? ''),
    location: validText('location', r.location ?? ''),
    announcedOn: date('announced_on'),
    noticeOn: date('notice_on'),
    noticeDueOn: date('notice_due_on'),
    calendar: validCalendar(r.calendar ?? ''),
    fundedOn: date('funded_on'),
    fundedUsd: money('funded_usd'),
    declinedOn: date('declined_on'),
    withdrawnOn: date('withdrawn_on'),
    closedReason: validText('closed_reason', r.closed_reason ?? ''),
    channelId: validChannel(r.channel_id ?? ''),
  };
  if ((stage === 'selected' || stage === 'funded' || stage === 'declined') && !p.noticeOn) {
    throw new UserError('invalid_value', { key: 'notice_on', value: '', reason: `a ${stage} project needs its notice date` });
  }
  if (p.calendar) registry.get(p.calendar);
  // The due date is derived (notice + clock days, or the notice's own date), never trusted from the file.
  p.dueOn = effectiveDueOn({ noticeOn: p.noticeOn ?? null, noticeDueOn: p.noticeDueOn ?? null, calendar: p.calendar ?? null }, deal, registry);
  return p;
}
