import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBaselines } from '../../../src/csv/baselines-csv.ts';
import type { Database } from '../../../src/db/database.ts';
import { isUserError } from '../../../src/core/errors.ts';
import { engineName, newWorkspaceId, openTestDatabase, testContext, workspaceSnapshot } from '../../helpers/db.ts';

let db: Database;
const dir = mkdtempSync(join(tmpdir(), 'dealclock-baselines-'));
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function rows(ws: string) {
  return (await db.query('SELECT deal_code, category, annual_usd, year, basis, source_url FROM import_baseline WHERE workspace_id = $1 ORDER BY id', [ws])).rows;
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
  it('imports a good file, each row audited', async () => {
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
    expect(await rows(ws)).toEqual([
      { deal_code: 'JP', category: 'autos', annual_usd: 56_000_000_000, year: 2024, basis: 'HS 87, customs value', source_url: 'https://dataweb.usitc.gov/' },
      { deal_code: 'KR', category: 'all', annual_usd: 131_500_000_000, year: 2025, basis: 'general imports', source_url: 'https://www.census.gov/foreign-trade/balance/c5800.html' },
    ]);
    const audit = await db.query('SELECT action FROM audit_event WHERE workspace_id = $1', [ws]);
    expect(audit.rows.map((r) => r.action)).toEqual(['baseline.set', 'baseline.set']);
  });

  it.each([
    ['a non-http source', 'JP,autos,56bn,2024,ftp://example.gov/x,', 'line 3', 'http(s) URL'],
    ['an unknown deal', 'XX,autos,56bn,2024,https://example.gov/x,', 'line 3', 'There is no deal'],
    ['a year before 1990', 'JP,autos,56bn,1989,https://example.gov/x,', 'line 3', 'a year from 1990'],
    ['a bad amount', 'JP,autos,lots,2024,https://example.gov/x,', 'line 3', 'is not an amount'],
    ['an empty category', 'JP,,56bn,2024,https://example.gov/x,', 'line 3', 'category'],
  ])('refuses a file with %s, names its line and imports nothing', async (_what, badRow, line, reason) => {
    const ws = newWorkspaceId();
    const path = file(`bad-${Math.random()}.csv`, ['deal,category,annual_usd,year,source_url,basis', 'KR,all,131bn,2025,https://example.gov/ok,', badRow].join('\n'));
    const before = await workspaceSnapshot(db, ws);
    const message = await failure(importBaselines(testContext(db, { workspaceId: ws, today: '2026-11-26' }), path));
    expect(message).toContain(`, ${line}:`);
    expect(message).toContain(reason);
    expect(message).toContain('Nothing was imported');
    expect(await rows(ws)).toEqual([]);
    expect(await workspaceSnapshot(db, ws)).toBe(before);
  });

  it('refuses unknown columns and a missing file', async () => {
    const ws = newWorkspaceId();
    const ctx = testContext(db, { workspaceId: ws, today: '2026-11-26' });
    expect(await failure(importBaselines(ctx, file('cols.csv', 'deal,category,usd,year,source_url\nJP,all,1bn,2024,https://x.gov/\n')))).toContain('line 1: unknown column(s) usd');
    expect(await failure(importBaselines(ctx, join(dir, 'missing.csv')))).toContain('no such file');
    expect(await failure(importBaselines(testContext(db, { workspaceId: ws, isAdmin: false }), file('ok.csv', 'deal,category,annual_usd,year,source_url\nJP,all,1bn,2024,https://x.gov/\n')))).toContain('Only');
    expect(await rows(ws)).toEqual([]);
  });
});
