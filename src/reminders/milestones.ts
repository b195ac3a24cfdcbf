/**
 * The milestones of a clock, as pure functions of its notice, due date,
 * calendar and "today". No I/O: the reconciler decides what to record from these.
 *
 * - `remaining:N`: N business days left on the clock calendar (30, 15, 10, 5, 3, 2, 1, 0
 *   by default); `remaining:0` is "due today".
 * - `overdue:K`: overdue by K business days, for K = 1 … 5.
 * - `overdue-week:W`: then every 5 business days (a business week), overdue by 5 + 5W.
 *
 * Every milestone fires on an open day of the clock calendar, so a weekend or holiday
 * never carries one.
 */
import type { Translator } from '../i18n/translator.ts';
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import { DEFAULT_MILESTONES } from '../config.ts';
import { addDays, fromDayNumber, toDayNumber, type CivilDate } from '../core/civil-date.ts';

export { DEFAULT_MILESTONES };

/** Overdue reminders go out daily for this many business days, then weekly. */
export const DAILY_OVERDUE_DAYS = 5;
/** "Weekly" in business days, so that every overdue reminder lands on an open day. */
export const OVERDUE_WEEK = 5;

export type MilestoneKind = 'remaining' | 'overdue' | 'overdue-week';

export interface Milestone {
  /** The ledger key: `remaining:10`, `overdue:3`, `overdue-week:2`. */
  key: string;
  kind: MilestoneKind;
  n: number;
  firesOn: CivilDate;
}

export interface ClockDates {
  noticeOn: CivilDate;
  dueOn: CivilDate;
  calendar: BusinessCalendar;
  /** Business days remaining that get a reminder; any order. */
  milestones?: readonly number[];
}

export function milestoneKey(kind: MilestoneKind, n: number): string {
  return `${kind}:${n}`;
}

export function parseMilestoneKey(key: string): { kind: MilestoneKind; n: number } | undefined {
  const m = /^(remaining|overdue|overdue-week):(\d+)$/.exec(key);
  return m ? { kind: m[1] as MilestoneKind, n: Number(m[2]) } : undefined;
}

/** "10 business days left", "due today", "overdue by 3 business days". */
export function milestoneLabel(tr: Translator, key: string): string {
  const m = parseMilestoneKey(key);
  if (!m) return key;
  if (m.kind === 'remaining') return m.n === 0 ? tr.text('clock.due_today') : tr.text('clock.left', { days: m.n });
  return tr.text('clock.overdue', { days: m.kind === 'overdue' ? m.n : DAILY_OVERDUE_DAYS + OVERDUE_WEEK * m.n });
}

/**
 * Every milestone of a clock that fires on or before `until`, in firing order.
 *
 * `remaining:N` fires on the open day with N open days in (day, due]. When the due date
 * itself is open that is `advance(due, -N)` (and the due date for N = 0). When a notice
 * named a closed day as its funding date, "due today" falls on the last open day before
 * it, where nothing open is left. A milestone before the notice day is skipped (a notice
 * that named a short funding date).
 */
export function milestonesUntil(clock: ClockDates, until: CivilDate): Milestone[] {
  const { noticeOn, dueOn, calendar } = clock;
  const out: Milestone[] = [];
  const lastDueDay = calendar.isOpen(dueOn) ? dueOn : calendar.advance(dueOn, -1);
  const remaining = [...new Set(clock.milestones ?? DEFAULT_MILESTONES)].sort((a, b) => b - a);
  for (const n of remaining) {
    const firesOn = n === 0 ? lastDueDay : calendar.advance(lastDueDay, -n);
    if (firesOn < noticeOn) continue;
    if (firesOn > until) break;
    out.push({ key: milestoneKey('remaining', n), kind: 'remaining', n, firesOn });
  }
  if (until <= dueOn) return out;
  for (let k = 1; k <= DAILY_OVERDUE_DAYS; k++) {
    const firesOn = calendar.advance(dueOn, k);
    if (firesOn > until) return out;
    out.push({ key: milestoneKey('overdue', k), kind: 'overdue', n: k, firesOn });
  }
  for (let w = 1; ; w++) {
    const firesOn = calendar.advance(dueOn, DAILY_OVERDUE_DAYS + OVERDUE_WEEK * w);
    if (firesOn > until) return out;
    out.push({ key: milestoneKey('overdue-week', w), kind: 'overdue-week', n: w, firesOn });
  }
}

export type DueReminder =
  | { kind: 'milestone'; milestone: Milestone }
  /** One message for everything missed, plus today's milestone when there is one. */
  | { kind: 'catchup'; missed: Milestone[]; current: Milestone | undefined };

