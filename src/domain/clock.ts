/**
 * The funding clock, as pure functions of a project, its calendars and "today".
 * No I/O and no clock reading here: today is always passed in.
 */
import type { BusinessCalendar } from '../calendar/business-calendar.ts';
import type { CivilDate } from '../core/civil-date.ts';

export interface DueDate {
  /** notice + clock days on the clock calendar: the MOUs make this a floor. */
  floor: CivilDate;
  /** The date the project must be funded by: the notice's own date if given, else the floor. */
  due: CivilDate;
  /** True when the notice named a funding date earlier than the floor. */
  beforeFloor: boolean;
}

export function dueDate(noticeOn: CivilDate, clockDays: number, calendar: BusinessCalendar, noticeDueOn?: CivilDate | null): DueDate {
  const floor = calendar.advance(noticeOn, clockDays);
  const due = noticeDueOn ?? floor;
  return { floor, due, beforeFloor: due < floor };
}

export type ClockState = 'not_started' | 'running' | 'due_today' | 'overdue';

export interface ClockReading {
  state: ClockState;
  /** Open days in (notice, today]: "day N of 45". 0 before and on the notice day. */
  elapsed: number;
  /** Open days in (today, due]; 0 on and after the due date. */
  remaining: number;
  /** Open days in (due, today]; 0 until the due date has passed. */
  overdueBy: number;
}

export function readClock(noticeOn: CivilDate, due: CivilDate, today: CivilDate, calendar: BusinessCalendar): ClockReading {
  const elapsed = Math.max(0, calendar.openDaysBetween(noticeOn, today));
  if (today < noticeOn) {
    return { state: 'not_started', elapsed: 0, remaining: calendar.openDaysBetween(noticeOn, due), overdueBy: 0 };
  }
  if (today > due) {
    return { state: 'overdue', elapsed, remaining: 0, overdueBy: calendar.openDaysBetween(due, today) };
  }
  const remaining = calendar.openDaysBetween(today, due);
  return { state: today === due ? 'due_today' : 'running', elapsed, remaining, overdueBy: 0 };
}

export interface SpreadEntry {
  calendarId: string;
  due: CivilDate;
  differs: boolean;
}

/** The due dates the comparison calendars give for the same notice ("calendar spread"). */
export function calendarSpread(noticeOn: CivilDate, clockDays: number, due: CivilDate, compare: readonly BusinessCalendar[]): SpreadEntry[] {
  return compare.map((cal) => {
    const d = cal.advance(noticeOn, clockDays);
    return { calendarId: cal.id, due: d, differs: d !== due };
  });
}
