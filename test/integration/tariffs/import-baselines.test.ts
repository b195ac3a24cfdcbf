import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { importBaselines } from '../../../src/csv/baselines-csv.ts';
import { isUserError } from '../../../src/core/errors.ts';
import { engineName, newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealclock-baselines-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function rows(db: Database, ws: string) {
  return (await db.query('SELECT deal_code, category, annual_usd, year, basis, source_url FROM import_baseline WHERE workspace_id = $1 ORDER BY id', [ws]))
    .rows;
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isUserError(err)) return err.userMessage();
    throw err;
  }
  throw new Error('expected a refusal');
}

describe(`dealclock import-baselines (${engineName})`, () => {
  it('imports a good file, each row audited', async ({ db }) => {
    const ws = newWorkspaceId();
    const path = file(
      'good.csv',
      [
        'deal,category,annual_usd,year,source_url,basis',
        'JP,autos,56bn,2024,https://dataweb.usitc.gov/,"HS 87, customs value"',
        'KR,all,"US$131.5bn",2025,https://www.census.gov/foreign-trade/balance/c5800.html,general imports',
      ].join('\n'),
    );
    expect(await importBaselines(testContext(db, { workspaceId: ws, today: '2026-11-26' }), path)).toBe(2);
    expect(await rows(db, ws)).toEqual([
      { deal_code: 'JP', category: 'autos', annual_usd: 56_000_000_000, year: 2024, basis: 'HS 87, customs value', source_url: 'https://dataweb.usitc.gov/' },
      {
        deal_code: 'KR',
        category: 'all',
        annual_usd: 131_500_000_000,
        year: 2025,
        basis: 'general imports',
        source_url: 'https://www.census.gov/foreign-trade/balance/c5800.html',
      },
    ]);
    const audit = await db.query('SELECT action FROM audit_event WHERE workspace_id = $1', [ws]);
    expect(audit.rows.map((r) => r.action)).toEqual(['baseline.set', 'baseline.set']);
  });

  it.for([
    ['a non-http source', 'JP,autos,56bn,2024,ftp://example.gov/x,', 'line 3', 'http(s) URL'],
    ['an unknown deal', 'XX,autos,56bn,2024,https://example.gov/x,', 'line 3', 'There is no deal'],
    ['a year before 1990', 'JP,autos,56bn,1989,https://example.gov/x,', 'line 3', 'a year from 1990'],
    ['a bad amount', 'JP,autos,lots,2024,https://example.gov/x,', 'line 3', 'is not an amount'],
    ['an empty category', 'JP,,56bn,2024,https://example.gov/x,', 'line 3', 'category'],
  ])('refuses a file with %s, names its line and imports nothing', async ([_what, badRow, line, reason], { db }) => {
    const ws = newWorkspaceId();
    const path = file(
      `bad-${Math.random()}.csv`,
      ['deal,category,annual_usd,year,source_url,basis', 'KR,all,131bn,2025,https://example.gov/ok,', badRow].join('\n'),
    );
    const before = await workspaceSnapshot(db, ws);
    const message = await failure(importBaselines(testContext(db, { workspaceId: ws, today: '2026-11-26' }), path));
    expect(message).toContain(`, ${line}:`);
    expect(message).toContain(reason);
    expect(message).toContain('Nothing was imported');
    expect(await rows(db, ws)).toEqual([]);
    expect(await workspaceSnapshot(db, ws)).toBe(before);
  });

  it('refuses unknown columns and a missing file', async ({ db }) => {
    const ws = newWorkspaceId();
    const ctx = testContext(db, { workspaceId: ws, today: '2026-11-26' });
    expect(await failure(importBaselines(ctx, file('cols.csv', 'deal,category,usd,year,source_url\nJP,all,1bn,2024,https://x.gov/\n')))).toContain(
      'line 1: unknown column(s) usd',
    );
    expect(await failure(importBaselines(ctx, join(dir, 'missing.csv')))).toContain('no such file');
    expect(
      await failure(
        importBaselines(
          testContext(db, { workspaceId: ws, isAdmin: false }),
          file('ok.csv', 'deal,category,annual_usd,year,source_url\nJP,all,1bn,2024,https://x.gov/\n'),
        ),
      ),
    ).toContain('Only');
    expect(await rows(db, ws)).toEqual([]);
  });

  it.for([
    ['an ESC sequence', 'general imports \u001b[2J', 'U+001B'],
    ['a NUL byte', 'general\u0000imports', 'U+0000 (NUL)'],
    ['a bidi override', 'general \u202Eimports', 'U+202E, a bidi control'],
    ['a zero-width space', 'general\u200Bimports', 'U+200B (zero-width space)'],
  ])('refuses %s, naming the line and the column, and imports nothing', async ([_what, basis, reason], { db }) => {
    const ws = newWorkspaceId();
    const path = file(
      `hygiene-${Math.random()}.csv`,
      [
        'deal,category,annual_usd,year,source_url,basis',
        'KR,all,131bn,2025,https://example.gov/ok,fine',
        `JP,autos,56bn,2024,https://example.gov/x,${basis}`,
      ].join('\n'),
    );
    const before = await workspaceSnapshot(db, ws);
    const message = await failure(importBaselines(testContext(db, { workspaceId: ws, today: '2026-11-26' }), path));
    expect(message).toContain(', line 3, column 6 (`basis`): it contains ');
    expect(message).toContain(reason);
    expect(message).not.toContain(basis);
    expect(await rows(db, ws)).toEqual([]);
    expect(await workspaceSnapshot(db, ws)).toBe(before);
  });

  it('refuses a file that is not UTF-8, naming the line, and imports nothing', async ({ db }) => {
    const ws = newWorkspaceId();
    // "Société" in Latin-1 on line 3.
    const bytes = Buffer.from(
      'deal,category,annual_usd,year,source_url,basis\nKR,all,131bn,2025,https://example.gov/ok,\nJP,autos,56bn,2024,https://example.gov/x,Soci\u00e9t\u00e9\n',
      'latin1',
    );
    const message = await failure(importBaselines(testContext(db, { workspaceId: ws, today: '2026-11-26' }), file('latin1.csv', bytes)));
    expect(message).toContain(', line 3: the file is not UTF-8 text (byte 0xE9)');
    expect(await rows(db, ws)).toEqual([]);
  });

  it('reads a cell the export marked as text without its apostrophe, and keeps a BOM-prefixed header', async ({ db }) => {
    const ws = newWorkspaceId();
    const path = file(
      'marked.csv',
      '\uFEFFdeal,category,annual_usd,year,source_url,basis\nJP,autos,56bn,2024,https://example.gov/x,"\'-5% vs 2023"\nKR,all,1bn,2025,https://example.gov/y,\'Ohana\n',
    );
    expect(await importBaselines(testContext(db, { workspaceId: ws, today: '2026-11-26' }), path)).toBe(2);
    expect((await rows(db, ws)).map((r) => r.basis)).toEqual(['-5% vs 2023', "'Ohana"]);
  });
});
