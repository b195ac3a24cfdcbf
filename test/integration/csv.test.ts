import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, describe, expect } from 'vitest';
import type { CommandContext } from '../../src/usecases/context.ts';
import { executeCommand } from '../../src/commands/router.ts';
import { exportAudit } from '../../src/csv/audit-csv.ts';
import { CSV_COLUMNS, exportProjects, importProjects, importProjectsCsv } from '../../src/csv/projects-csv.ts';
import type { Database } from '../../src/db/database.ts';
import type { Store } from '../../src/db/store.ts';
import { UserError } from '../../src/core/errors.ts';
import type { Project } from '../../src/domain/project.ts';
import { renderText } from '../../src/replies/render-text.ts';
import { testContext, workspaceSnapshot } from '../helpers/db.ts';
import { it } from '../helpers/fixtures.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealclock-csv-'));

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
});

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;

/** A CSV with a header of `columns` and one line per row. */
function csvOf(rows: Row[], columns: readonly string[] = ['name', 'deal', 'stage', 'cost_usd', 'sector', 'notice_on']): string {
  return stringify([columns as string[], ...rows.map((r) => columns.map((c) => (r as Record<string, string>)[c] ?? ''))]);
}

function manyRows(n: number, bad?: { at: number; row: Row }): Row[] {
  return Array.from({ length: n }, (_, i) => {
    if (bad && i + 1 === bad.at) return bad.row;
    const k = i + 1;
    return k % 3 === 0
      ? { name: `Project ${k}`, deal: 'KR', stage: 'selected', cost_usd: `${k}M`, sector: 'shipbuilding', notice_on: '2026-02-17' }
      : { name: `Project ${k}`, deal: 'JP', stage: 'candidate', cost_usd: String(k * 1000), sector: 'energy' };
  });
}

async function importError(ctx: CommandContext, text: string | Uint8Array): Promise<UserError> {
  const err = await importProjectsCsv(ctx, text, 'projects.csv').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).code).toBe('csv_invalid');
  return err as UserError;
}

async function allProjects(ctx: CommandContext): Promise<Project[]> {
  return (await ctx.store.projects.list({ limit: 100_000 })).projects;
}

async function run(ctx: CommandContext, text: string): Promise<void> {
  const reply = await executeCommand(text, ctx);
  if (reply.isError) throw new Error(`${text} → ${renderText(reply)}`);
}

