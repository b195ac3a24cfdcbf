/**
 * Korean bank-holiday facts that no date-holidays rule knows: election days, temporary
 * public holidays, Labor Day, the year-end closure, the holidays that came and went
 * before 2014, and the years from which each substitute-holiday rule applies.
 *
 * This is best effort. Korea designates temporary holidays at a few weeks' notice and
 * election days follow a statute that can be amended, so anything not listed here is
 * handled with a calendar override (see `CalendarOverride`). Rows marked `estimated`
 * are computed from the statute and have not been announced yet; check them each
 * spring against the Ministry of the Interior and Safety's announcement and the
 * Korea Astronomy and Space Science Institute calendar (월력요항).
 *
 * Sources:
 * - Regulations on Holidays of Government Offices (관공서의 공휴일에 관한 규정):
 *   https://www.law.go.kr/법령/관공서의공휴일에관한규정
 * - Act on Public Holidays (공휴일에 관한 법률), incl. the 2026 amendments that reinstate
 *   Constitution Day and make Labor Day a public holiday:
 *   https://www.law.go.kr/법령/공휴일에관한법률
 * - Public Official Election Act art. 34 (statutory election days):
 *   https://www.law.go.kr/법령/공직선거법
 * - Bank of Korea holiday schedule (lists Labor Day as a closure):
 *   https://www.bok.or.kr/eng/main/contents.do?menuNo=400373
 */

import type { CivilDate } from '../core/civil-date.ts';

export interface KrDatedClosure {
  date: CivilDate;
  name: string;
  kind: 'election' | 'temporary';
  /** `confirmed`: designated or held. `estimated`: computed from the statute, not yet announced. */
  status: 'confirmed' | 'estimated';
  note?: string;
}

/**
 * Election days and temporary holidays, 2000–2040. Elections held at the end of a term
 * are public holidays by statute; special (early) presidential elections and the
 * temporary holidays are designated by the government, each time. Cross-checked with
 * the special-holiday table of python-holidays
 * (https://github.com/vacanza/holidays/blob/dev/holidays/countries/south_korea.py).
 */
