/**
 * Closed weekdays of the four base calendars, read from the checked-in table
 * `closed-weekdays.json`. The table is generated from date-holidays plus the documented
 * corrections in holiday-rules.ts (`npm run calendars`), and a test proves it equals the
 * rules' output, so it cannot drift. Reading a table keeps start-up fast (building the
 * Japanese equinox and Korean lunar rules for 41 years takes about a second) and makes
 * every closed day reviewable in a diff. Weekends are always closed and are not listed.
 */
import { toDayNumber, type CivilDate } from '../core/civil-date.ts';
import { UserError } from '../core/errors.ts';
import table from './closed-weekdays.json' with { type: 'json' };

export const BASE_CALENDARS = ['US-FRB', 'US-OPM', 'JP-BANK', 'KR-BANK'] as const;
export type BaseCalendarId = (typeof BASE_CALENDARS)[number];

/**
 * Supported range. Tariff history starts in 2000; the deal windows end in 2029, and
 * 2040 leaves room for clocks, reports and late projects.
 */
export const CALENDAR_FIRST_YEAR = 2000;
export const CALENDAR_LAST_YEAR = 2040;

/** A closed weekday (Mon–Fri). Weekends are implicit. */
export interface ClosedDay {
  date: CivilDate;
  name: string;
}

export interface ClosedWeekdayTable {
  firstYear: number;
  lastYear: number;
  source: string;
  calendars: Record<BaseCalendarId, Record<CivilDate, string>>;
  /** English name → Japanese name, per calendar (holiday-names-ja.ts); a name without one is shown as it is. */
  namesJa: Record<BaseCalendarId, Record<string, string>>;
}

export function isBaseCalendarId(text: string): text is BaseCalendarId {
  return (BASE_CALENDARS as readonly string[]).includes(text);
}

const cache = new Map<BaseCalendarId, ReadonlyMap<number, string>>();

/** Closed weekdays over the whole supported range, as day number → name. Cached. */
export function closedWeekdayMap(id: BaseCalendarId): ReadonlyMap<number, string> {
  let map = cache.get(id);
  if (!map) {
    if (!isBaseCalendarId(id)) throw new UserError('unknown_calendar', { value: String(id), allowed: BASE_CALENDARS.join(', ') });
    const days = (table as unknown as ClosedWeekdayTable).calendars[id];
    map = new Map(Object.entries(days).map(([date, name]) => [toDayNumber(date), name]));
    cache.set(id, map);
  }
  return map;
}

/** The Japanese name of a closed day of a base calendar, or undefined (an override's reason, a name with no translation). */
export function japaneseHolidayName(id: BaseCalendarId, name: string): string | undefined {
  return (table as unknown as ClosedWeekdayTable).namesJa[id]?.[name];
}

/** Closed weekdays of a base calendar in the given years: sorted, unique dates, English names. */
export function closedWeekdays(id: BaseCalendarId, fromYear: number, toYear: number): ClosedDay[] {
  for (const year of [fromYear, toYear]) {
    if (!Number.isInteger(year) || year < CALENDAR_FIRST_YEAR || year > CALENDAR_LAST_YEAR) {
      throw new UserError('date_out_of_range', { value: String(year), min: `${CALENDAR_FIRST_YEAR}-01-01`, max: `${CALENDAR_LAST_YEAR}-12-31` });
    }
  }
  if (fromYear > toYear) return [];
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  const days = (table as unknown as ClosedWeekdayTable).calendars[id];
  return Object.entries(days)
    .filter(([date]) => date >= from && date <= to)
    .map(([date, name]) => ({ date, name }));
}
