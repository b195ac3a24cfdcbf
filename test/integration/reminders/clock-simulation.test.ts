import { describe, expect } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import { readClock } from '../../../src/domain/clock.ts';
import { milestonesUntil, parseMilestoneKey } from '../../../src/reminders/milestones.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { createSender } from '../../../src/reminders/sender.ts';
import { engineName, newWorkspaceId } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { checkDay, days, FAST, ledger, posts, quiet, run, settings, slackPoster } from './setup.ts';

const calendar = new CalendarRegistry().get('US-FRB+JP-BANK');

describe(`a whole clock, day by day (${engineName})`, () => {
  it('posts every milestone once, on its date, never on a closed day; funding cancels the rest', async ({ db, fake }) => {
    fake.reset();
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Texas GulfLink" deal=JP channel=C0TEXAS');
    // The worked example (README, "Clock rules"): notice Tue 2026-02-17 → due Thu 2026-04-23 on US-FRB+JP-BANK.
    await run(db, ws, 'select texas-gulflink notice=2026-02-17');
    const poster = slackPoster(fake);
    const postedOn = new Map<string, string>();
    for (const day of days('2026-02-17', '2026-05-29')) {
      const before = posts(fake).length;
      // The hourly pass runs several times a day; only the first can post anything.
      await checkDay(db, ws, poster, day);
      await checkDay(db, ws, poster, day);
      for (const p of posts(fake).slice(before)) postedOn.set(p.text, day);
      if (!calendar.isOpen(day)) expect(posts(fake).length, `nothing on closed day ${day}`).toBe(before);
    }
    const rows = (await ledger(db, ws)).filter((r) => r.kind === 'milestone');
    const keys = rows.map((r) => r.milestone);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(milestonesUntil({ noticeOn: '2026-02-17', dueOn: '2026-04-23', calendar }, '2026-05-29').map((m) => m.key));
    expect(keys.slice(0, 13)).toEqual([
      'remaining:30',
      'remaining:15',
      'remaining:10',
      'remaining:5',
      'remaining:3',
      'remaining:2',
      'remaining:1',
      'remaining:0',
      'overdue:1',
      'overdue:2',
      'overdue:3',
      'overdue:4',
      'overdue:5',
    ]);
    expect(keys).toContain('overdue-week:1');
    // Each milestone went out on the day the clock reads it.
    for (const r of rows) {
      expect(r.status).toBe('sent');
      expect(calendar.isOpen(r.fires_on)).toBe(true);
      const reading = readClock('2026-02-17', '2026-04-23', r.fires_on, calendar);
      const m = parseMilestoneKey(r.milestone!)!;
      if (m.kind === 'remaining') expect(reading.remaining, r.milestone!).toBe(m.n);
      if (m.kind === 'overdue') expect(reading.overdueBy, r.milestone!).toBe(m.n);
      if (m.kind === 'overdue-week') expect(reading.overdueBy).toBe(5 + 5 * m.n);
    }
    // 2026-04-29 (Showa Day) is closed in Tokyo: overdue:4 moves to the next open day.
    expect(rows.find((r) => r.milestone === 'overdue:4')!.fires_on).toBe('2026-04-30');
    expect(rows.find((r) => r.milestone === 'remaining:0')!.fires_on).toBe('2026-04-23');
    // One Slack post per ledger row, to the project's channel, carrying its ledger id.
    const all = posts(fake);
    expect(all).toHaveLength(rows.length);
    expect(all.every((p) => p.channel === 'C0TEXAS')).toBe(true);
    expect(all.map((p) => p.ledgerId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect([...postedOn.values()]).toEqual(rows.map((r) => r.fires_on));
    const dueDay = fake.callsTo('chat.postMessage').find((c) => String(c.args.text).includes('due today'))!;
    expect(JSON.stringify(dueDay.args.blocks)).toContain('project_fund');
    expect(JSON.stringify(dueDay.args.blocks)).toContain('project_show');
    expect(JSON.stringify(dueDay.args.blocks)).toContain('US-FRB+JP-BANK');

    // Funding stops the clock: a reminder already planned for that day is cancelled.
    const next = milestonesUntil({ noticeOn: '2026-02-17', dueOn: '2026-04-23', calendar }, '2026-07-31').find((m) => m.firesOn > '2026-05-29')!;
    const planned = await reconcile(db, next.firesOn, null, settings(ws));
    expect(planned.milestones).toBe(1);
    await run(db, ws, `fund texas on=${next.firesOn}`, next.firesOn);
    const after = posts(fake).length;
    const sent = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws] }).run(next.firesOn);
    expect(sent).toMatchObject({ sent: 0, cancelled: 1 });
    for (const day of days(next.firesOn, '2026-07-10')) await checkDay(db, ws, slackPoster(fake), day);
    expect(posts(fake)).toHaveLength(after);
    const last = await ledger(db, ws);
    expect(last[last.length - 1]!.status).toBe('cancelled');
  });

  it('re-plans when the due date moves, and reconcile cancels what was pending for the old date', async ({ db, fake }) => {
    fake.reset();
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Ohio Cells" deal=JP channel=C0OHIO001');
    await run(db, ws, 'select ohio-cells notice=2026-02-17');
    // 2026-03-11 is 30 business days before the 04-23 due date.
    const first = await reconcile(db, '2026-03-11', null, settings(ws));
    expect(first.milestones).toBe(1);
    await run(db, ws, 'edit ohio-cells due=2026-04-30', '2026-03-11');
    const second = await reconcile(db, '2026-03-11', null, settings(ws));
    expect(second.cancelled).toBe(1);
    const rows = await ledger(db, ws);
    expect(rows.map((r) => [r.milestone, r.status])).toEqual([['remaining:30', 'cancelled']]);
    // The new plan's 30-days-left falls later; nothing from before the move is caught up.
    await checkDay(db, ws, slackPoster(fake), '2026-03-12');
    for (const day of days('2026-03-13', '2026-03-20')) await checkDay(db, ws, slackPoster(fake), day);
    const sent = (await ledger(db, ws)).filter((r) => r.status === 'sent');
    expect(sent.map((r) => r.milestone)).toEqual(['remaining:30']);
    expect(readClock('2026-02-17', '2026-04-30', sent[0]!.fires_on, calendar).remaining).toBe(30);
  });

  it('waits for the reminder time of the workspace day', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Early Bird" deal=JP channel=C0EARLY01');
    await run(db, ws, 'select early-bird notice=2026-02-17');
    expect(await reconcile(db, '2026-03-11', 8 * 60 + 59, settings(ws))).toMatchObject({ planned: false, milestones: 0 });
    expect(await reconcile(db, '2026-03-11', 9 * 60, settings(ws))).toMatchObject({ planned: true, milestones: 1 });
  });
});
