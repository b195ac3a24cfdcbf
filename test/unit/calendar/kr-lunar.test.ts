/**
 * The lunar holidays and statutory election days of KR-BANK, checked against sources that
 * do not come from date-holidays: an astronomical computation of new moons and solar
 * terms (scripts/korean-lunar-dates.ts, astronomy-engine), the KASI-based conversion table
 * of `korean-lunar-calendar`, and the election rule of the Public Official Election Act.
 */
import KoreanLunarCalendarModule from 'korean-lunar-calendar';
import { describe, expect, it } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import { isWeekend, toDayNumber } from '../../../src/core/civil-date.ts';
import { closedWeekdays } from '../../../src/calendar/holiday-data.ts';
import { KR_DATED_CLOSURES, KR_PRESIDENTIAL_TERM_ENDS, presidentialElectionDay } from '../../../src/calendar/kr-bank-days.ts';
import { koreanLunarHolidays } from '../../../scripts/korean-lunar-dates.ts';

const FIRST = 2025;
const LAST = 2040;
const years = Array.from({ length: LAST - FIRST + 1 }, (_, i) => FIRST + i);
const kr = new CalendarRegistry().get('KR-BANK');
// The package's types describe a CommonJS default; at run time the ESM build's default is the class.
const KoreanLunarCalendar = KoreanLunarCalendarModule as unknown as typeof KoreanLunarCalendarModule.default;

function kasi(year: number, month: number, day: number): string {
  const c = new KoreanLunarCalendar();
  if (!c.setLunarDate(year, month, day, false)) throw new Error(`no lunar date ${year}/${month}/${day}`);
  const s = c.getSolarCalendar();
  return `${s.year}-${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
}

const LUNAR_NAME = /^(Seollal|Chuseok|Buddha's Birthday)/;

describe('KR-BANK lunar holidays 2025–2040', () => {
  const computed = new Map(years.map((y) => [y, koreanLunarHolidays(y)]));

  it('the astronomical computation agrees with the KASI table for every year', () => {
    for (const year of years) {
      const h = computed.get(year)!;
      expect([h.seollal[1], h.buddhasBirthday, h.chuseok[1]], String(year)).toEqual([kasi(year, 1, 1), kasi(year, 4, 8), kasi(year, 8, 15)]);
    }
  });

  it('closes exactly the computed days (weekdays), and no other day under a lunar name', () => {
    for (const year of years) {
      const h = computed.get(year)!;
      const expected = [...h.seollal, h.buddhasBirthday, ...h.chuseok].filter((d) => !isWeekend(toDayNumber(d)));
      for (const date of expected) expect(kr.isOpen(date), `${year}: ${date}`).toBe(false);
      const named = closedWeekdays('KR-BANK', year, year)
        .filter((d) => !d.name.startsWith('Substitute') && d.name.split(' & ').some((n) => LUNAR_NAME.test(n)))
        .map((d) => d.date);
      expect(
        named.filter((d) => !expected.includes(d)),
        String(year),
      ).toEqual([]);
    }
  });

  it('Chuseok 2033 is Wed 09-07 to Fri 09-09, not date-holidays’ Thu 10-06 and Fri 10-07', () => {
    expect(computed.get(2033)!.chuseok).toEqual(['2033-09-07', '2033-09-08', '2033-09-09']);
    for (const date of ['2033-09-07', '2033-09-08', '2033-09-09']) expect(kr.isOpen(date), date).toBe(false);
    for (const date of ['2033-10-05', '2033-10-06', '2033-10-07']) expect(kr.isOpen(date), date).toBe(true);
  });
});

describe('KR-BANK presidential election days', () => {
  it('follow art. 34(1): the first Wednesday on or after the 70th day before the term ends, labelled estimated', () => {
    expect(KR_PRESIDENTIAL_TERM_ENDS.map(presidentialElectionDay)).toEqual(['2030-03-27', '2035-03-28', '2040-03-28']);
    const rows = KR_DATED_CLOSURES.filter((r) => r.name === 'Presidential election' && r.date > '2026-01-01');
    expect(rows.map((r) => [r.date, r.status])).toEqual([
      ['2030-03-27', 'estimated'],
      ['2035-03-28', 'estimated'],
      ['2040-03-28', 'estimated'],
    ]);
    for (const r of rows) expect(kr.isOpen(r.date), r.date).toBe(false);
  });
});

describe('a Korean clock across the corrected days', () => {
  const joint = new CalendarRegistry().get('US-FRB+KR-BANK');

  it('a notice on Wed 2033-07-20 is due Wed 2033-09-28 (Chuseok closes 09-07..09-09), not Fri 09-23', () => {
    expect(joint.advance('2033-07-20', 45)).toBe('2033-09-28');
    expect(joint.closedDaysBetween('2033-09-01', '2033-09-30').map((d) => d.date)).toEqual(['2033-09-05', '2033-09-07', '2033-09-08', '2033-09-09']);
  });

  it('a notice on Mon 2030-02-11 counts the 2030 presidential election as closed', () => {
    // 2030-03-01 (Independence Movement Day, Fri) and 2030-03-27 fall inside; 2030-02-18
    // is Washington's Birthday.
    const due = joint.advance('2030-02-11', 45);
    expect(joint.openDaysBetween('2030-02-11', due)).toBe(45);
    expect(joint.isOpen('2030-03-27')).toBe(false);
    expect(due).toBe('2030-04-18');
  });
});