describe('importProjectsCsv', () => {
  it('imports rows after the existing projects, derives due dates, and audits each project', async ({ db }) => {
    const ctx = testContext(db);
    await run(ctx, 'add "Existing One" deal=JP');
    const columns = ['name', 'slug', 'deal', 'stage', 'cost_usd', 'calendar', 'notice_on', 'notice_due_on', 'due_on', 'channel_id'];
    const text = csvOf(
      [
        { name: 'Texas GulfLink', deal: 'JP', stage: 'selected', cost_usd: '2.1B', notice_on: '2026-02-17', due_on: '2030-01-01' },
        { name: 'Westinghouse AP1000', slug: 'ap1000', deal: 'jp', stage: 'selected', calendar: 'us-frb', notice_on: '2026-02-17' },
        { name: 'Philly Shipyard', deal: 'KR', stage: 'selected', notice_on: '2026-03-02', notice_due_on: '2026-07-01' },
        { name: 'Alaska LNG', stage: '', cost_usd: '$44bn', channel_id: 'C0123ABCDE' },
      ],
      columns,
    );
    expect(await importProjectsCsv(ctx, text, 'projects.csv')).toBe(4);
    const got = await allProjects(ctx);
    expect(got.map((p) => [p.number, p.slug, p.dealCode, p.stage])).toEqual([
      [1, 'existing-one', 'JP', 'candidate'],
      [2, 'texas-gulflink', 'JP', 'selected'],
      [3, 'ap1000', 'JP', 'selected'],
      [4, 'philly-shipyard', 'KR', 'selected'],
      [5, 'alaska-lng', 'JP', 'candidate'],
    ]);
    // The README's worked example; the file's due_on is not trusted.
    expect(got[1]).toMatchObject({ noticeOn: '2026-02-17', dueOn: '2026-04-23', costUsd: 2_100_000_000, calendar: null });
    expect(got[2]).toMatchObject({ calendar: 'US-FRB', dueOn: '2026-04-21' });
    // A funding date named in the notice is the due date.
    expect(got[3]).toMatchObject({ noticeDueOn: '2026-07-01', dueOn: '2026-07-01' });
    expect(got[4]).toMatchObject({ costUsd: 44_000_000_000, channelId: 'C0123ABCDE', dueOn: null, noticeOn: null });

    const { rows } = await db.query<{ action: string; subject: string; after: { file: string } }>(
      "SELECT action, subject, after FROM audit_event WHERE workspace_id = $1 AND action = 'project.import' ORDER BY project_id",
      [ctx.workspaceId],
    );
    expect(rows.map((r) => r.subject)).toEqual(['texas-gulflink', 'ap1000', 'philly-shipyard', 'alaska-lng']);
    expect(rows.every((r) => r.after.file === 'projects.csv')).toBe(true);
  });

  it('is all or nothing: a bad row 500 of 1,000 changes nothing and names its line', async ({ db }) => {
    const ctx = testContext(db);
    await run(ctx, 'add "Before Import" deal=KR cost=600M');
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    const text = csvOf(manyRows(1000, { at: 500, row: { name: 'Bad Cost', deal: 'JP', cost_usd: 'abc' } }));
    const err = await importError(ctx, text);
    // Row 500 is on line 501: the header is line 1.
    expect(err.userMessage()).toMatch(/^projects\.csv, line 501: .*`abc` is not an amount.*Nothing was imported\.$/s);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });

  it('is all or nothing when the database fails after the first batch was written', async ({ db }) => {
    const ctx = testContext(db);
    await run(ctx, 'add "Before Import" deal=KR cost=600M');
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    let batches = 0;
    const failing: CommandContext = {
      ...ctx,
      write: <T>(fn: (store: Store) => Promise<T>) =>
        ctx.write((store) =>
          fn({
            ...store,
            projects: {
              ...store.projects,
              insertMany: async (...args: Parameters<Store['projects']['insertMany']>) => {
                if (++batches === 2) throw new Error('connection lost');
                return store.projects.insertMany(...args);
              },
            },
          }),
        ),
    };
    await expect(importProjectsCsv(failing, csvOf(manyRows(2500)), 'big.csv')).rejects.toThrow('connection lost');
    expect(batches).toBe(2);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
    // And the same file imports whole afterwards.
    expect(await importProjectsCsv(ctx, csvOf(manyRows(2500)), 'big.csv')).toBe(2500);
    expect(await ctx.store.projects.count()).toBe(2501);
  });

  it.for<[string, Row, RegExp]>([
    ['an unknown deal', { name: 'X', deal: 'CN' }, /There is no deal `CN`\. Deals: JP, KR/],
    ['a bad date', { name: 'X', stage: 'selected', notice_on: '2026-02-30' }, /`2026-02-30` is not a date/],
    ['a date out of range', { name: 'X', stage: 'selected', notice_on: '1999-12-31' }, /outside the dates/],
    ['an unknown stage', { name: 'X', stage: 'overdue' }, /`overdue` is not a stage/],
    ['a selected project without a notice date', { name: 'X', stage: 'selected' }, /a selected project needs its notice date/],
    ['an empty name', { name: '  ', deal: 'JP' }, /name is not usable: it is empty/],
    ['a bad amount', { name: 'X', cost_usd: '-5' }, /`-5` is not an amount/],
  ])('refuses %s, naming the line', async ([_what, bad, message], { db }) => {
    const ctx = testContext(db);
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    const rows: Row[] = [{ name: 'Good One' }, { name: 'Good Two', deal: 'KR' }, bad, { name: 'Good Four' }];
    const err = await importError(ctx, csvOf(rows));
    expect(err.userMessage()).toMatch(/^projects\.csv, line 4: /);
    expect(err.userMessage()).toMatch(message);
    expect(err.userMessage()).toMatch(/Nothing was imported\.$/);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });

  it('refuses bad calendars and channels, naming the line', async ({ db }) => {
    const ctx = testContext(db);
    const columns = ['name', 'calendar', 'channel_id'];
    expect((await importError(ctx, csvOf([{ name: 'A' }, { name: 'B', calendar: 'XX-BANK' }], columns))).userMessage()).toMatch(
      /line 3: `XX-BANK` is not a calendar/,
    );
    expect((await importError(ctx, csvOf([{ name: 'A', channel_id: 'general' }], columns))).userMessage()).toMatch(/line 2: `channel=general` is not valid/);
    expect(await ctx.store.projects.count()).toBe(0);
  });

  it('counts physical lines, so a quoted field spanning lines does not shift the numbers', async ({ db }) => {
    const ctx = testContext(db);
    // As Excel writes it: CRLF between rows, LF for a line break inside a cell.
    const text = 'name,sector,cost_usd\r\n"Good One","multi\nline, ""quoted"" sector",1B\r\n\r\nGood Two,energy,2B\r\nBad Three,energy,lots\r\n';
    expect((await importError(ctx, text)).userMessage()).toMatch(/^projects\.csv, line 6: `lots` is not an amount/);
    const lf = 'name,sector,cost_usd\n"Good One","multi\nline",1B\nBad Two,energy,lots\n';
    expect((await importError(ctx, lf)).userMessage()).toMatch(/^projects\.csv, line 4: /);
  });

  it('refuses a slug that appears twice in the file, naming both lines', async ({ db }) => {
    const ctx = testContext(db);
    const text = csvOf([{ name: 'Texas GulfLink' }, { name: 'Alaska LNG' }, { name: 'Ohio Power' }, { name: 'Texas  Gulflink!' }], ['name']);
    const message = (await importError(ctx, text)).userMessage();
    expect(message).toMatch(/line 5:/);
    expect(message).toMatch(/texas-gulflink/);
    expect(message).toMatch(/also on line 2/);
    // An explicit slug collides with a derived one too.
    const explicit = csvOf([{ name: 'Ohio Power' }, { name: 'Other', slug: 'ohio-power' }], ['name', 'slug']);
    expect((await importError(ctx, explicit)).userMessage()).toMatch(/line 3: .*ohio-power.*also on line 2/);
    expect(await ctx.store.projects.count()).toBe(0);
  });

  it('refuses a slug that already exists in the workspace, naming the line', async ({ db }) => {
    const ctx = testContext(db);
    await run(ctx, 'add "Alaska LNG" deal=JP');
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    const err = await importError(ctx, csvOf([{ name: 'New One' }, { name: 'New Two' }, { name: 'Alaska LNG' }], ['name']));
    expect(err.userMessage()).toMatch(/line 4: a project with the slug `alaska-lng` already exists/);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
    // Another workspace has its own slugs.
    expect(await importProjectsCsv(testContext(db), csvOf([{ name: 'Alaska LNG' }], ['name']))).toBe(1);
  });

  it('refuses a header with an unknown column, or without a name column', async ({ db }) => {
    const ctx = testContext(db);
    const unknown = await importError(ctx, 'name,deal,colour\nTexas GulfLink,JP,blue\n');
    expect(unknown.userMessage()).toMatch(/^projects\.csv, line 1: unknown column\(s\) colour; columns are number, slug, name,/);
    const nameless = await importError(ctx, 'slug,deal\ntexas-gulflink,JP\n');
    expect(nameless.userMessage()).toMatch(/line 1: the header has no `name` column/);
    expect(await ctx.store.projects.count()).toBe(0);
  });

  it('refuses a row with more fields than the header, naming the line', async ({ db }) => {
    const ctx = testContext(db);
    const err = await importError(ctx, 'name,deal\nA,JP\nB,JP\nC,JP,extra\n');
    expect(err.userMessage()).toMatch(/^projects\.csv, line 4: /);
    expect(await ctx.store.projects.count()).toBe(0);
  });

  it('tolerates a byte-order mark, CRLF line ends, blank lines and padding', async ({ db }) => {
    const ctx = testContext(db);
    const text = '\uFEFFname,deal,cost_usd\r\n  Texas GulfLink , JP ,2.1B\r\n\r\nAlaska LNG,KR,\r\n';
    expect(await importProjectsCsv(ctx, text)).toBe(2);
    const got = await allProjects(ctx);
    expect(got.map((p) => [p.slug, p.name, p.dealCode, p.costUsd])).toEqual([
      ['texas-gulflink', 'Texas GulfLink', 'JP', 2_100_000_000],
      ['alaska-lng', 'Alaska LNG', 'KR', null],
    ]);
  });

  it('imports an empty file, or a header alone, as nothing', async ({ db }) => {
    const ctx = testContext(db);
    expect(await importProjectsCsv(ctx, '')).toBe(0);
    expect(await importProjectsCsv(ctx, CSV_COLUMNS.join(',') + '\n')).toBe(0);
    expect(await ctx.store.projects.count()).toBe(0);
  });

  it('imports 5,000 rows numbered 1..5000 in file order', async ({ db }) => {
    const ctx = testContext(db);
    const rows = manyRows(5000);
    expect(await importProjectsCsv(ctx, csvOf(rows), 'big.csv')).toBe(5000);
    const got = await allProjects(ctx);
    expect(got).toHaveLength(5000);
    expect(got.map((p) => p.number)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
    expect(got.map((p) => p.name)).toEqual(rows.map((r) => r.name));
    expect(got[2]).toMatchObject({ slug: 'project-3', dealCode: 'KR', stage: 'selected', costUsd: 3_000_000, dueOn: expect.stringMatching(/^2026-04-/) });
    const { rows: audit } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1 AND action = 'project.import'", [
      ctx.workspaceId,
    ]);
    expect(audit[0]!.n).toBe(5000);
  }, 120_000);
});

