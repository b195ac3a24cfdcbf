/**
 * The rules that build the closed weekdays of the four base calendars from date-holidays
 * plus the corrections below. Weekends are always closed and are not listed.
 *
 * These rules run when the checked-in table `closed-weekdays.json` is generated
 * (`npm run calendars`) and in the test that proves the table equals their output; the
 * running bot reads only the table, so it never pays for date-holidays' rule evaluation. Its `isHoliday` re-evaluates every rule on each call (~0.5 ms) and compares
 * instants, so it is never used. Only the civil `date` field is read, never `start`:
 * instants are in the country's zone and shift the day when read elsewhere.
 *
 * Corrections to date-holidays 3.37.0, each pinned by a test:
 * - US: the data follows OPM, which moves a Saturday holiday to the Friday before; the
 *   Federal Reserve Banks stay open that Friday. Veterans Day's observed days are typed
 *   `bank`, not `public`, so `types: ['public']` loses Mon 2029-11-12. Observed days can
 *   fall in the previous year (Sat 2028-01-01 → Fri 2027-12-31 sits in 2027's list).
 *   So only the actual dates of the 11 federal holidays are taken from the data and the
 *   observed days are derived here by the rule of 5 U.S.C. 6103(b).
 * - JP: the citizens' holiday is hard-coded to 22 September, which misses 2032-09-21
 *   and 2049-09-21; it is computed here by the rule of the Act on National Holidays
 *   art. 3(3). Bank holidays 31 Dec, 2 Jan and 3 Jan come from the Banking Act order.
 * - KR: Seollal is anchored one day late (2026 reported as 02-17..02-19, the holiday is
 *   02-16..02-18); election days, temporary holidays, Labor Day, the year-end closure
 *   and pre-2013 changes are missing; one substitute day lands on another holiday
 *   (2036-05-05); Chuseok 2033 is a lunar month late (`KR_CHUSEOK_CORRECTIONS`). Substitute
 *   days are computed here by rule (see `buildKrBank`).
 */

import Holidays from 'date-holidays';
import { fromDayNumber, isWeekend, toDayNumber, weekdayOf } from '../core/civil-date.ts';
import {
  KR_ARBOR_DAY_LAST_YEAR,
  KR_CHUSEOK_CORRECTIONS,
  KR_CONSTITUTION_DAY_FIRST_GAP_YEAR,
  KR_DATED_CLOSURES,
  KR_HANGUL_DAY_RESTORED_YEAR,
  KR_LABOR_DAY_PUBLIC_SINCE,
  KR_SUBSTITUTE_SINCE,
  KR_YEAR_END_CLOSURE_NAME,
} from './kr-bank-days.ts';

import type { BaseCalendarId, ClosedDay } from './holiday-data.ts';

/** Day number → name(s) of the closed weekdays of one calendar. */
type ClosedMap = Map<number, string>;

/** Several reasons for one closure within one calendar, e.g. `Children's Day & Buddha's Birthday`. */
const SAME_CALENDAR_JOIN = ' & ';

function addClosed(map: ClosedMap, day: number, name: string): void {
  if (isWeekend(day)) return;
  const prev = map.get(day);
  if (prev === undefined) map.set(day, name);
  else if (!prev.split(SAME_CALENDAR_JOIN).includes(name)) map.set(day, prev + SAME_CALENDAR_JOIN + name);
}

function dayOf(year: number, monthDay: string): number {
  return toDayNumber(`${year}-${monthDay}`);
}

interface SourceHoliday {
  day: number;
  /** Length in days; the Korean lunar holidays are single entries spanning three days. */
  span: number;
  name: string;
  rule: string;
  substitute: boolean;
}

