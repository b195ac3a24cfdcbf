/**
 * The batched import (projects and their audit events in one statement per batch, the
 * file parsed in pieces and the next batch validated while one is written): audit
 * contents, a slug already taken in a later batch, which error wins when two batches are
 * bad, and text that spans the pieces.
 */
import { stringify } from 'csv-stringify/sync';
import { describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { importProjectsCsv } from '../../../src/csv/projects-csv.ts';
import { UserError } from '../../../src/core/errors.ts';
import { testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';

/** `n` rows named `Row 1` … (slugs `row-1` …), optionally with cells replaced on some rows. */
function csv(n: number, replace: Record<number, Record<string, string>> = {}): string {
  const rows = Array.from({ length: n }, (_, i) => ({ name: `Row ${i + 1}`, deal: 'JP', cost_usd: '', ...replace[i + 1] }));
  return stringify([['name', 'deal', 'cost_usd'], ...rows.map((r) => [r.name, r.deal, r.cost_usd])]);
}

async function importError(ctx: ReturnType<typeof testContext>, text: string | Uint8Array): Promise<string> {
  const err = await importProjectsCsv(ctx, text, 'big.csv').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).userMessage();
}

describe('import batches', () => {
  it('writes one audit event per project with the actor, the channel and the file', async ({ db }) => {
    const ctx = testContext(db, { userId: 'UIMPORTER', source: 'cli', channelId: 'C0IMPORT1' });
    expect(await importProjectsCsv(ctx, csv(2500), 'big.csv')).toBe(2500);
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT a.actor, a.source, a.channel_id, a.action, a.subject, a.before, a.after, p.slug, p.number
       FROM audit_event a JOIN project p ON p.id = a.project_id WHERE a.workspace_id = $1 ORDER BY a.id`,
      [ctx.workspaceId],
    );
    expect(rows).toHaveLength(2500);
    expect(rows[2100]).toEqual({
      actor: 'UIMPORTER',
      source: 'cli',
      channel_id: 'C0IMPORT1',
      action: 'project.import',
      subject: 'row-2101',
      before: null,
      after: { file: 'big.csv' },
      slug: 'row-2101',
      number: 2101,
    });
    expect(rows.every((r) => r.subject === r.slug && r.number === Number(String(r.slug).slice(4)))).toBe(true);
  });

  it('refuses a slug the workspace already has in a later batch, naming its line, and keeps nothing', async ({ db }) => {
    const ctx = testContext(db);
    await executeCommand('add "Row 2300" deal=KR', ctx);
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    expect(await importError(ctx, csv(2500))).toMatch(/^big\.csv, line 2301: a project with the slug `row-2300` already exists/);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });

  it('reports the earlier of two bad lines when the second is in the batch validated during the write', async ({ db }) => {
    const ctx = testContext(db);
    await executeCommand('add "Row 1500" deal=KR', ctx);
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    // Line 1501 clashes when batch 1 is written; line 2401 (batch 2) fails validation meanwhile.
    expect(await importError(ctx, csv(2500, { 2400: { cost_usd: 'lots' } }))).toMatch(/^big\.csv, line 1501: .*`row-1500` already exists/);
    expect(await importError(testContext(db), csv(2500, { 2400: { cost_usd: 'lots' } }))).toMatch(/^big\.csv, line 2401: `lots` is not an amount/);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });

  it('reads characters and quoted line breaks that straddle the 64 kB pieces the parser is fed', async ({ db }) => {
    const ctx = testContext(db);
    // ~90 bytes a row: well over 64 kB, so several rows cross a piece boundary mid-character.
    const rows = Array.from({ length: 3000 }, (_, i) => [`テキサス・ガルフリンク 第${i + 1}号`, `tx-${i + 1}`, `東京\n"大阪"、${i}`]);
    expect(await importProjectsCsv(ctx, stringify([['name', 'slug', 'location'], ...rows]), 'utf8.csv')).toBe(3000);
    const got = (await ctx.store.projects.list({ limit: 5000 })).projects;
    expect(got.map((p) => [p.name, p.slug])).toEqual(rows.map((r) => [r[0], r[1]]));
    // Text fields fold line breaks to spaces, as `add` does.
    expect(got[2999]!.location).toBe('東京 "大阪"、2999');
  });

  it('refuses malformed CSV after the first batch was written, naming the line, and keeps nothing', async ({ db }) => {
    const ctx = testContext(db);
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    const text = csv(2500).replace('Row 2200,', '"Row 2200" oops,');
    expect(await importError(ctx, text)).toMatch(/^big\.csv, line 2201: /);
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });

  it('refuses a control character or a byte that is not UTF-8 late in the file, before anything is written', async ({ db }) => {
    const ctx = testContext(db);
    const before = await workspaceSnapshot(db, ctx.workspaceId);
    // An OSC 8 terminal hyperlink in a name on line 2401; the rows before it are fine.
    const text = csv(2500, { 2400: { name: 'Row \u001b]8;;https://example.com\u0007link\u001b]8;;\u0007' } });
    expect(await importError(ctx, text)).toMatch(/^big\.csv, line 2401, column 1 \(`name`\): it contains U\+001B/);
    // A Latin-1 é on line 2301.
    expect(await importError(ctx, Buffer.from(csv(2500).replace('Row 2300,', 'Row 2300 caf\u00e9,'), 'latin1'))).toMatch(
      /^big\.csv, line 2301: the file is not UTF-8 text \(byte 0xE9\)/,
    );
    expect(await workspaceSnapshot(db, ctx.workspaceId)).toBe(before);
  });
});
