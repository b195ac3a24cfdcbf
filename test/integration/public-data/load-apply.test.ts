/**
 * Public data in a workspace, on a real database: the first load (once, whatever the
 * number of processes; none with DEALCLOCK_PUBLIC_DATA=off), exposure on today's regimes,
 * and `data apply` of a newer pack (adds, changes what nobody edited, reports conflicts,
 * audits, and changes nothing the second time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { isUserError } from '../../../src/core/errors.ts';
import type { Database } from '../../../src/db/database.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { applyText } from '../../../src/replies/public-data.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { loadPublicDataOnce } from '../../../src/usecases/public-data/first-load.ts';
import { SHIPPED_PACK_FILE } from '../../../src/usecases/public-data/pack.ts';
import { applyPackFile, publicDataStatus } from '../../../src/usecases/public-data/status.ts';
import { engineName, newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { shippedPack, writePackFile, type Json } from '../../helpers/packs.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealclock-public-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
});

const TODAY = '2026-11-30';

async function run(db: Database, ws: string, text: string, today = TODAY) {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, today }));
  return { reply, out: renderText(reply) };
}

async function loaded(db: Database): Promise<string> {
  const ws = newWorkspaceId();
  expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: true })).toBe('loaded');
  return ws;
}

/** Every row the workspace has, the public-data tables included. */
async function snapshot(db: Database, ws: string): Promise<string> {
  const parts = [await workspaceSnapshot(db, ws)];
  for (const t of ['tariff_regime', 'import_baseline', 'project_event']) {
    parts.push(JSON.stringify((await db.query(`SELECT * FROM ${t} WHERE workspace_id = $1 ORDER BY id`, [ws])).rows));
  }
  parts.push(JSON.stringify((await db.query('SELECT * FROM public_record WHERE workspace_id = $1 ORDER BY kind, key', [ws])).rows));
  parts.push(JSON.stringify((await db.query('SELECT * FROM public_source WHERE workspace_id = $1 ORDER BY key', [ws])).rows));
  parts.push(JSON.stringify((await db.query('SELECT * FROM public_data_state WHERE workspace_id = $1', [ws])).rows));
  return parts.join('\n');
}

async function count(db: Database, table: string, ws: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [ws]);
  return rows[0]!.n;
}

function writePack(name: string, edit: (pack: Json) => void): string {
  const pack = shippedPack();
  edit(pack);
  return writePackFile(dir, name, pack);
}

describe(`the first load (${engineName})`, () => {
  it('loads the pack once, even when two processes start at the same moment', async ({ db }) => {
    const ws = newWorkspaceId();
    const results = await Promise.all([
      loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: true }),
      loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: true }),
    ]);
    expect(results.sort()).toEqual(['already', 'loaded']);
    const counts = async () =>
      Promise.all(['project', 'project_event', 'tariff_regime', 'import_baseline', 'calendar_override', 'audit_event'].map((t) => count(db, t, ws)));
    const first = await counts();
    expect(first.slice(0, 5)).toEqual([8, 25, 16, 2, 2]);
    const before = await snapshot(db, ws);
    // A second start: nothing loaded twice, nothing written.
    expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: true })).toBe('already');
    expect(await snapshot(db, ws)).toBe(before);
    const { rows } = await db.query('SELECT status, pack_version, pack_as_of FROM public_data_state WHERE workspace_id = $1', [ws]);
    expect(rows).toEqual([{ status: 'loaded', pack_version: '2026.11.09.1', pack_as_of: '2026-11-09' }]);
  });

  it('loads nothing with DEALCLOCK_PUBLIC_DATA=off, and nothing later either', async ({ db }) => {
    const ws = newWorkspaceId();
    expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws }), { enabled: false })).toBe('off');
    expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws }), { enabled: true })).toBe('already');
    expect(await count(db, 'project', ws)).toBe(0);
    expect(await count(db, 'tariff_regime', ws)).toBe(0);
    expect((await run(db, ws, 'list')).out).toContain('No projects yet');
  });

  it('a public project behaves like any other: it can be edited, and the closures close US-OPM', async ({ db }) => {
    const ws = await loaded(db);
    const edit = await run(db, ws, 'edit bwrx cost=35bn');
    expect(edit.reply.isError).toBeFalsy();
    const show = await run(db, ws, 'show bwrx');
    expect(show.out).toContain('US$35bn');
    expect(show.out).not.toContain('up to US$35bn');
    const registry = await testContext(db, { workspaceId: ws }).calendars();
    expect(registry.get('US-OPM').isOpen('2025-12-24')).toBe(false);
    expect(registry.get('US-OPM').isOpen('2025-12-26')).toBe(false);
    expect(registry.get('US-FRB').isOpen('2025-12-24')).toBe(true);
  });
});