describe('exportProjects → importProjects', () => {
  const comparable = (p: Project) => {
    const { id: _id, workspaceId: _ws, createdAt: _c, updatedAt: _u, ...rest } = p;
    return rest;
  };

  it('round-trips every field into another workspace, and exports the same bytes again', async ({ db }) => {
    const source = testContext(db, { today: '2026-03-02' });
    for (const command of [
      'add "Texas GulfLink" deal=JP cost=2.1B sector=energy sponsor=Glenfarne location="Nikiski, Alaska" announced=2026-01-10 channel=C0123ABCDE',
      'select texas-gulflink notice=2026-02-17',
      `add "Alaska LNG" deal=KR cost=44B sector='oil, "gas" & power' calendar=us-opm`,
      'select alaska-lng notice=2026-01-05 due=2026-06-30',
      'fund alaska-lng on=2026-03-01 amount=40.5B',
      'add "Philly Shipyard" deal=KR sponsor="Hanwha Ocean"',
      'shortlist philly-shipyard',
      'select philly-shipyard notice=2026-01-05',
      `decline philly-shipyard on=2026-02-01 reason='board said "no", for now'`,
      'add "Ohio Power" deal=JP',
      'withdraw ohio-power reason="sponsor left"',
      'add "テキサス・ガルフリンク" slug=tokyo-gas-fund location="東京"',
    ]) {
      await run(source, command);
    }
    const file = join(tmp, 'round-trip.csv');
    expect(await exportProjects(source, file)).toBe(5);
    const exported = readFileSync(file, 'utf8');
    expect(exported.split(/\r?\n/)[0]).toBe(CSV_COLUMNS.join(','));
    // A value with a comma and quotes is quoted, its quotes doubled.
    expect(exported).toContain('"oil, ""gas"" & power"');

    const target = testContext(db, { today: '2026-11-30' });
    expect(await importProjects(target, file)).toBe(5);
    const original = (await allProjects(source)).map(comparable);
    const copy = (await allProjects(target)).map(comparable);
    expect(original.map((p) => p.stage)).toEqual(['selected', 'funded', 'declined', 'withdrawn', 'candidate']);
    for (let i = 0; i < original.length; i++) expect(copy[i], `project ${original[i]!.slug}`).toEqual(original[i]);

    const again = join(tmp, 'round-trip-2.csv');
    expect(await exportProjects(target, again)).toBe(5);
    expect(readFileSync(again, 'utf8')).toBe(exported);
  });

  it('refuses to overwrite an existing file with a user error, leaving the file as it was', async ({ db }) => {
    const ctx = testContext(db);
    const file = join(tmp, 'existing.csv');
    writeFileSync(file, 'keep me\n');
    const err = await exportProjects(ctx, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).userMessage()).toMatch(/already exists/);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    const missing = await exportProjects(ctx, join(tmp, 'no-such-folder', 'x.csv')).catch((e: unknown) => e);
    expect((missing as UserError).userMessage()).toMatch(/folder does not exist/);
  });

  it('numbers lines right after a cell that holds a CRLF line break', async ({ db }) => {
    const ctx = testContext(db);
    const text = 'name,sector\r\n"A","two\r\nlines"\r\nB,x\r\nC,' + 'y'.repeat(300) + '\r\n';
    const err = await importProjectsCsv(ctx, text, 'crlf.csv').catch((e: unknown) => e);
    expect((err as UserError).userMessage()).toMatch(/crlf\.csv, line 5:/);
  });

  it('reports a missing file as a user error', async ({ db }) => {
    const ctx = testContext(db);
    const err = await importProjects(ctx, join(tmp, 'missing.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).userMessage()).toMatch(/Cannot read `.*missing\.csv`: no such file/);
  });
});

describe('CSV and spreadsheets: formulas are exported as text', () => {
  /** What a spreadsheet runs as a formula (OWASP): the cell's first character. */
  const FORMULA_START = /^[=+\-@\t\r]/;
  const formulaNames = ['=1+1', '+SUM(A1)', '-2+3', '@cmd', "'Ohana Fund", "'=literal"];

  async function formulaWorkspace(db: Database): Promise<CommandContext> {
    const ctx = testContext(db, { today: '2026-03-02' });
    for (const name of formulaNames) await run(ctx, `add "${name}" deal=JP cost=2.1B`);
    await run(ctx, `edit 1-1 sector="-5% growth" sponsor="@glenfarne" location="+81 Tokyo"`);
    await run(ctx, 'select sum-a1 notice=2026-02-17');
    await run(ctx, `decline sum-a1 on=2026-02-20 reason="=cancelled"`);
    return ctx;
  }

  it('writes each cell that starts with = + - @ with a leading apostrophe, quoted; numbers and dates stay as they are', async ({ db }) => {
    const ctx = await formulaWorkspace(db);
    const file = join(tmp, 'formulas.csv');
    expect(await exportProjects(ctx, file)).toBe(6);
    const exported = readFileSync(file, 'utf8');
    for (const text of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '-5% growth', '@glenfarne', '+81 Tokyo', '=cancelled']) {
      expect(exported, text).toContain(`,"'${text}",`);
    }
    // A name that begins with a real apostrophe and no formula is written as it is; one
    // that begins with an apostrophe and then a formula character gets one more.
    expect(exported).toContain(",'Ohana Fund,");
    expect(exported).toContain(`,"''=literal",`);
    // As a spreadsheet reads it: no cell starts a formula.
    const cells = (parse(exported) as string[][]).flat();
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
    // Money and numbers are digits, unquoted: a spreadsheet still sums them.
    expect(exported).toMatch(/^1,1-1,"'=1\+1",JP,candidate,2100000000,"'-5% growth","'@glenfarne","'\+81 Tokyo",/m);
    expect(exported).toMatch(/^2,sum-a1,"'\+SUM\(A1\)",JP,declined,2100000000,,,,,2026-02-17,,2026-04-23,,,,2026-02-20,,"'=cancelled",$/m);
  });

  it('imports an export into a fresh workspace with every such value exactly as it was, and exports the same bytes', async ({ db }) => {
    const source = await formulaWorkspace(db);
    const file = join(tmp, 'formulas-round-trip.csv');
    await exportProjects(source, file);
    expect(readFileSync(file, 'utf8')).toContain(`"'=1+1"`);
    const target = testContext(db, { today: '2026-11-30' });
    expect(await importProjects(target, file)).toBe(6);
    const copy = await allProjects(target);
    expect(copy.map((p) => p.name)).toEqual(formulaNames);
    expect(copy[0]).toMatchObject({ sector: '-5% growth', sponsor: '@glenfarne', location: '+81 Tokyo' });
    expect(copy[1]).toMatchObject({ stage: 'declined', closedReason: '=cancelled' });
    const again = join(tmp, 'formulas-round-trip-2.csv');
    await exportProjects(target, again);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(file, 'utf8'));
  });

  it('marks a value that starts with a tab or a carriage return too', async ({ db }) => {
    const ctx = testContext(db);
    await run(ctx, 'add "Tab Name" deal=JP');
    await run(ctx, 'add "CR Name" deal=JP');
    // No command stores such a name (names fold whitespace); data from elsewhere might.
    await db.query('UPDATE project SET name = $1 WHERE workspace_id = $2 AND slug = $3', ['\tx', ctx.workspaceId, 'tab-name']);
    await db.query('UPDATE project SET name = $1 WHERE workspace_id = $2 AND slug = $3', ['\rx', ctx.workspaceId, 'cr-name']);
    const file = join(tmp, 'tab-cr.csv');
    await exportProjects(ctx, file);
    const exported = readFileSync(file, 'utf8');
    expect(exported).toContain(`,tab-name,"'\tx",`);
    expect(exported).toContain(`,cr-name,"'\rx",`);
    expect((parse(exported) as string[][]).map((r) => r[2])).toEqual(['name', "'\tx", "'\rx"]);
    // Read back, the apostrophe goes and the name folds its whitespace as `add` does.
    const target = testContext(db);
    expect(await importProjects(target, file)).toBe(2);
    expect((await allProjects(target)).map((p) => p.name)).toEqual(['x', 'x']);
  });

  it('writes audit cells the same way: text that could be a formula marked, ids and JSON as they are', async ({ db }) => {
    const ctx = testContext(db, { userId: '@U1' });
    await run(ctx, 'add "=1+1" deal=JP');
    await ctx.write((store) => store.audit.record({ ...ctx.actor, channelId: '-C1' }, { action: 'note', subject: '+SUM(A1)', before: { n: -1 } }));
    const file = join(tmp, `audit-${ctx.workspaceId}.csv`);
    expect(await exportAudit(ctx, file)).toBe(2);
    const exported = readFileSync(file, 'utf8');
    const rows = parse(exported, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.actor, r.channel_id, r.action, r.subject, r.before])).toEqual([
      ["'@U1", '', 'project.add', '1-1', ''],
      ["'@U1", "'-C1", 'note', "'+SUM(A1)", '{"n":-1}'],
    ]);
    expect(JSON.parse(rows[0]!.after!).name).toBe('=1+1');
    expect(exported).toMatch(/^\d+,\d{4}-\d\d-\d\dT[^,]+,\w+,"'@U1",shell,"'-C1",note,,"'\+SUM\(A1\)",/m);
    expect((parse(exported) as string[][]).flat().filter((c) => FORMULA_START.test(c))).toEqual([]);
  });

  it('keeps an apostrophe a hand-written file puts before anything but a formula character', async ({ db }) => {
    const ctx = testContext(db);
    expect(await importProjectsCsv(ctx, "name,slug,sector\n'Ohana Fund,ohana,'80s revival\n\"'=x\",x,\"''+y\"\n")).toBe(2);
    expect((await allProjects(ctx)).map((p) => [p.name, p.sector])).toEqual([
      ["'Ohana Fund", "'80s revival"],
      ['=x', "'+y"],
    ]);
  });
});

