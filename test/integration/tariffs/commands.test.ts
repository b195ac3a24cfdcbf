import { describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';

const TODAY = '2026-11-26';
const SOURCE = 'https://www.federalregister.gov/documents/2026/11/01/test';

async function run(db: Database, text: string, o: Parameters<typeof testContext>[1] & { workspaceId: string }) {
  const reply = await executeCommand(text, testContext(db, { today: TODAY, ...o }));
  return { reply, out: renderText(reply) };
}

/** The workspace's rows in every table, the tariff tables included. */
async function snapshot(db: Database, ws: string, options: { ignoreRefusals?: boolean } = {}): Promise<string> {
  const parts = [await workspaceSnapshot(db, ws, options)];
  for (const t of ['tariff_regime', 'import_baseline']) {
    parts.push(JSON.stringify((await db.query(`SELECT * FROM ${t} WHERE workspace_id = $1 ORDER BY id`, [ws])).rows));
  }
  // The built-in rows must never change for one workspace's sake.
  parts.push(JSON.stringify((await db.query('SELECT * FROM tariff_regime WHERE workspace_id IS NULL ORDER BY id')).rows));
  return parts.join('\n');
}

describe(`exposure answers (${engineName})`, () => {
  it('exposure JP: a US-dollar figure a year, the rows used with sources and dates, and the Section 122 warning', async ({ db }) => {
    const ws = newWorkspaceId();
    const { reply, out } = await run(db, 'exposure JP', { workspaceId: ws });
    expect(reply.isError).toBeFalsy();
    // 152.06bn × (25% − (3.3% + 10%)) = US$17.79bn.
    expect(out).toContain('about US$17.8bn a year in added duty');
    expect(out).toContain('as of Thu 2026-11-26');
    expect(out).toContain('threatened 25% − current 13.3% (MFN 3.3% (assumed) + 10%)');
    expect(out).toContain('Section 122 surcharge — Tue 2026-02-24 to Fri 2026-07-24');
    expect(out).toContain('https://www.thompsonhinesmartrade.com/2026/02/');
    expect(out).toContain('Section 232 (Proclamation 10908)');
    expect(out).toContain('https://www.govinfo.gov/content/pkg/FR-2025-09-16/html/2025-17908.htm');
    expect(out).toContain('Baseline all goods: US$152bn a year in 2024');
    expect(out).toContain('https://www.usimportdata.com/blogs/us-japan-trade-deal-deficit-top-imports-2025');
    expect(out).toContain('weak source');
    expect(out).toContain('one "all goods" row');
    expect(out).toContain('its imports are inside the all-goods row');
    expect(out).toContain('MFN assumption (other goods): 3.3% — ASSUMPTION');
    expect(out).toContain('The Section 122 surcharge row for other goods of JP ended on Fri 2026-07-24 and nothing newer is recorded');
    expect(reply.text).toBe('Tariff exposure as of 2026-11-26: JP: US$17.8bn a year');
  });

  it('no Section 122 warning while the surcharge is in force; the EO 14345 row before it', async ({ db }) => {
    const ws = newWorkspaceId();
    const during = await run(db, 'exposure JP as_of=2026-05-01', { workspaceId: ws });
    expect(during.out).not.toContain('ended on');
    expect(during.out).toContain('US$17.8bn a year');
    const before = await run(db, 'exposure JP as_of=2026-01-15', { workspaceId: ws });
    // 152.06bn × (25% − 15%).
    expect(before.out).toContain('US$15.2bn a year');
    expect(before.out).toContain('EO 14345');
  });

  it('every deal by default, and KR says where its rows come from', async ({ db }) => {
    const { out } = await run(db, 'exposure', { workspaceId: newWorkspaceId() });
    expect(out).toContain('JP — Japan');
    expect(out).toContain('KR — Korea: about US$15.8bn a year');
    expect(out).toContain('https://www.govinfo.gov/content/pkg/FR-2025-12-04/html/2025-21940.htm');
  });

  it('says "no data", not zero, before any regime starts', async ({ db }) => {
    const { reply, out } = await run(db, 'exposure KR as_of=2025-10-01', { workspaceId: newWorkspaceId() });
    expect(reply.isError).toBeFalsy();
    expect(out).toContain('no data');
    expect(out).not.toContain('US$0');
  });

  it('a scenario changes the answer and saves nothing', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, 'exposure JP', { workspaceId: ws });
    const before = await snapshot(db, ws);
    const { out } = await run(db, 'exposure JP threatened=30% mfn=2%', { workspaceId: ws });
    // 152.06bn × (30% − 12%) = US$27.4bn.
    expect(out).toContain('US$27.4bn a year');
    expect(out).toContain('(scenario)');
    expect(out).toContain('nothing was saved');
    expect(await snapshot(db, ws)).toBe(before);
    expect((await run(db, 'exposure JP', { workspaceId: ws })).out).toContain('US$17.8bn a year');
    const typo = await run(db, 'exposure JP rate=steal:5%', { workspaceId: ws });
    expect(typo.reply.isError).toBe(true);
    expect(typo.out).toContain('Categories: autos, other');
  });

  it('decline shows what the decline puts at stake; show does for a selected project', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, 'add "Texas GulfLink" deal=JP cost=2.1B', { workspaceId: ws });
    await run(db, 'select texas notice=2026-10-01', { workspaceId: ws });
    const shown = await run(db, 'show texas', { workspaceId: ws });
    expect(shown.out).toContain('Declining it would put at stake about US$17.8bn a year');
    const declined = await run(db, 'decline texas reason="offtake risk"', { workspaceId: ws });
    expect(declined.reply.isError).toBeFalsy();
    expect(declined.out).toContain(
      'This decline puts at stake about US$17.8bn a year in added duty on JP imports if the snap-back (25%) is applied — 8.5× its cost (US$2.1bn) every year',
    );
    expect(declined.out).toContain('1 data warning');
    const project = await run(db, 'exposure texas-gulflink', { workspaceId: ws });
    expect(project.out).toContain('Texas GulfLink (texas-gulflink, declined, US$2.1bn)');
  });
});