describe(`answers from a fresh install (${engineName})`, () => {
  let ws: string;
  it.beforeAll(async ({ db }) => {
    ws = await loaded(db);
  });

  it('list shows the announced projects with their costs, "up to" amounts marked, as public record', async ({ db }) => {
    const { out } = await run(db, ws, 'list');
    expect(out).toContain('Portsmouth Powered Land Project portsmouth-powered-land · funded · JP · US$33bn · public record');
    expect(out).toContain('bwrx-300-smr · shortlisted · JP · up to US$40bn');
    expect(out).toContain('about US$600m');
    expect(out).toContain('Public data as of Mon 2026-11-09 (pack 2026.11.09.1)');
  });

  it('show lists the dated events with their sources and labels, and says which notice date is used and why', async ({ db }) => {
    const { out } = await run(db, ws, 'show portsmouth');
    expect(out).toContain('Dated events');
    expect(out).toContain('Fri 2026-05-01 — Financing signed: JBIC and private banks signed loan agreements');
    expect(out).toContain('(reported; NHK 2026-05-01');
    expect(out).toContain('Tue 2026-02-17 — Announced');
    expect(out).toContain('https://newsdig.tbs.co.jp/articles/withbloomberg/2477116');
    expect(out).toContain('Notice date — estimated');
    expect(out).toContain('No formal notice date is public');
    expect(out.indexOf('Dated events')).toBeGreaterThan(out.indexOf('Notice received'));
  });

  it('exposure on 2026-11-30 uses the forced-labour §301 row, max(MFN, 12.5%), with no "no regime covers today" warning', async ({ db }) => {
    const jp = await run(db, ws, 'exposure JP');
    // US$148.2bn × (25% − max(3.3%, 12.5%)) = US$18.525bn.
    expect(jp.out).toContain('about US$18.5bn a year');
    expect(jp.out).toContain('threatened 25% − current 12.5% (max(MFN 3.3% (assumed), 12.5%)) = 12.5%');
    expect(jp.out).toContain('Section 301 forced-labour tariff');
    expect(jp.out).toContain('autos and parts (15%)');
    expect(jp.out).toContain('pharma (15%)');
    expect(jp.out).toContain('MFN assumption (other goods): 3.3% — Estimated. ASSUMPTION');
    expect(jp.out).not.toMatch(/no .*regime .*covers|nothing newer is recorded|ended on/);
    expect(jp.out).toContain('Public data as of Mon 2026-11-09');
    const kr = await run(db, ws, 'exposure KR');
    // US$131.5bn × 12.5% = US$16.44bn.
    expect(kr.out).toContain('about US$16.4bn a year');
    expect(kr.out).toContain('HTS 9903.05.70/.71');
    expect(kr.out).not.toMatch(/no .*regime .*covers|nothing newer is recorded|ended on/);
  });

  it('exposure as of 2026-03-01 answers on the Section 122 row, MFN + 10%', async ({ db }) => {
    const jp = await run(db, ws, 'exposure JP as_of=2026-03-01');
    // US$148.2bn × (25% − (3.3% + 10%)) = US$17.34bn.
    expect(jp.out).toContain('about US$17.3bn a year');
    expect(jp.out).toContain('current 13.3% (MFN 3.3% (assumed) + 10%)');
    expect(jp.out).toContain('Section 122 surcharge');
    const kr = await run(db, ws, 'exposure KR as_of=2026-03-01');
    // US$131.5bn × 11.7% = US$15.39bn.
    expect(kr.out).toContain('about US$15.4bn a year');
  });

  it('warns when the public data is older than 60 days', async ({ db }) => {
    const fresh = await run(db, ws, 'exposure JP', '2027-01-08');
    expect(fresh.out).not.toContain('days old');
    const stale = await run(db, ws, 'exposure JP', '2027-01-09');
    expect(stale.out).toContain('The public data is 61 days old (as of Mon 2026-11-09');
    expect((await run(db, ws, 'list', '2027-01-09')).out).toContain('61 days old');
  });

  it('/invest data shows the pack version and as-of date', async ({ db }) => {
    const { out } = await run(db, ws, 'data');
    expect(out).toContain('This workspace has pack 2026.11.09.1, as of Mon 2026-11-09.');
    expect(out).toContain('applying it would change nothing');
  });
});

