import { describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';

async function run(db: Database, text: string, o: Parameters<typeof testContext>[1] & { workspaceId: string }) {
  const reply = await executeCommand(text, testContext(db, o));
  return { reply, out: renderText(reply) };
}

describe(`project lifecycle (${engineName})`, () => {
  it('adds, shortlists, selects, shows the clock, funds — with an audit event for each change', async ({ db }) => {
    const ws = newWorkspaceId();
    const o = { workspaceId: ws, today: '2026-03-02' };
    const added = await run(db, 'add "Texas GulfLink" deal=JP cost=2.1B sector=energy sponsor="Sentinel Midstream"', o);
    expect(added.reply.isError).toBeFalsy();
    expect(added.out).toContain('candidate');
    expect(added.out).toContain('US$2.1bn');

    expect((await run(db, 'shortlist texas', o)).out).toContain('shortlisted');
    const selected = await run(db, 'select texas-gulflink notice=2026-02-17', o);
    expect(selected.reply.isError).toBeFalsy();
    // The README's worked example: due Thu 2026-04-23 on the joint calendar, US-FRB gives Tue 2026-04-21.
    expect(selected.out).toContain('Thu 2026-04-23 on US-FRB+JP-BANK');
    expect(selected.out).toContain('US-FRB Tue 2026-04-21');
    // Open days in (02-17, 03-02] on US-FRB+JP-BANK: 18, 19, 20, 24, 25, 26, 27 Feb (23rd is the
    // Emperor's Birthday) and 2 Mar = 8; 45 − 8 = 37 left.
    expect(selected.out).toContain('day 8 of 45 · 37 business days left');

    const row = await db.query('SELECT stage, notice_on, due_on FROM project WHERE workspace_id = $1', [ws]);
    expect(row.rows[0]).toEqual({ stage: 'selected', notice_on: '2026-02-17', due_on: '2026-04-23' });

    const dueDay = await run(db, 'show texas-gulflink', { ...o, today: '2026-04-23' });
    expect(dueDay.out).toContain('due today');
    const late = await run(db, 'status', { ...o, today: '2026-04-28' });
    expect(late.out).toContain('overdue by 3 business days');

    const funded = await run(db, 'fund texas on=2026-04-20 amount=2.1B', o);
    expect(funded.reply.isError).toBeFalsy();
    expect(funded.out).toContain('funded');
    expect((await run(db, 'status', o)).out).toContain('No clock is running');

    const audit = await db.query('SELECT action, after FROM audit_event WHERE workspace_id = $1 ORDER BY id', [ws]);
    expect(audit.rows.map((r) => r.action)).toEqual(['project.add', 'project.stage', 'project.stage', 'project.stage']);
    expect(audit.rows[3]!.after).toMatchObject({ stage: 'funded', fundedOn: '2026-04-20', fundedUsd: 2_100_000_000 });
    const history = await run(db, 'history texas', o);
    expect(history.out).toContain('moved it to funded');
  });

  it('declines and withdraws with reasons, and keeps closed projects closed', async ({ db }) => {
    const ws = newWorkspaceId();
    const o = { workspaceId: ws, today: '2026-03-10' };
    await run(db, 'add "Portsmouth Powered Land" cost=US$33bn', o);
    await run(db, 'select portsmouth notice=2026-02-17', o);
    const declined = await run(db, 'decline portsmouth reason="offtake risk"', o);
    expect(declined.out).toContain('declined');
    expect(declined.out).toContain('offtake risk');
    await run(db, 'add "HPHT synthetic diamond grit" cost=600M', o);
    const withdrawn = await run(db, 'withdraw hpht reason="sponsor pulled out"', o);
    expect(withdrawn.out).toContain('withdrawn');
    const list = await run(db, 'list closed', o);
    expect(list.out).toContain('portsmouth-powered-land');
    expect(list.out).toContain('hpht-synthetic-diamond-grit');
  });

  const refused: [string, string[], string][] = [
    ['candidate → funded', [], 'fund p'],
    ['candidate → declined', [], 'decline p'],
    ['shortlisted → shortlisted', ['shortlist p'], 'shortlist p'],
    ['shortlisted → funded', ['shortlist p'], 'fund p'],
    ['selected → shortlisted', ['select p notice=2026-02-17'], 'shortlist p'],
    ['selected → selected', ['select p notice=2026-02-17'], 'select p notice=2026-02-18'],
    ['funded → declined', ['select p notice=2026-02-17', 'fund p'], 'decline p'],
    ['funded → withdrawn', ['select p notice=2026-02-17', 'fund p'], 'withdraw p'],
    ['declined → funded', ['select p notice=2026-02-17', 'decline p'], 'fund p'],
    ['declined → selected', ['select p notice=2026-02-17', 'decline p'], 'select p notice=2026-02-17'],
    ['withdrawn → shortlisted', ['withdraw p'], 'shortlist p'],
    ['withdrawn → selected', ['withdraw p'], 'select p notice=2026-02-17'],
  ];
  for (const [name, setup, attempt] of refused) {
    it(`refuses ${name} with a reason and changes nothing`, async ({ db }) => {
      const ws = newWorkspaceId();
      const o = { workspaceId: ws, today: '2026-03-10' };
      await run(db, 'add p', o);
      for (const s of setup) expect((await run(db, s, o)).reply.isError).toBeFalsy();
      const before = await workspaceSnapshot(db, ws);
      const { reply, out } = await run(db, attempt, o);
      expect(reply.isError).toBe(true);
      expect(out).toMatch(/cannot become/);
      expect(await workspaceSnapshot(db, ws)).toBe(before);
    });
  }

  const badInputs: [string, RegExp][] = [
    ['add', /needs a project name/],
    ['add "Texas GulfLink" cost=abc', /not an amount/],
    ['add "Texas GulfLink" deal=EU', /no deal EU/],
    ['add "Texas GulfLink" colour=red', /no option colour=/],
    ['add "Texas GulfLink" announced=2026-02-30', /not a date/],
    ['add "Texas GulfLink" channel=general', /#mention or its ID/],
    ['add "Texas GulfLink" calendar=US-XX', /not a calendar/],
    ['add "🚀"', /add slug=…/],
    ['add "Existing"', /already exists/],
    ['select existing', /notice was received/],
    ['select existing notice=tomorrowish', /not a date/],
    ['select nothing-like-it notice=2026-02-17', /No project matches/],
    ['edit existing', /Nothing to change/],
    ['edit existing stage=funded', /no option stage=/],
    ['edit existing notice=2026-02-17', /has no clock yet/],
    ['fund existing', /cannot become funded/],
    ['frobnicate', /I don't know frobnicate/],
    ['lsit', /Did you mean list/],
    ['add "unbalanced', /never closed/],
    ['add "x" sector=' + 'y'.repeat(300), /at most 200 characters/],
  ];
  for (const [text, message] of badInputs) {
    it(`answers \`${text.slice(0, 40)}\` with a clear error and changes nothing`, async ({ db }) => {
      const ws = newWorkspaceId();
      const o = { workspaceId: ws, today: '2026-03-10' };
      await run(db, 'add Existing', o);
      const before = await workspaceSnapshot(db, ws);
      const { reply, out } = await run(db, text, o);
      expect(reply.isError).toBe(true);
      expect(out).toMatch(message);
      expect(out).not.toMatch(/at .*\.ts:\d+/);
      expect(await workspaceSnapshot(db, ws)).toBe(before);
    });
  }

  it('re-plans the due date when the notice or the calendar changes', async ({ db }) => {
    const ws = newWorkspaceId();
    const o = { workspaceId: ws, today: '2026-03-10' };
    await run(db, 'add "Texas GulfLink"', o);
    await run(db, 'select texas notice=2026-02-17', o);
    await run(db, 'edit texas notice=2026-02-18', o);
    let due = await db.query('SELECT due_on FROM project WHERE workspace_id = $1', [ws]);
    expect(due.rows[0]!.due_on).toBe('2026-04-24');
    await run(db, 'edit texas calendar=US-FRB notice=2026-02-17', o);
    due = await db.query('SELECT due_on FROM project WHERE workspace_id = $1', [ws]);
    expect(due.rows[0]!.due_on).toBe('2026-04-21');
    const funding = await run(db, 'edit texas due=2026-04-01', o);
    expect(funding.reply.isError).toBeFalsy();
    due = await db.query('SELECT due_on FROM project WHERE workspace_id = $1', [ws]);
    expect(due.rows[0]!.due_on).toBe('2026-04-01');
  });

  it('warns when the notice names a funding date before the 45-business-day floor', async ({ db }) => {
    const ws = newWorkspaceId();
    const o = { workspaceId: ws, today: '2026-03-10' };
    await run(db, 'add "Texas GulfLink"', o);
    const { reply, out } = await run(db, 'select texas notice=2026-02-17 due=2026-04-01', o);
    expect(reply.isError).toBeFalsy();
    expect(out).toContain('before the 45-business-day floor Thu 2026-04-23');
  });

  it('moves running clocks when a calendar override closes a day, and records it', async ({ db }) => {
    const ws = newWorkspaceId();
    const o = { workspaceId: ws, today: '2026-03-10' };
    await run(db, 'add "Texas GulfLink"', o);
    await run(db, 'select texas notice=2026-02-17', o);
    const closed = await run(db, 'calendar close US-FRB 2026-03-19 reason="ad-hoc federal closure"', o);
    expect(closed.out).toContain('texas-gulflink: due Thu 2026-04-23 → Fri 2026-04-24');
    const cal = await run(db, 'calendar JP 2026', o);
    expect(cal.out).toContain('ad-hoc federal closure');
    await run(db, 'calendar reset US-FRB 2026-03-19', o);
    const due = await db.query('SELECT due_on FROM project WHERE workspace_id = $1', [ws]);
    expect(due.rows[0]!.due_on).toBe('2026-04-23');
    const audit = await db.query("SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1 AND action = 'calendar.override'", [ws]);
    expect(audit.rows[0]!.n).toBe(2);
  });

  it('refuses changes from a non-admin and still lets them read', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, 'add "Texas GulfLink"', { workspaceId: ws });
    const before = await workspaceSnapshot(db, ws);
    const o = { workspaceId: ws, isAdmin: false };
    for (const text of ['add "Other"', 'shortlist texas', 'edit texas cost=1B', 'calendar close US-FRB 2026-03-19 reason=x']) {
      const { reply, out } = await run(db, text, o);
      expect(reply.isError).toBe(true);
      expect(out).toMatch(/Only the workspace admins can/);
    }
    expect(await workspaceSnapshot(db, ws, { ignoreRefusals: true })).toBe(before);
    expect((await run(db, 'show texas', o)).reply.isError).toBeFalsy();
  });

  it('keeps workspaces apart', async ({ db }) => {
    const a = newWorkspaceId();
    const b = newWorkspaceId();
    await run(db, 'add "Texas GulfLink"', { workspaceId: a });
    expect((await run(db, 'show texas-gulflink', { workspaceId: b })).out).toContain('No project matches');
    expect((await run(db, 'list', { workspaceId: b })).out).toContain('No projects yet');
    expect((await run(db, 'add "Texas GulfLink"', { workspaceId: b })).reply.isError).toBeFalsy();
  });

  it('resolves #number, prefixes and names, and marks `share` replies', async ({ db }) => {
    const ws = newWorkspaceId();
    const o = { workspaceId: ws };
    await run(db, 'add "Texas GulfLink"', o);
    await run(db, 'add "Texas Refinery"', o);
    expect((await run(db, 'show #2', o)).out).toContain('texas-refinery');
    expect((await run(db, 'show texas', o)).out).toMatch(/matches several projects/);
    expect((await run(db, 'show "texas gulflink"', o)).out).toContain('texas-gulflink');
    const shared = await run(db, 'list share', o);
    expect(shared.reply.share).toBe(true);
  });

  it('uses the Slack channel a project was added from as its owner channel', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, 'add "Texas GulfLink"', { workspaceId: ws, source: 'slack', channelId: 'C0TOKYO01' });
    await run(db, 'add "Other" channel=<#C0SEOUL01|seoul>', { workspaceId: ws, source: 'slack', channelId: 'C0TOKYO01' });
    const rows = await db.query('SELECT slug, channel_id FROM project WHERE workspace_id = $1 ORDER BY number', [ws]);
    expect(rows.rows).toEqual([
      { slug: 'texas-gulflink', channel_id: 'C0TOKYO01' },
      { slug: 'other', channel_id: 'C0SEOUL01' },
    ]);
  });

  it('answers the deadline calculator on every calendar of the deal', async ({ db }) => {
    const { out } = await run(db, 'deadline 2026-02-17 deal=JP', { workspaceId: newWorkspaceId() });
    expect(out).toContain('Due Thu 2026-04-23 on US-FRB+JP-BANK');
    expect(out).toMatch(/US-FRB\s+Tue 2026-04-21 \(earlier\)/);
    expect(out).toMatch(/JP-BANK\s+Thu 2026-04-23/);
    const kr = await run(db, 'deadline 2026-02-17 deal=KR', { workspaceId: newWorkspaceId() });
    expect(kr.out).toContain('US-FRB+KR-BANK');
  });

  it('gives an apology with an error id, not a stack trace, when something breaks inside', async ({ db }) => {
    const lines: string[] = [];
    const { createLogger } = await import('../../../src/log.ts');
    const logger = createLogger({ level: 'error', write: (l) => lines.push(l) });
    const broken = { ...db, query: () => Promise.reject(new Error('connection reset')) } as unknown as Database;
    const reply = await executeCommand('list', testContext(broken, { logger }));
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(/error id [0-9a-f]{8}/);
    expect(reply.text).not.toContain('connection reset');
    expect(lines.join('\n')).toContain('connection reset');
  });
});
