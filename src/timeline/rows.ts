/**
 * The rows of the timeline picture, computed from the running clocks: one per clock,
 * overdue first, then soonest due, at most `MAX_ROWS` (the rest are counted, not drawn).
 * Pure: today, the deals and the calendars are passed in.
 */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { ClockState } from '../domain/clock.ts';
import type { Deal, Project } from '../domain/project.ts';
import { clockView } from '../usecases/clock-view.ts';

/** A phone screen reads about this many rows; more go into "and N more". */
export const MAX_ROWS = 25;

/** Reminders go out at these business days left; the bars carry a tick at each. */
export const MILESTONE_DAYS = [30, 15, 10, 5] as const;

/** A bar this close to its due date is drawn in the warning colour. */
export const DUE_SOON_DAYS = 5;

export type RowKind = 'running' | 'due_soon' | 'overdue' | 'not_started';

export interface TimelineRow {
  /** Unique per picture: `#12 Texas GulfLink`, cut to fit the label column. */
  label: string;
  number: number;
  dealCode: string;
  calendarId: string;
  notice: CivilDate;
  due: CivilDate;
  state: ClockState;
  kind: RowKind;
  remaining: number;
  overdueBy: number;
  /** Where a comparison calendar puts the due date, when it differs: the earliest such date. */
  spreadDue?: CivilDate | undefined;
  /** Milestone dates within the clock (not yet past the due date). */
  milestones: { days: number; on: CivilDate }[];
  /** Weekdays the clock calendar is closed between notice and due date. */
  closed: { date: CivilDate; name: string }[];
}

export interface TimelineData {
  rows: TimelineRow[];
  /** Running clocks in all, drawn or not. */
  total: number;
  today: CivilDate;
  dealCode?: string | undefined;
}

export interface RowInputs {
  projects: readonly Project[];
  /** Running clocks in all (may exceed `projects.length`). */
  total: number;
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  today: CivilDate;
  dealCode?: string | undefined;
}

export function timelineRows(o: RowInputs): TimelineData {
  const rows: TimelineRow[] = [];
  for (const project of o.projects) {
    const deal = o.deals.get(project.dealCode);
    if (!deal || project.stage !== 'selected') continue;
    const clock = clockView(project, deal, o.registry, o.today);
    if (!clock) continue;
    const calendar = o.registry.get(clock.calendarId);
    const r = clock.reading;
    const differing = clock.spread.filter((s) => s.differs).map((s) => s.due);
    const milestones = MILESTONE_DAYS.flatMap((days) => {
      // The open day with `days` open days left until the due date.
      if (calendar.openDaysBetween(clock.noticeOn, clock.due) <= days) return [];
      return [{ days, on: calendar.advance(clock.due, -days) }];
    });
    rows.push({
      label: `#${project.number} ${project.name}`,
      number: project.number,
      dealCode: deal.code,
      calendarId: clock.calendarId,
      notice: clock.noticeOn,
      due: clock.due,
      state: r.state,
      kind: rowKind(r.state, r.remaining),
      remaining: r.remaining,
      overdueBy: r.overdueBy,
      spreadDue: differing.length ? differing.sort()[0] : undefined,
      milestones,
      closed: calendar.closedDaysBetween(clock.noticeOn, clock.due),
    });
  }
  // Overdue first (longest overdue on top), then soonest due; the number breaks ties.
  rows.sort((a, b) => rank(a) - rank(b) || a.due.localeCompare(b.due) || a.number - b.number);
  const total = Math.max(o.total, rows.length);
  return { rows: rows.slice(0, MAX_ROWS), total, today: o.today, dealCode: o.dealCode };
}

function rowKind(state: ClockState, remaining: number): RowKind {
  if (state === 'overdue') return 'overdue';
  if (state === 'not_started') return 'not_started';
  return remaining <= DUE_SOON_DAYS ? 'due_soon' : 'running';
}

function rank(row: TimelineRow): number {
  return row.state === 'overdue' ? 0 : 1;
}