describe(`data apply (${engineName})`, () => {
  it('adds what is new, changes what nobody edited, reports conflicts, audits under the pack, and changes nothing the second time', async ({ db }) => {
    const ws = await loaded(db);
    // Someone in the workspace corrects the sponsor of Texas GulfLink.
    expect((await run(db, ws, 'edit texas sponsor="Sentinel Midstream LLC"')).reply.isError).toBeFalsy();
    const file = writePack('newer.json', (pack) => {
      pack.version = '2026.12.01';
      pack.asOf = '2026-12-01';
      const j2 = pack.projects.find((p: Json) => p.id === 'J2');
      j2.cost.value = 2_300_000_000;
      j2.sponsor.value = 'Sentinel Midstream Partners';
      const j1 = pack.projects.find((p: Json) => p.id === 'J1');
      j1.events.push({
        id: 'J1-phase-1',
        kind: 'update',
        date: '2026-11-20',
        summary: 'First 800 MW phase: construction started.',
        label: 'reported',
        source: 'doe-2026-03-20',
      });
    });
    const ctx = testContext(db, { workspaceId: ws, today: TODAY, userId: 'ops' });

    const dry = await applyPackFile(ctx, file, { dryRun: true });
    const before = await snapshot(db, ws);
    const status = renderText(
      (await import('../../../src/replies/public-data.ts')).statusReply(translator('en'), await publicDataStatus(ctx, file), TODAY, 'newer.json'),
    );
    expect(status).toContain('newer.json: pack 2026.12.01, as of Tue 2026-12-01.');
    expect(status).toContain('project texas-gulflink: cost US$2.1bn → US$2.3bn');
    expect(status).toContain('project texas-gulflink: sponsor Sentinel Midstream LLC → Sentinel Midstream Partners — changed in this workspace; left as it is');
    expect(await snapshot(db, ws)).toBe(before);

    const result = await applyPackFile(ctx, file);
    expect(result.added.map((c) => c.what)).toEqual(['event 2026-11-20 update of portsmouth-powered-land']);
    expect(result.changed.map((c) => [c.what, c.field, c.from, c.to])).toEqual([['project texas-gulflink', 'cost', 2_100_000_000, 2_300_000_000]]);
    expect(result.conflicts.map((c) => [c.what, c.field, c.from, c.to])).toEqual([
      ['project texas-gulflink', 'sponsor', 'Sentinel Midstream LLC', 'Sentinel Midstream Partners'],
    ]);
    expect(dry.changed).toEqual(result.changed);
    const text = applyText(translator('en'), result, 'newer.json', false);
    expect(text).toContain('New events (1):');
    expect(text).toContain('Conflicts, left as they are (1):');
    expect(text).toContain('The audit trail names pack 2026.12.01.');

    const { rows } = await db.query('SELECT cost_usd, sponsor FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'texas-gulflink']);
    expect(rows).toEqual([{ cost_usd: 2_300_000_000, sponsor: 'Sentinel Midstream LLC' }]);
    const audit = await db.query("SELECT actor, source, action FROM audit_event WHERE workspace_id = $1 AND actor = 'public data 2026.12.01' ORDER BY id", [
      ws,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['project.public-update', 'project.public-event', 'data.apply']);
    const history = await run(db, ws, 'history texas');
    expect(history.out).toContain('public data 2026.12.01 (shell): updated it from public data 2026.12.01: costUsd 2100000000 → 2300000000');
    expect((await run(db, ws, 'show portsmouth')).out).toContain('Fri 2026-11-20 — Update: First 800 MW phase');
    expect((await run(db, ws, 'data')).out).toContain('This workspace has pack 2026.12.01');

    // The same pack again: nothing changes, not even the audit trail.
    const after = await snapshot(db, ws);
    const again = await applyPackFile(ctx, file);
    expect(again.upToDate).toBe(true);
    expect(again.changed).toEqual([]);
    expect(again.conflicts).toHaveLength(1); // the sponsor conflict is still reported …
    expect(applyText(translator('en'), again, 'newer.json', false)).toContain('Nothing to change');
    expect(await snapshot(db, ws)).toBe(after); // … but nothing is written.
  });

  it('refuses a bad pack and an older pack, naming the file; the database is unchanged', async ({ db }) => {
    const ws = await loaded(db);
    const ctx = testContext(db, { workspaceId: ws, today: TODAY });
    const before = await snapshot(db, ws);
    const bad = writePack('bad.json', (pack) => {
      pack.projects[0].deal = 'XX';
      pack.regimes[0].to = '2020-01-01';
    });
    const refused = await applyPackFile(ctx, bad).catch((e: unknown) => e);
    expect(isUserError(refused) && refused.userMessage()).toMatch(
      /bad\.json is not a valid public-data pack; nothing was changed\.\n• projects\[0\]\.deal: unknown deal `XX`/,
    );
    expect((refused as Error).message).toContain('regimes[0].to: ends before it starts (2025-09-16)');
    const older = writePack('older.json', (pack) => {
      pack.version = '2026.10.01';
      pack.asOf = '2026-10-01';
    });
    const old = await applyPackFile(ctx, older).catch((e: unknown) => e);
    expect(isUserError(old) && old.code).toBe('pack_older');
    expect(await snapshot(db, ws)).toBe(before);
  });

  it('an existing workspace (before public data) gets the pack only from data apply; a taken slug is a conflict', async ({ db }) => {
    const ws = newWorkspaceId();
    const ctx = testContext(db, { workspaceId: ws, today: TODAY });
    expect((await run(db, ws, 'add "Texas GulfLink" cost=2B')).reply.isError).toBeFalsy();
    await db.query("INSERT INTO public_data_state (workspace_id, status) VALUES ($1, 'existing')", [ws]);
    expect(await loadPublicDataOnce(ctx, { enabled: true })).toBe('already');
    const result = await applyPackFile(ctx, SHIPPED_PACK_FILE);
    expect(String(result.conflicts.find((c) => c.key === 'J2')?.reason)).toContain('already in this workspace');
    expect(result.added.filter((c) => c.kind === 'project')).toHaveLength(7);
    const { rows } = await db.query('SELECT cost_usd FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'texas-gulflink']);
    expect(rows).toEqual([{ cost_usd: 2_000_000_000 }]);
  });
});