export const KR_DATED_CLOSURES: readonly KrDatedClosure[] = [
  { date: '2000-04-13', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2002-06-13', name: 'Local elections', kind: 'election', status: 'confirmed' },
  { date: '2002-07-01', name: 'Temporary holiday (World Cup semi-final)', kind: 'temporary', status: 'confirmed' },
  { date: '2002-12-19', name: 'Presidential election', kind: 'election', status: 'confirmed' },
  { date: '2004-04-15', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2006-05-31', name: 'Local elections', kind: 'election', status: 'confirmed' },
  { date: '2007-12-19', name: 'Presidential election', kind: 'election', status: 'confirmed' },
  { date: '2008-04-09', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2010-06-02', name: 'Local elections', kind: 'election', status: 'confirmed' },
  { date: '2012-04-11', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2012-12-19', name: 'Presidential election', kind: 'election', status: 'confirmed' },
  { date: '2014-06-04', name: 'Local elections', kind: 'election', status: 'confirmed' },
  { date: '2015-08-14', name: 'Temporary holiday (70th Liberation anniversary)', kind: 'temporary', status: 'confirmed' },
  { date: '2016-04-13', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2016-05-06', name: 'Temporary holiday', kind: 'temporary', status: 'confirmed' },
  { date: '2017-05-09', name: 'Presidential election', kind: 'election', status: 'confirmed', note: 'special election after the impeachment' },
  { date: '2017-10-02', name: 'Temporary holiday (Chuseok bridge)', kind: 'temporary', status: 'confirmed' },
  { date: '2018-06-13', name: 'Local elections', kind: 'election', status: 'confirmed', note: 'moved a week by art. 34(2): 6 June is Memorial Day' },
  { date: '2020-04-15', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2020-08-17', name: 'Temporary holiday (Liberation Day fell on a Saturday)', kind: 'temporary', status: 'confirmed' },
  { date: '2022-03-09', name: 'Presidential election', kind: 'election', status: 'confirmed' },
  { date: '2022-06-01', name: 'Local elections', kind: 'election', status: 'confirmed' },
  { date: '2023-10-02', name: 'Temporary holiday (Chuseok bridge)', kind: 'temporary', status: 'confirmed' },
  { date: '2024-04-10', name: 'National Assembly election', kind: 'election', status: 'confirmed' },
  { date: '2024-10-01', name: 'Temporary holiday (Armed Forces Day)', kind: 'temporary', status: 'confirmed' },
  { date: '2025-01-27', name: 'Temporary holiday (Seollal bridge)', kind: 'temporary', status: 'confirmed' },
  { date: '2025-06-03', name: 'Presidential election', kind: 'election', status: 'confirmed', note: 'special election after the impeachment' },
  { date: '2026-06-03', name: 'Local elections', kind: 'election', status: 'confirmed' },
  // Art. 34(1): National Assembly elections fall on the first Wednesday from the 50th day
  // before the term ends (29 May), i.e. on or after 9 April; local elections on the first
  // Wednesday on or after 31 May; presidential elections on the first Wednesday on or
  // after the 70th day before the term ends (the term that began on 4 June 2025 ends on
  // 3 June 2030, then every five years, barring another early election); art. 34(2)
  // moves the day a week when it or a neighbouring day is a public holiday.
  // `presidentialElectionDay` below computes the presidential rows; a test checks them.
  { date: '2028-04-12', name: 'National Assembly election', kind: 'election', status: 'estimated' },
  { date: '2030-03-27', name: 'Presidential election', kind: 'election', status: 'estimated', note: 'term ends 2030-06-03; 70th day before is Mon 2030-03-25' },
  {
    date: '2030-06-12',
    name: 'Local elections',
    kind: 'election',
    status: 'estimated',
    note: '5 June would sit next to Memorial Day (6 June), so art. 34(2) moves it a week',
  },
  { date: '2032-04-14', name: 'National Assembly election', kind: 'election', status: 'estimated' },
  { date: '2034-05-31', name: 'Local elections', kind: 'election', status: 'estimated' },
  { date: '2035-03-28', name: 'Presidential election', kind: 'election', status: 'estimated', note: 'term ends 2035-06-03' },
  { date: '2036-04-09', name: 'National Assembly election', kind: 'election', status: 'estimated' },
  { date: '2038-06-02', name: 'Local elections', kind: 'election', status: 'estimated' },
  { date: '2040-03-28', name: 'Presidential election', kind: 'election', status: 'estimated', note: 'term ends 2040-06-03' },
  { date: '2040-04-11', name: 'National Assembly election', kind: 'election', status: 'estimated' },
];

/** The end of the presidential term that began on 4 June 2025 (five years, art. 70 of the Constitution). */
export const KR_PRESIDENTIAL_TERM_ENDS: readonly CivilDate[] = ['2030-06-03', '2035-06-03', '2040-06-03'];

/**
 * Public Official Election Act art. 34(1)1: a presidential election at the end of a term
 * is held on the first Wednesday on or after the 70th day before the term ends. (Art.
 * 34(2)'s one-week move for a neighbouring holiday does not arise in late March.)
 */
export function presidentialElectionDay(termEnds: CivilDate): CivilDate {
  const day = new Date(Date.parse(`${termEnds}T00:00:00Z`) - 70 * 86_400_000);
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Lunar holidays that date-holidays 3.37.0 places on the wrong days: the day of the
 * holiday (8/15 for Chuseok), by year. Its lunar calendar puts the 2033 leap month before
 * the 8th month, so it has Chuseok on 2033-10-06..08; the Korean calendar (KASI) has the
 * leap month after the 11th month, so Chuseok is 2033-09-07..09. Found by comparing with
 * QuantLib's SouthKorea calendar and checked with an astronomical computation of the new
 * moons and solar terms (scripts/korean-lunar-dates.ts, test/calendar/kr-lunar.test.ts),
 * which agrees with every other lunar holiday of 2025–2040.
 */
export const KR_CHUSEOK_CORRECTIONS: Readonly<Record<number, CivilDate>> = {
  2033: '2033-09-08',
};

/**
 * Holidays whose status changed inside the supported range; date-holidays keeps only the
 * current list, so these correct it. Arbor Day stopped being a public holiday in 2006,
 * Constitution Day in 2008 (and came back in 2026, which date-holidays already knows),
 * and Hangul Day was not a public holiday from 1991 until it was restored in 2013.
 */
export const KR_ARBOR_DAY_LAST_YEAR = 2005;
export const KR_CONSTITUTION_DAY_FIRST_GAP_YEAR = 2008;
export const KR_HANGUL_DAY_RESTORED_YEAR = 2013;

/**
 * Labor Day (1 May). Banks have closed on it since the Workers' Day Act moved the day to
 * 1 May in 1994 (the Bank of Korea lists it among its closures). From 2026 it is also a
 * public holiday under the amended Act on Public Holidays, which makes it count for the
 * substitute-holiday rule. That it gets a substitute day when it falls on a weekend
 * (e.g. Mon 2027-05-03) was reported when the amendment passed
 * (https://github.com/nager/Nager.Date/issues/972) but has not been seen applied yet:
 * treat those substitute days as uncertain.
 */
export const KR_LABOR_DAY_PUBLIC_SINCE = 2026;

/**
 * Year the substitute-holiday rule starts for each holiday (Regulations on Holidays of
 * Government Offices art. 3, as amended in 2013, 2021 and 2023; Act on Public Holidays
 * 2026 for Constitution Day and Labor Day). Seollal and Chuseok are substituted only
 * when one of their three days is a Sunday or another public holiday; the others also
 * when they fall on a Saturday.
 */
export const KR_SUBSTITUTE_SINCE = {
  seollal: 2014,
  chuseok: 2014,
  "Children's Day": 2014,
  'Independence Movement Day': 2021,
  'Liberation Day': 2021,
  'National Foundation Day': 2021,
  'Hangul Day': 2021,
  "Buddha's Birthday": 2023,
  'Christmas Day': 2023,
  'Constitution Day': 2026,
  'Labor Day': KR_LABOR_DAY_PUBLIC_SINCE,
} as const;

/**
 * Year-end closure on 31 December. The Seoul interbank foreign-exchange market and the
 * Korea Exchange close on the last day of the year
 * (https://koreajoongangdaily.joins.com/news/2025-12-17/business/finance/Forex-market-to-close-on-Dec-31-reopen-on-Jan-2/2480047),
 * so a cross-border won settlement cannot happen then even though bank branches open.
 * When 31 December falls on a weekend the exchange closes the last weekday before it;
 * that move is not modelled (the product treats only 31 December as closed). Uncertain.
 */
export const KR_YEAR_END_CLOSURE_NAME = 'Year-end closure';
