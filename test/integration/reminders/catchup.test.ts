import { describe, expect } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import { dueOnDay, milestonesUntil } from '../../../src/reminders/milestones.ts';
import { engineName, newWorkspaceId } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { checkDay, ledger, posts, run, slackPoster } from './setup.ts';

const calendar = new CalendarRegistry().get('US-FRB+JP-BANK');

describe('milestones (pure)', () => {
  it('collapses what fell after the last pass into one catch-up, and ignores what came before it', () => {
    const clock = { noticeOn: '2026-02-17', dueOn: '2026-04-23', calendar };
    // Last pass 2026-04-08; back on 2026-04-22: missed 10 (04-09), 5 (04-16), 3, 2; today 1.
    const due = dueOnDay(clock, '2026-04-22', '2026-04-08');
    expect(due).toMatchObject({ kind: 'catchup' });
    if (due?.kind !== 'catchup') throw new Error('expected a catch-up');
    expect(due.missed.map((m) => m.key)).toEqual(['remaining:10', 'remaining:5', 'remaining:3', 'remaining:2']);
    expect(due.current?.key).toBe('remaining:1');
    expect(dueOnDay(clock, '2026-04-22', '2026-04-21')).toMatchObject({ kind: 'milestone', milestone: { key: 'remaining:1' } });
    expect(dueOnDay(clock, '2026-04-22', undefined)).toMatchObject({ kind: 'milestone' });
    // Closed: Golden Week in Tokyo.
    expect(dueOnDay(clock, '2026-05-04', '2026-04-08')).toBeUndefined();
    // Configurable list; a short clock skips the milestones before its notice.
    expect(milestonesUntil({ ...clock, milestones: [50, 20] }, '2026-04-23').map((m) => m.key)).toEqual(['remaining:20']);
  });
});

describe(`down for ten business days (${engineName})`, () => {
  it('posts one catch-up per project naming the missed milestones, then carries on normally', async ({ db, fake }) => {
    fake.reset();
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Alpha Port" deal=JP channel=C0ALPHA01');
    await run(db, ws, 'select alpha-port notice=2026-02-17');
    await run(db, ws, 'add "Beta Grid" deal=JP channel=C0BETA001');
    await run(db, ws, 'select beta-grid notice=2026-02-24');
    const poster = slackPoster(fake);
    const lastUp = '2026-04-06';
    await checkDay(db, ws, poster, lastUp);
    const before = posts(fake).length;
    const back = calendar.advance(lastUp, 11);
    expect(calendar.openDaysBetween(lastUp, back) - 1).toBe(10);
    await checkDay(db, ws, poster, back);
    await checkDay(db, ws, poster, back);
    const catchups = posts(fake).slice(before);
    expect(catchups.map((p) => p.channel).sort()).toEqual(['C0ALPHA01', 'C0BETA001']);
    const alpha = catchups.find((p) => p.channel === 'C0ALPHA01')!;
    expect(alpha.text).toContain('missed reminders');
    const expected = milestonesUntil({ noticeOn: '2026-02-17', dueOn: '2026-04-23', calendar }, back).filter((m) => m.firesOn > lastUp);
    expect(expected.length).toBeGreaterThan(2);
    for (const m of expected.filter((x) => x.firesOn < back)) {
      const blocks = JSON.stringify(
        fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0ALPHA01' && String(c.args.text).includes('missed'))!.args.blocks,
      );
      expect(blocks).toContain(m.firesOn);
    }
    const rows = await ledger(db, ws);
    // Every missed milestone is on the ledger once, merged into its project's catch-up.
    const merged = rows.filter((r) => r.status === 'merged');
    expect(merged.map((r) => r.milestone)).toEqual(expect.arrayContaining(expected.map((m) => m.key)));
    expect(rows.filter((r) => r.kind === 'catchup').map((r) => r.status)).toEqual(['sent', 'sent']);
    // The next milestone goes out on its own.
    const next = milestonesUntil({ noticeOn: '2026-02-17', dueOn: '2026-04-23', calendar }, '2026-06-30').find((m) => m.firesOn > back)!;
    for (let d = calendar.advance(back, 1); d <= next.firesOn; d = calendar.advance(d, 1)) await checkDay(db, ws, poster, d);
    const last = posts(fake, 'C0ALPHA01').at(-1)!;
    expect(last.text).not.toContain('missed');
  });
});
