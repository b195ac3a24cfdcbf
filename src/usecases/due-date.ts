/** Recomputes a project's stored due date whenever its notice, deal or calendar changes. */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import { dueDate } from '../domain/clock.ts';
import type { Deal } from '../domain/project.ts';

export function effectiveDueOn(
  p: { noticeOn: CivilDate | null; noticeDueOn: CivilDate | null; calendar: string | null },
  deal: Deal,
  registry: CalendarRegistry,
): CivilDate | null {
  if (!p.noticeOn) return null;
  return dueDate(p.noticeOn, deal.clockDays, registry.get(p.calendar ?? deal.clockCalendar), p.noticeDueOn).due;
}
