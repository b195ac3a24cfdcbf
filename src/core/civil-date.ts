/**
 * Civil dates. A civil date is a `YYYY-MM-DD` string: a day on the calendar, not an
 * instant. Clocks work on civil dates only, so no time zone can move a due date.
 * Internally a date is also a "day number": days since 1970-01-01 (which was a
 * Thursday), so weekday and date arithmetic need no `Date` or time zone maths.
 */

export type CivilDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Days from 1970-01-01 to the civil date (proleptic Gregorian). Throws on a malformed date. */
export function toDayNumber(date: CivilDate): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(ms / 86_400_000);
}

export function fromDayNumber(day: number): CivilDate {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** True when `text` is a real calendar date in `YYYY-MM-DD` form (2026-02-30 is not), 1900–2999. */
export function isCivilDate(text: string): boolean {
  return dayNumberOf(text) !== undefined && text >= '1900' && text < '3000';
}

/**
 * Day number of a valid `YYYY-MM-DD` date (2026-02-30 is not), or undefined: the one
 * check of a date's form, in one pass over the characters with no regex and no `Date`,
 * since the business calendar runs it on every query.
 */
export function dayNumberOf(date: unknown): number | undefined {
  if (typeof date !== 'string' || date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const dayOfMonth = digits(date, 8, 10);
  if (year < 0 || month < 1 || month > 12 || dayOfMonth < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthLength = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (dayOfMonth > monthLength) return undefined;
  return daysFromCivil(year, month, dayOfMonth);
}

/** The decimal number in `text[from, to)`, or -1 if a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function isWeekend(day: number): boolean {
  const wd = weekdayOf(day);
  return wd === 0 || wd === 6;
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** `Thu 2026-04-23`: unambiguous for teams in Tokyo, Seoul and Washington. */
export function formatDate(date: CivilDate): string {
  return `${WEEKDAYS[weekdayOf(toDayNumber(date))]} ${date}`;
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

/** Today's civil date in an IANA time zone, from an instant. */
export function civilDateIn(timeZone: string, instant: Date = new Date()): CivilDate {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Minutes since local midnight of an instant in an IANA time zone. */
export function minutesOfDayIn(timeZone: string, instant: Date = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}
