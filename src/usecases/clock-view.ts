/** Everything a reply needs to show a project's clock, computed from the pure core. */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import { calendarSpread, dueDate, readClock, type ClockReading, type SpreadEntry } from '../domain/clock.ts';
import type { Deal, Project } from '../domain/project.ts';

export interface ClockView {
  calendarId: string;
  clockDays: number;
  noticeOn: CivilDate;
  due: CivilDate;
  floor: CivilDate;
  beforeFloor: boolean;
  reading: ClockReading;
  spread: SpreadEntry[];
}

export function clockCalendarId(project: Pick<Project, 'calendar'>, deal: Deal): string {
  return project.calendar ?? deal.clockCalendar;
}

/** The clock of a project that has a notice date; undefined for one that has none. */
export function clockView(project: Project, deal: Deal, registry: CalendarRegistry, today: CivilDate): ClockView | undefined {
  if (!project.noticeOn) return undefined;
  const calendar = registry.get(clockCalendarId(project, deal));
  const { floor, due, beforeFloor } = dueDate(project.noticeOn, deal.clockDays, calendar, project.noticeDueOn);
  const compare = deal.compareCalendars.filter((id) => id !== calendar.id).map((id) => registry.get(id));
  return {
    calendarId: calendar.id,
    clockDays: deal.clockDays,
    noticeOn: project.noticeOn,
    due,
    floor,
    beforeFloor,
    reading: readClock(project.noticeOn, due, today, calendar),
    spread: calendarSpread(project.noticeOn, deal.clockDays, due, compare),
  };
}
