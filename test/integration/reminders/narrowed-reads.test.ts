/**
 * The reconciler reads only the running clocks that can have something due (by due date,
 * `dueDatesWithReminders`), not every running clock. These tests hold that narrowing to
 * the rule: the due-date list against `dueOnDay` itself, and whole reconcile runs (gaps,
 * holidays, short funding dates, calendars of their own, an unknown calendar, small
 * pages) against the same runs reading every clock.
 */
import { describe, expect } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import type { BusinessCalendar } from '../../../src/calendar/business-calendar.ts';
import { addDays } from '../../../src/core/civil-date.ts';
import type { Database } from '../../../src/db/database.ts';
import { ensureWorkspace } from '../../../src/db/workspaces.ts';
import { DEFAULT_MILESTONES, dueDatesWithReminders, dueOnDay } from '../../../src/reminders/milestones.ts';
import { reconcile, type ReconcileResult } from '../../../src/reminders/reconcile.ts';
import { engineName, newWorkspaceId } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { days, settings } from './setup.ts';

const registry = new CalendarRegistry([{ calendar: 'JP-BANK', date: '2026-03-13', action: 'close', reason: 'test closure' }]);
const CALENDARS = ['US-FRB+JP-BANK', 'US-FRB+KR-BANK', 'US-OPM', 'JP-BANK'].map((id) => registry.get(id));

/** Every due date in [first, last] for which some clock (any notice) has something due: by brute force. */
function bruteForce(calendar: BusinessCalendar, milestones: readonly number[], today: string, mark: string | undefined, first: string, last: string): string[] {
  const out: string[] = [];
  for (let due = first; due <= last; due = addDays(due, 1)) {
    // The earliest notice drops nothing, so it has the most milestones of any notice.
    if (dueOnDay({ noticeOn: '1900-01-01', dueOn: due, calendar, milestones }, today, mark)) out.push(due);
  }
  return out;
}