/**
 * What is due for one clock on `today`: today's milestone, or — when milestones fell
 * while nothing was running — one catch-up that names them (and carries today's too).
 *
 * `missedAfter` is the last day a reconciler pass completed: a milestone that fired on or
 * before it is not "missed" (it was posted then, or the plan did not exist yet — a
 * backdated notice or a moved due date), so it is never caught up. Undefined means no
 * pass has run yet, and only today's milestone counts.
 *
 * Nothing is due on a day the clock calendar is closed; a milestone missed then is still
 * caught up on the next open day.
 */
export function dueOnDay(clock: ClockDates, today: CivilDate, missedAfter: CivilDate | undefined): DueReminder | undefined {
  if (!clock.calendar.isOpen(today)) return undefined;
  const from = missedAfter ?? today;
  const relevant = milestonesUntil(clock, today).filter((m) => m.firesOn > from || m.firesOn === today);
  const current = relevant.find((m) => m.firesOn === today);
  const missed = relevant.filter((m) => m.firesOn < today);
  if (missed.length > 0) return { kind: 'catchup', missed, current };
  if (current) return { kind: 'milestone', milestone: current };
  return undefined;
}

/**
 * The due dates in `[first, last]` for which `dueOnDay` can return something on `today`
 * for a clock on `calendar`, whatever the clock's notice date. The reconciler reads only
 * the running clocks due on these dates, instead of every running clock, and still asks
 * `dueOnDay` about each of them: this list only has to leave out no clock that has
 * something due (it is a superset), and in fact it is exact for a clock whose notice
 * skips nothing.
 *
 * Why it is safe. `dueOnDay` answers when some milestone of `milestonesUntil(clock,
 * today)` fires inside the window `(missedAfter, today]` (just `today` without a
 * watermark, or when the watermark is not before today). The notice only ever drops
 * `remaining:N` milestones (those before the notice day); everything else depends on the
 * calendar, the due date and the milestone list alone. So for each due date X this checks
 * every fire date without the notice filter:
 *
 * - `remaining:N` fires on `advance(lastDueDay(X), -N)` (N = 0: on `lastDueDay(X)`);
 * - `overdue:K` and `overdue-week:W` fire on the m-th open day after X for m = 1 … 5 and
 *   m = 10, 15, … — and only when X is before today. The m-th open day after X lies in
 *   `[a, b]` exactly when `openDaysBetween(X, a - 1) < m <= openDaysBetween(X, b)`, which
 *   is checked without walking the weeks.
 *
 * The walk over X stops once X is past today and even its earliest `remaining` milestone
 * falls after today: `advance` and `lastDueDay` never decrease as X grows, so no later X
 * can fire either. A due date whose check throws (a date outside the calendar tables) is
 * kept, so that `dueOnDay` still reports it for each of its clocks. Nothing is due on
 * a day the calendar is closed: then the list is empty.
 */
export function dueDatesWithReminders(
  calendar: BusinessCalendar,
  milestones: readonly number[],
  today: CivilDate,
  missedAfter: CivilDate | undefined,
  first: CivilDate,
  last: CivilDate,
): CivilDate[] {
  if (!calendar.isOpen(today)) return [];
  // The window [a, b] of fire dates that count (see dueOnDay).
  const b = today;
  const a = missedAfter !== undefined && missedAfter < today ? addDays(missedAfter, 1) : today;
  const beforeA = addDays(a, -1);
  const remaining = [...new Set(milestones)];
  const out: CivilDate[] = [];
  const lastDay = toDayNumber(last);
  for (let day = toDayNumber(first); day <= lastDay; day++) {
    const due = fromDayNumber(day);
    let fires = false;
    let pastToday = false;
    try {
      const lastDueDay = calendar.isOpen(due) ? due : calendar.advance(due, -1);
      let earliest: CivilDate | undefined;
      for (const n of remaining) {
        const firesOn = n === 0 ? lastDueDay : calendar.advance(lastDueDay, -n);
        if (firesOn >= a && firesOn <= b) fires = true;
        if (earliest === undefined || firesOn < earliest) earliest = firesOn;
      }
      pastToday = due > b && (earliest === undefined || earliest > b);
      if (!fires && due < b) {
        // Overdue milestones fire on the m-th open day after the due date, for
        // m = 1 … DAILY_OVERDUE_DAYS and m = DAILY_OVERDUE_DAYS + OVERDUE_WEEK × W (W ≥ 1).
        const lo = Math.max(1, calendar.openDaysBetween(due, beforeA) + 1);
        const hi = calendar.openDaysBetween(due, b);
        if (lo <= Math.min(hi, DAILY_OVERDUE_DAYS)) fires = true;
        else {
          const firstWeekly = DAILY_OVERDUE_DAYS + OVERDUE_WEEK;
          const weekly = DAILY_OVERDUE_DAYS + OVERDUE_WEEK * Math.ceil((Math.max(lo, firstWeekly) - DAILY_OVERDUE_DAYS) / OVERDUE_WEEK);
          if (weekly <= hi) fires = true;
        }
      }
    } catch {
      fires = true;
    }
    if (fires) out.push(due);
    if (pastToday) break;
  }
  return out;
}