describe('CSV import refuses what the slash command refuses', () => {
  const columns = ['name', 'deal', 'stage', 'cost_usd', 'sector', 'notice_on'];
  const rowsWith = (cell: Row): Row[] => [{ name: 'Good One' }, { name: 'Good Two', deal: 'KR' }, { name: 'Bad Three', ...cell }, { name: 'Good Four' }];

  it.for<[string, string, RegExp]>([
    ['a NUL byte', 'energy\u0000', /U\+0000 \(NUL\), a control character/],
    ['an ESC sequence', '\u001b[31menergy\u001b[0m', /U\+001B \(ESC, which starts terminal escape codes\)/],
    ['a BEL', 'energy\u0007', /U\+0007 \(BEL\)/],
    ['a C1 next line', 'ener\u0085gy', /U\+0085 \(next line\)/],
    ['a C1 CSI', '\u009b31menergy', /U\+009B \(CSI/],
    ['a right-to-left override', 'energy\u202Etxt.exe', /U\+202E, a bidi control/],
    ['a first-strong isolate', '\u2068energy\u2069', /U\+2068, a bidi control/],
    ['a zero-width space', 'ener\u200Bgy', /U\+200B \(zero-width space\), an invisible character/],
    ['a zero-width joiner between letters', 'ener\u200Dgy', /U\+200D \(zero-width joiner\)/],
    ['a word joiner', 'ener\u2060gy', /U\+2060 \(word joiner\)/],
    ['a byte-order mark inside a value', 'ener\uFEFFgy', /U\+FEFF/],
  ])('refuses %s, naming the line and column, and imports nothing', async ([_what, sector, reason], { db }) => {
    const ctx = testContext(db);
    await run(ctx, 'add "Existing" deal=JP');
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    const text = csvOf(rowsWith({ sector }), columns);
    for (const input of [text, Buffer.from(text)]) {
      const message = (await importError(ctx, input)).userMessage();
      expect(message).toMatch(/^projects\.csv, line 4, column 5 \(`sector`\): it contains /);
      expect(message).toMatch(reason);
      expect(message).toMatch(/Nothing was imported\.$/);
      // The message names the character; it never prints it.
      expect(message).not.toContain(sector);
      expect(message).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200D\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/);
    }
    const file = join(tmp, `hygiene-${ctx.workspaceId}.csv`);
    writeFileSync(file, text);
    const viaFile = await importProjects(ctx, file).catch((e: unknown) => e);
    expect((viaFile as UserError).userMessage()).toMatch(/line 4, column 5/);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });

  it('names the column of a character in the name, in a quoted multi-line cell, or in the header', async ({ db }) => {
    const ctx = testContext(db);
    expect((await importError(ctx, csvOf(rowsWith({ name: 'Bad\u001bThree' }), columns))).userMessage()).toMatch(/line 4, column 1 \(`name`\): .*U\+001B/);
    const multiLine = 'name,sector\n"Good, One","two\nlines"\n"Bad, Two","ok\nstill, ok, \u202E"\n';
    expect((await importError(ctx, multiLine)).userMessage()).toMatch(/^projects\.csv, line 5, column 2 \(`sector`\): .*U\+202E/);
    expect((await importError(ctx, 'name,sec\u200Btor\nA,b\n')).userMessage()).toMatch(/^projects\.csv, line 1, column 2: .*U\+200B/);
    expect(await ctx.store.projects.count()).toBe(0);
  });

  it('accepts emoji joined by zero-width joiners, and a byte-order mark at the start of the file', async ({ db }) => {
    const ctx = testContext(db);
    const text = '\uFEFFname,slug\n👨‍👩‍👧 Family Fund,family\n🏳️‍🌈 Pride Fund,pride\n👩🏽‍💻 Coders,coders\n';
    expect(await importProjectsCsv(ctx, Buffer.from(text), 'emoji.csv')).toBe(3);
    expect((await allProjects(ctx)).map((p) => p.name)).toEqual(['👨‍👩‍👧 Family Fund', '🏳️‍🌈 Pride Fund', '👩🏽‍💻 Coders']);
  });

  it.for<[string, Buffer, string]>([
    ['Latin-1', Buffer.concat([Buffer.from('name,sector\nGood One,energy\nCaf'), Buffer.from([0xe9]), Buffer.from(' Paris,food\n')]), 'E9'],
    // 東京ガス in Shift-JIS: 93 8C 8B 9E 83 4B 83 58.
    [
      'Shift-JIS',
      Buffer.concat([
        Buffer.from('name,slug\nGood One,good\nGood Two,two\n'),
        Buffer.from([0x93, 0x8c, 0x8b, 0x9e, 0x83, 0x4b, 0x83, 0x58]),
        Buffer.from(',tokyo-gas\n'),
      ]),
      '93',
    ],
  ])('refuses a %s file, naming the line of the first byte that is not UTF-8', async ([_what, bytes, byte], { db }) => {
    const ctx = testContext(db);
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    const line = bytes
      .subarray(
        0,
        bytes.findIndex((b) => b >= 0x80),
      )
      .toString()
      .split('\n').length;
    const file = join(tmp, `encoding-${ctx.workspaceId}.csv`);
    writeFileSync(file, bytes);
    for (const err of [await importProjects(ctx, file).catch((e: unknown) => e), await importProjectsCsv(ctx, bytes, file).catch((e: unknown) => e)]) {
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).userMessage()).toBe(
        `${file}, line ${line}: the file is not UTF-8 text (byte 0x${byte}); save it as "CSV UTF-8" and import it again. Nothing was imported.`,
      );
    }
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });
});