describe('dueDatesWithReminders (pure)', () => {
  it('lists exactly the due dates dueOnDay has something for, whatever the watermark, calendar and milestones', () => {
    const todays = ['2026-03-02', '2026-03-16', '2026-03-20', '2026-04-30', '2026-05-07', '2026-05-06', '2026-12-28', '2027-01-04'];
    const lists = [DEFAULT_MILESTONES, [50, 20], [0], [], [1, 999]];
    let checked = 0;
    for (const calendar of CALENDARS) {
      for (const today of todays) {
        for (const mark of [undefined, addDays(today, -1), addDays(today, -6), addDays(today, -40), today, addDays(today, 3)]) {
          for (const milestones of lists) {
            const first = addDays(today, -400);
            const last = addDays(today, 200);
            const expected = bruteForce(calendar, milestones, today, mark, first, last);
            expect(dueDatesWithReminders(calendar, milestones, today, mark, first, last), `${calendar.id} ${today} ${mark} [${milestones.join(',')}]`).toEqual(
              expected,
            );
            checked += expected.length;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('covers every notice date: a clock with something due always has its due date listed', () => {
    const calendar = CALENDARS[0]!;
    const today = '2026-04-22';
    for (const mark of [undefined, '2026-04-08']) {
      const listed = new Set(dueDatesWithReminders(calendar, DEFAULT_MILESTONES, today, mark, '2025-01-01', '2026-12-31'));
      for (let notice = '2025-10-01'; notice <= today; notice = addDays(notice, 1)) {
        // The 45-day due date, and short funding dates the notice named.
        for (const due of [calendar.advance(notice, 45), addDays(notice, 10), addDays(notice, 30)]) {
          if (dueOnDay({ noticeOn: notice, dueOn: due, calendar }, today, mark)) expect(listed.has(due), `${notice} → ${due}`).toBe(true);
        }
      }
    }
  });

  it('is empty on a day the calendar is closed', () => {
    expect(dueDatesWithReminders(CALENDARS[0]!, DEFAULT_MILESTONES, '2026-03-14', undefined, '2025-01-01', '2026-12-31')).toEqual([]);
    expect(dueDatesWithReminders(CALENDARS[0]!, DEFAULT_MILESTONES, '2026-03-13', '2026-03-01', '2025-01-01', '2026-12-31')).toEqual([]);
  });
});

/**
 * The same projects in a workspace: notices spread over months on both deals, some with a
 * short funding date, some on a calendar of their own, one on a calendar nobody knows, a
 * few not running; and a closure override.
 */
async function seed(db: Database, ws: string): Promise<void> {
  await ensureWorkspace(db, ws);
  await db.query(
    `INSERT INTO calendar_override (workspace_id, calendar, day, action, reason, created_by) VALUES ($1, 'JP-BANK', '2026-03-13', 'close', 'test closure', 'test')`,
    [ws],
  );
  const deals = { JP: 'US-FRB+JP-BANK', KR: 'US-FRB+KR-BANK' } as const;
  const own = [null, null, null, null, 'US-OPM', 'jp-bank', null, 'US-FRB+KR-BANK'];
  const values: unknown[][] = [];
  for (let i = 0; i < 246; i++) {
    const deal = i % 2 === 0 || i >= 240 ? 'JP' : 'KR';
    // The last six share a notice date: one group larger than a small page.
    const notice = i >= 240 ? '2026-01-15' : addDays('2025-11-03', (i * 37) % 170);
    let calendar: string | null = i >= 240 ? null : own[i % own.length]!;
    if (i === 17) calendar = 'XX-NOWHERE';
    const clock = registry.get(calendar && calendar !== 'XX-NOWHERE' ? calendar : deals[deal]);
    // Every ninth names a funding date (some shorter than the 45-day floor, some on a closed day).
    const due = i % 9 === 0 && i < 240 ? addDays(notice, 20 + (i % 40)) : clock.advance(notice, 45);
    const stage = i % 23 === 5 ? 'funded' : 'selected';
    values.push([i + 1, `p-${i + 1}`, deal, stage, notice, due, calendar, i % 5 === 0 ? null : `C${i % 7}`]);
  }
  for (const v of values) {
    await db.query(
      `INSERT INTO project (workspace_id, number, slug, name, deal_code, stage, notice_on, due_on, calendar, channel_id, funded_on)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $5 = 'funded' THEN $7::date END)`,
      [ws, ...v],
    );
  }
}

async function ledgerBySlug(db: Database, ws: string): Promise<string[]> {
  const { rows } = await db.query<{
    slug: string;
    kind: string;
    milestone: string;
    due_on: string;
    fires_on: string;
    status: string;
    channel_id: string | null;
    covers: string | null;
  }>(
    `SELECT p.slug, r.kind, r.milestone, r.due_on, r.fires_on, r.status, r.channel_id, c.milestone AS covers
     FROM reminder r JOIN project p ON p.id = r.project_id LEFT JOIN reminder c ON c.id = r.catchup_id
     WHERE r.workspace_id = $1`,
    [ws],
  );
  return rows.map((r) => [r.slug, r.kind, r.milestone, r.due_on, r.fires_on, r.status, r.channel_id, r.covers].join(' ')).sort();
}

describe(`reading only the clocks with something due (${engineName})`, () => {
  it('plans the same ledger as reading every running clock, across gaps, holidays and small pages', async ({ db }) => {
    const narrow = newWorkspaceId();
    const every = newWorkspaceId();
    const paged = newWorkspaceId();
    for (const ws of [narrow, every, paged]) await seed(db, ws);
    // Daily passes with downtime: 2026-03-05 … 03-11 and 2026-04-02 … 04-20 missed, so both
    // short and long catch-ups happen; passes on weekends and on the closure override too.
    const schedule = [
      ...days('2026-02-20', '2026-03-04'),
      ...days('2026-03-12', '2026-04-01'),
      ...days('2026-04-21', '2026-05-12'),
      '2026-06-15',
      '2026-06-16',
    ];
    const totals = new Map<string, ReconcileResult>();
    const marks = async (ws: string) =>
      (await db.query('SELECT calendar_id, reconciled_on FROM reminder_watermark WHERE workspace_id = $1 ORDER BY calendar_id', [ws])).rows;
    // Changes while the clocks run, the same in each workspace: a project entered with a
    // backdated notice (its earlier milestones are not caught up), a moved due date, a
    // funded project, a new clock on a calendar of its own.
    const changes: Record<string, string[]> = {
      '2026-03-18': [
        `INSERT INTO project (workspace_id, number, slug, name, deal_code, stage, notice_on, due_on, channel_id) VALUES ($1, 900, 'late', 'late', 'JP', 'selected', '2026-01-20', '${registry.get('US-FRB+JP-BANK').advance('2026-01-20', 45)}', 'CLATE')`,
        `UPDATE project SET due_on = due_on + 3 WHERE workspace_id = $1 AND number = 12`,
        `UPDATE project SET stage = 'funded', funded_on = '2026-03-18' WHERE workspace_id = $1 AND number = 14`,
      ],
      '2026-04-21': [
        `INSERT INTO project (workspace_id, number, slug, name, deal_code, stage, notice_on, due_on, calendar, channel_id) VALUES ($1, 901, 'opm', 'opm', 'KR', 'selected', '2026-02-02', '${registry.get('US-OPM').advance('2026-02-02', 45)}', 'US-OPM', 'COPM')`,
      ],
    };
    for (const day of schedule) {
      for (const sql of changes[day] ?? []) for (const ws of [narrow, every, paged]) await db.query(sql, [ws]);
      const results = await Promise.all([
        reconcile(db, day, null, settings(narrow)),
        reconcile(db, day, null, settings(every, { readEveryClock: true })),
        reconcile(db, day, null, settings(paged, { pageSize: 2 })),
      ]);
      expect(results[0], day).toEqual(results[1]);
      expect(results[2], day).toEqual(results[1]);
      const everyMarks = await marks(every);
      expect(await marks(narrow), day).toEqual(everyMarks);
      expect(await marks(paged), day).toEqual(everyMarks);
      for (const [i, r] of results.entries()) {
        const t = totals.get(String(i)) ?? { planned: true, milestones: 0, catchups: 0, digests: 0, cancelled: 0 };
        totals.set(String(i), { ...t, milestones: t.milestones + r.milestones, catchups: t.catchups + r.catchups });
      }
    }
    expect(totals.get('0')!.milestones).toBeGreaterThan(200);
    expect(totals.get('0')!.catchups).toBeGreaterThan(50);
    const expected = await ledgerBySlug(db, every);
    expect(await ledgerBySlug(db, narrow)).toEqual(expected);
    expect(await ledgerBySlug(db, paged)).toEqual(expected);
    // Entered on 03-18 with a backdated notice: what fell before is not caught up then.
    expect(expected.some((r) => r.startsWith('late catchup catchup:2026-03-18'))).toBe(false);
    expect(expected.some((r) => r.startsWith('late milestone'))).toBe(true);
    expect(expected.some((r) => r.startsWith('opm '))).toBe(true);
    // About 90 days of three reconcile passes each: ~10 s alone, more beside the rest of the suite.
  }, 180_000);

  it('moves the watermark of a calendar of their own in use even when none of its clocks has anything due', async ({ db }) => {
    const marks: Record<string, string>[] = [];
    for (const readEveryClock of [false, true]) {
      const ws = newWorkspaceId();
      await ensureWorkspace(db, ws);
      await db.query(
        `INSERT INTO project (workspace_id, number, slug, name, deal_code, stage, notice_on, due_on, calendar) VALUES ($1, 1, 'opm', 'opm', 'JP', 'selected', '2026-03-02', $2, 'US-OPM')`,
        [ws, registry.get('US-OPM').advance('2026-03-02', 45)],
      );
      expect(await reconcile(db, '2026-03-03', null, settings(ws, { readEveryClock }))).toMatchObject({ milestones: 0, catchups: 0 });
      const { rows } = await db.query<{ calendar_id: string; reconciled_on: string }>(
        'SELECT calendar_id, reconciled_on FROM reminder_watermark WHERE workspace_id = $1',
        [ws],
      );
      marks.push(Object.fromEntries(rows.map((r) => [r.calendar_id, r.reconciled_on])));
    }
    expect(marks[0]).toEqual({ 'US-FRB+JP-BANK': '2026-03-03', 'US-FRB+KR-BANK': '2026-03-03', 'US-OPM': '2026-03-03' });
    expect(marks[0]).toEqual(marks[1]);
  });

  it('still reports each project on an unknown calendar, once per pass', async ({ db }) => {
    const ws = newWorkspaceId();
    await seed(db, ws);
    const warnings: unknown[] = [];
    const logger = { ...settings(ws).logger!, warn: (message: string, fields?: unknown) => void warnings.push([message, fields]) };
    await reconcile(db, '2026-03-16', null, settings(ws, { logger }));
    expect(warnings).toEqual([['reminder planning skipped a project with an unknown calendar', expect.objectContaining({ calendar: 'XX-NOWHERE' })]]);
  });
});