describe(`tariff and baseline updates (${engineName})`, () => {
  const setOther = (extra = '') =>
    `tariff set JP other current=MFN+10% mfn=2.5% mfn_source="test figure" threatened=25% basis="Section 122 surcharge, extended" from=2026-07-25 source=${SOURCE} ${extra}`;

  it('are refused for non-admins, and nothing is written', async ({ db }) => {
    const ws = newWorkspaceId();
    // The workspace exists already (a refusal is recorded against it, and nothing else).
    await run(db, 'list', { workspaceId: ws });
    await db.query('INSERT INTO workspace (id) VALUES ($1) ON CONFLICT DO NOTHING', [ws]);
    const before = await snapshot(db, ws, { ignoreRefusals: true });
    for (const cmd of [setOther(), `baseline set JP autos 56bn year=2025 source=${SOURCE}`]) {
      const { reply, out } = await run(db, cmd, { workspaceId: ws, isAdmin: false });
      expect(reply.isError).toBe(true);
      expect(out).toContain('Only the workspace admins can');
    }
    expect(await snapshot(db, ws, { ignoreRefusals: true })).toBe(before);
    const refusals = await db.query("SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1 AND action = 'permission.refused'", [ws]);
    expect(refusals.rows[0]!.n).toBe(2);
  });

  it('keep history: the open row is closed the day before, never overwritten; each change is audited', async ({ db }) => {
    const ws = newWorkspaceId();
    const first = await run(db, setOther(), { workspaceId: ws });
    expect(first.reply.isError).toBeFalsy();
    expect(first.out).toContain('No open regime needed closing');
    const second = await run(db, `tariff set JP other current=20% threatened=25% basis="Section 301" from=2027-01-01 source=${SOURCE} reliability=primary`, {
      workspaceId: ws,
    });
    expect(second.reply.isError).toBeFalsy();
    expect(second.out).toContain('The previous regime now ends on Thu 2026-12-31');
    const { rows } = await db.query(
      'SELECT rate_kind, rate, assumed_mfn_rate, effective_from, effective_to, reliability FROM tariff_regime WHERE workspace_id = $1 ORDER BY id',
      [ws],
    );
    expect(
      rows.map((r) => [
        r.rate_kind,
        Number(r.rate),
        r.assumed_mfn_rate === null ? null : Number(r.assumed_mfn_rate),
        r.effective_from,
        r.effective_to,
        r.reliability,
      ]),
    ).toEqual([
      ['mfn_plus', 10, 2.5, '2026-07-25', '2026-12-31', 'reliable'],
      ['flat', 20, null, '2027-01-01', null, 'primary'],
    ]);
    const audit = await db.query('SELECT action, subject, before, after FROM audit_event WHERE workspace_id = $1 ORDER BY id', [ws]);
    expect(audit.rows.map((r) => [r.action, r.subject])).toEqual([
      ['tariff.set', 'JP/other'],
      ['tariff.set', 'JP/other'],
    ]);
    expect(audit.rows[1]!.before).toMatchObject({ effectiveFrom: '2026-07-25', effectiveTo: '2026-12-31' });

    // Now the 2026-11-26 answer uses the workspace row, with no stale-row warning.
    const answer = await run(db, 'exposure JP', { workspaceId: ws });
    expect(answer.out).toContain('current 12.5% (MFN 2.5% (assumed) + 10%)');
    expect(answer.out).not.toContain('nothing newer is recorded');
    const history = await run(db, 'tariffs JP', { workspaceId: ws });
    expect(history.out).toContain('Section 122 surcharge, extended — Sat 2026-07-25 to Thu 2026-12-31');
    expect(history.out).toContain('Section 122 surcharge — Tue 2026-02-24 to Fri 2026-07-24');

    // A regime may not start on or before the latest one.
    const backwards = await run(db, `tariff set JP other current=5% threatened=25% basis=x from=2027-01-01 source=${SOURCE}`, { workspaceId: ws });
    expect(backwards.reply.isError).toBe(true);
    expect(backwards.out).toContain('must start after it');
  });

  it('record a "max(MFN, x)" regime; its MFN rate is required', async ({ db }) => {
    const ws = newWorkspaceId();
    const missing = await run(db, `tariff set KR other current=max(MFN,12.5%) threatened=25% basis="Section 301" from=2026-07-25 source=${SOURCE}`, {
      workspaceId: ws,
    });
    expect(missing.reply.isError).toBe(true);
    expect(missing.out).toContain('tariff set needs mfn=');
    const ok = await run(
      db,
      `tariff set KR other current="max(MFN, 12.5%)" mfn=3.3% mfn_source="WTO simple average (assumption)" threatened=25% basis="Section 301 forced labour" from=2026-07-25 source=${SOURCE} reliability=primary`,
      { workspaceId: ws },
    );
    expect(ok.reply.isError).toBeFalsy();
    expect(ok.out).toContain('max(MFN, 12.5%) (12.5% with the assumed MFN 3.3%)');
    const { rows } = await db.query('SELECT rate_kind, rate, assumed_mfn_rate FROM tariff_regime WHERE workspace_id = $1', [ws]);
    expect(rows.map((r) => [r.rate_kind, Number(r.rate), Number(r.assumed_mfn_rate)])).toEqual([['mfn_max', 12.5, 3.3]]);
    // 135.46bn × (25% − 12.5%) = US$16.9bn.
    const answer = await run(db, 'exposure KR', { workspaceId: ws });
    expect(answer.out).toContain('about US$16.9bn a year');
    expect(answer.out).toContain('current 12.5% (max(MFN 3.3% (assumed), 12.5%))');
  });

  it('end a built-in row for this workspace only; the shared row is unchanged', async ({ db }) => {
    const ws = newWorkspaceId();
    const other = newWorkspaceId();
    const before = JSON.stringify((await db.query('SELECT * FROM tariff_regime WHERE workspace_id IS NULL ORDER BY id')).rows);
    const set = await run(db, `tariff set JP autos current=25% threatened=25% basis="Section 232 snap-back" from=2026-12-01 source=${SOURCE}`, {
      workspaceId: ws,
    });
    expect(set.out).toContain('now ends on Mon 2026-11-30 for this workspace');
    expect(JSON.stringify((await db.query('SELECT * FROM tariff_regime WHERE workspace_id IS NULL ORDER BY id')).rows)).toBe(before);
    expect((await run(db, 'tariffs JP as_of=2026-12-01', { workspaceId: ws })).out).toContain('ended early in this workspace');
    expect((await run(db, 'tariffs JP as_of=2026-12-01', { workspaceId: other })).out).not.toContain('Section 232 snap-back');
  });

  it.for<[string, string, string]>([
    ['a rate of 250%', `tariff set JP other current=250% threatened=25% basis=x from=2026-12-01 source=${SOURCE}`, 'between 0% and 200%'],
    ['a threatened rate of 250%', `tariff set JP other current=15% threatened=250% basis=x from=2026-12-01 source=${SOURCE}`, 'between 0% and 200%'],
    ['a date before 2000', `tariff set JP other current=15% threatened=25% basis=x from=1999-12-31 source=${SOURCE}`, 'outside the dates'],
    ['a non-http source', 'tariff set JP other current=15% threatened=25% basis=x from=2026-12-01 source=ftp://example.gov/x', 'http(s) URL'],
    ['a source that is not a URL', 'tariff set JP other current=15% threatened=25% basis=x from=2026-12-01 source=federalregister', 'http(s) URL'],
    ['MFN + x without the MFN', `tariff set JP other current=MFN+10% threatened=25% basis=x from=2026-12-01 source=${SOURCE}`, 'mfn='],
    ['a missing basis', `tariff set JP other current=15% threatened=25% from=2026-12-01 source=${SOURCE}`, 'basis='],
    ['a baseline year before 1990', `baseline set JP all 150bn year=1989 source=${SOURCE}`, 'a year from 1990 to 2026'],
    ['a baseline year after this year', `baseline set JP all 150bn year=2027 source=${SOURCE}`, 'a year from 1990 to 2026'],
    ['a baseline with a non-http source', 'baseline set JP all 150bn year=2025 source=mailto:x@example.gov', 'http(s) URL'],
    ['a baseline amount that is not money', `baseline set JP all lots year=2025 source=${SOURCE}`, 'is not an amount'],
  ])('refuse %s with nothing written', async ([_what, cmd, message], { db }) => {
    const ws = newWorkspaceId();
    const before = await snapshot(db, ws);
    const { reply, out } = await run(db, cmd, { workspaceId: ws });
    expect(reply.isError).toBe(true);
    expect(out).toContain(message);
    expect(await snapshot(db, ws)).toBe(before);
  });

  it('baseline set adds a row that exposure uses, taken out of the all-goods row', async ({ db }) => {
    const ws = newWorkspaceId();
    const set = await run(db, `baseline set JP autos 56bn year=2024 source=${SOURCE} basis="HS 87, customs value"`, { workspaceId: ws });
    expect(set.reply.isError).toBeFalsy();
    const audit = await db.query('SELECT action, subject FROM audit_event WHERE workspace_id = $1', [ws]);
    expect(audit.rows).toEqual([{ action: 'baseline.set', subject: 'JP/autos/2024' }]);
    const { out } = await run(db, 'exposure JP', { workspaceId: ws });
    // Autos 56bn × (25 − 15)% = 5.6bn; the rest 96.06bn × 11.7% = 11.24bn; total 16.84bn.
    expect(out).toContain('autos and parts: US$56bn of imports (2024): threatened 25% − current 15% = 10% → US$5.6bn a year');
    expect(out).toContain('about US$16.8bn a year');
    // Another workspace still sees only the built-in data.
    expect((await run(db, 'exposure JP', { workspaceId: newWorkspaceId() })).out).toContain('about US$17.8bn a year');
  });
});