function sourceHolidays(country: 'US' | 'JP' | 'KR', fromYear: number, toYear: number): SourceHoliday[] {
  // Only `public`: the US observed days typed `bank` are derived by rule instead, and the
  // Japanese `bank` days are added from the Banking Act order, not from the data.
  const hd = new Holidays(country, { types: ['public'], languages: ['en'] });
  const out: SourceHoliday[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const h of hd.getHolidays(year, 'en')) {
      const span = /\bP(\d+)D\b/.exec(h.rule);
      out.push({
        day: toDayNumber(h.date.slice(0, 10)),
        span: span ? Number(span[1]) : 1,
        name: h.name,
        rule: h.rule,
        substitute: h.substitute === true || h.name.endsWith('(substitute day)'),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// United States

/** date-holidays' English names of the 11 legal public holidays (5 U.S.C. 6103(a)) → names used here. */
const US_FEDERAL_HOLIDAYS = new Map<string, string>([
  ["New Year's Day", "New Year's Day"],
  ['Martin Luther King Jr. Day', 'Martin Luther King Jr. Day'],
  ["Washington's Birthday", "Washington's Birthday"],
  ['Memorial Day', 'Memorial Day'],
  ['Juneteenth', 'Juneteenth'],
  ['Independence Day', 'Independence Day'],
  ['Labour Day', 'Labor Day'],
  ['Labor Day', 'Labor Day'],
  ['Columbus Day', 'Columbus Day'],
  ['Veterans Day', 'Veterans Day'],
  ['Thanksgiving Day', 'Thanksgiving Day'],
  ['Christmas Day', 'Christmas Day'],
]);

/**
 * US-FRB (`saturdayToFriday` false): Federal Reserve Bank holidays,
 * https://www.federalreserve.gov/aboutthefed/k8.htm — a Sunday holiday closes the
 * Monday after; a Saturday holiday closes no weekday.
 * US-OPM (`saturdayToFriday` true): federal offices, 5 U.S.C. 6103(b) and EO 11582 —
 * a Saturday holiday is observed on the Friday before.
 */
function buildUs(saturdayToFriday: boolean, fromYear: number, toYear: number): ClosedMap {
  const first = dayOf(fromYear, '01-01');
  const last = dayOf(toYear, '12-31');
  const map: ClosedMap = new Map();
  // One year either side: an observed day can fall in the neighbouring year.
  for (const h of sourceHolidays('US', fromYear - 1, toYear + 1)) {
    if (h.substitute) continue; // observed days are derived from the actual date below
    const name = US_FEDERAL_HOLIDAYS.get(h.name);
    if (name === undefined) continue; // not one of the 11 (the data may grow commemorations)
    let day = h.day;
    let label = name;
    const wd = weekdayOf(day);
    if (wd === 0) {
      day += 1;
      label = `${name} (observed)`;
    } else if (wd === 6) {
      if (!saturdayToFriday) continue;
      day -= 1;
      label = `${name} (observed)`;
    }
    if (day >= first && day <= last) addClosed(map, day, label);
  }
  return map;
}

// ---------------------------------------------------------------------------------------
// Japan

/** date-holidays' English names → the Cabinet Office's English names. */
const JP_NAMES: Record<string, string> = {
  'Foundation Day': 'National Foundation Day',
  'Spring Equinox Day': 'Vernal Equinox Day',
  'Constitution Day': 'Constitution Memorial Day',
  'Coronation Day': 'Enthronement Day',
  'Respect-for-the-Aged Day': 'Respect for the Aged Day',
};

const JP_CITIZENS_HOLIDAY = "Citizens' holiday";

/**
 * JP-BANK: national holidays with substitute holidays (Act on National Holidays art. 2,
 * 3(2)) and citizens' holidays (art. 3(3)), plus 31 Dec, 2 Jan and 3 Jan (Order for
 * Enforcement of the Banking Act art. 5(1)). Saturdays are bank holidays there too, but
 * weekends are closed anyway. Observances (11/15, 12/25) are not holidays.
 */
function buildJpBank(fromYear: number, toYear: number): ClosedMap {
  const national = new Map<number, string>();
  const map: ClosedMap = new Map();
  for (const h of sourceHolidays('JP', fromYear, toYear)) {
    // date-holidays hard-codes the citizens' holiday to 22 Sep (and 2019's two days);
    // it is recomputed from the rule below so that 2032-09-21 is not missed.
    if (h.name === "Citizens' Holiday") continue;
    if (h.substitute) {
      const base = h.name.replace(/\s*\(substitute day\)$/, '');
      addClosed(map, h.day, `Substitute holiday (${JP_NAMES[base] ?? base})`);
      continue;
    }
    const name = JP_NAMES[h.name] ?? h.name;
    national.set(h.day, name);
    addClosed(map, h.day, name);
  }
  // Art. 3(3): a day that is not itself a national holiday, with national holidays on
  // both sides, is a holiday. Substitute holidays are not national holidays for this.
  for (const day of national.keys()) {
    if (national.has(day + 2) && !national.has(day + 1) && !map.has(day + 1)) {
      addClosed(map, day + 1, JP_CITIZENS_HOLIDAY);
    }
  }
  for (let year = fromYear; year <= toYear; year++) {
    addClosed(map, dayOf(year, '01-02'), 'Bank holiday (2 Jan)');
    addClosed(map, dayOf(year, '01-03'), 'Bank holiday (3 Jan)');
    addClosed(map, dayOf(year, '12-31'), 'Bank holiday (31 Dec)');
  }
  return map;
}

// ---------------------------------------------------------------------------------------
// Korea

type KrSubstituteRule = 'lunar' | 'solar' | 'none';

interface KrHoliday {
  day: number;
  name: string;
  /** `lunar`: substituted for Sunday or overlap; `solar`: for Saturday, Sunday or overlap. */
  substitute: KrSubstituteRule;
}

const KR_NAMES: Record<string, string> = {
  'Korean New Year': 'Seollal',
  'Korean Thanksgiving': 'Chuseok',
};

function krSubstituteRule(key: keyof typeof KR_SUBSTITUTE_SINCE, year: number, kind: 'lunar' | 'solar'): KrSubstituteRule {
  return year >= KR_SUBSTITUTE_SINCE[key] ? kind : 'none';
}

/**
 * KR-BANK: public holidays (Regulations on Holidays of Government Offices; Act on Public
 * Holidays) with lunar and substitute holidays, election days and temporary holidays
 * (kr-bank-days.ts), Labor Day and the 31 December closure.
 */
function buildKrBank(fromYear: number, toYear: number): ClosedMap {
  const publicHolidays: KrHoliday[] = [];
  for (const h of sourceHolidays('KR', fromYear, toYear)) {
    // Substitute days are recomputed below: the data's Seollal substitutes depend on its
    // misplaced Seollal, and its generic rules do not check for overlaps (2036-05-05).
    if (h.substitute) continue;
    const year = Number(fromDayNumber(h.day).slice(0, 4));
    if (h.rule.startsWith('korean 01-0-01')) {
      // Anchored on lunar new year's day; the holiday is the day before, the day and the
      // day after (https://github.com/commenthol/date-holidays/issues/640).
      for (const k of [-1, 0, 1]) {
        publicHolidays.push({ day: h.day + k, name: 'Seollal', substitute: krSubstituteRule('seollal', year, 'lunar') });
      }
      continue;
    }
    if (h.rule.startsWith('korean 8-0-14')) {
      // Anchored on the day before Chuseok, spanning three days; a year whose lunar
      // calendar date-holidays gets wrong is moved to the corrected day.
      const corrected = KR_CHUSEOK_CORRECTIONS[year];
      const eve = corrected === undefined ? h.day : toDayNumber(corrected) - 1;
      for (let k = 0; k < h.span; k++) {
        publicHolidays.push({ day: eve + k, name: 'Chuseok', substitute: krSubstituteRule('chuseok', year, 'lunar') });
      }
      continue;
    }
    if (h.name === 'Hangul Day' && year < KR_HANGUL_DAY_RESTORED_YEAR) continue;
    const name = KR_NAMES[h.name] ?? h.name;
    const key = name in KR_SUBSTITUTE_SINCE ? (name as keyof typeof KR_SUBSTITUTE_SINCE) : undefined;
    publicHolidays.push({ day: h.day, name, substitute: key ? krSubstituteRule(key, year, 'solar') : 'none' });
  }

  const bankOnly = new Map<number, string>();
  for (let year = fromYear; year <= toYear; year++) {
    if (year <= KR_ARBOR_DAY_LAST_YEAR) publicHolidays.push({ day: dayOf(year, '04-05'), name: 'Arbor Day', substitute: 'none' });
    // date-holidays lists Constitution Day as public only from 2026.
    if (year < KR_CONSTITUTION_DAY_FIRST_GAP_YEAR) {
      publicHolidays.push({ day: dayOf(year, '07-17'), name: 'Constitution Day', substitute: 'none' });
    }
    if (year >= KR_LABOR_DAY_PUBLIC_SINCE) {
      publicHolidays.push({ day: dayOf(year, '05-01'), name: 'Labor Day', substitute: krSubstituteRule('Labor Day', year, 'solar') });
    } else {
      // A bank closure, but not a public holiday: it does not push substitute days.
      bankOnly.set(dayOf(year, '05-01'), 'Labor Day');
    }
    bankOnly.set(dayOf(year, '12-31'), KR_YEAR_END_CLOSURE_NAME);
  }
  for (const extra of KR_DATED_CLOSURES) {
    const year = Number(extra.date.slice(0, 4));
    if (year >= fromYear && year <= toYear) {
      publicHolidays.push({ day: toDayNumber(extra.date), name: extra.name, substitute: 'none' });
    }
  }

  const byDay = new Map<number, KrHoliday[]>();
  for (const h of publicHolidays) {
    const list = byDay.get(h.day);
    if (list) list.push(h);
    else byDay.set(h.day, [h]);
  }

  // Substitute holidays (regulations art. 3): when a holiday that carries the rule falls
  // on a Sunday (Seollal, Chuseok) or a Saturday or Sunday (the others), or on the same
  // day as another public holiday, the first following day that is not a weekend day, a
  // public holiday or an earlier substitute becomes a holiday. One substitute per day.
  const substitutes = new Map<number, string>();
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    const list = byDay.get(day)!;
    const wd = weekdayOf(day);
    const overlap = list.length > 1;
    const triggers = list.filter((h) => (h.substitute === 'lunar' && (wd === 0 || overlap)) || (h.substitute === 'solar' && (wd === 0 || wd === 6 || overlap)));
    if (triggers.length === 0) continue;
    let next = day + 1;
    while (isWeekend(next) || byDay.has(next) || substitutes.has(next)) next++;
    const names = [...new Set(triggers.map((h) => h.name))].join(SAME_CALENDAR_JOIN);
    substitutes.set(next, `Substitute holiday (${names})`);
  }

  const map: ClosedMap = new Map();
  for (const h of publicHolidays) addClosed(map, h.day, h.name);
  for (const [day, name] of substitutes) addClosed(map, day, name);
  for (const [day, name] of bankOnly) addClosed(map, day, name);
  // Holidays spilling over the requested years (e.g. Seollal eve on 31 Dec) stay out.
  const first = dayOf(fromYear, '01-01');
  const last = dayOf(toYear, '12-31');
  for (const day of map.keys()) if (day < first || day > last) map.delete(day);
  return map;
}

// ---------------------------------------------------------------------------------------

/**
 * Builds the closed weekdays of a base calendar for any span of years, uncached. Used by
 * the cache below and by tests that look past the supported range (the Japanese
 * citizens' holiday of 2049).
 */
export function buildClosedWeekdays(id: BaseCalendarId, fromYear: number, toYear: number): ClosedDay[] {
  return toClosedDays(buildMap(id, fromYear, toYear));
}

function buildMap(id: BaseCalendarId, fromYear: number, toYear: number): ClosedMap {
  switch (id) {
    case 'US-FRB':
      return buildUs(false, fromYear, toYear);
    case 'US-OPM':
      return buildUs(true, fromYear, toYear);
    case 'JP-BANK':
      return buildJpBank(fromYear, toYear);
    case 'KR-BANK':
      return buildKrBank(fromYear, toYear);
  }
}

function toClosedDays(map: ReadonlyMap<number, string>): ClosedDay[] {
  return [...map.keys()].sort((a, b) => a - b).map((day) => ({ date: fromDayNumber(day), name: map.get(day)! }));
}
