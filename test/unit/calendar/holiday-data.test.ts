import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, isWeekend, toDayNumber, weekdayOf } from '../../../src/core/civil-date.ts';
import { BusinessCalendar } from '../../../src/calendar/business-calendar.ts';
import { BASE_CALENDARS, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, closedWeekdays, type BaseCalendarId } from '../../../src/calendar/holiday-data.ts';
import { buildClosedWeekdays } from '../../../src/calendar/holiday-rules.ts';
import table from '../../../src/calendar/closed-weekdays.json' with { type: 'json' };
import { generateTable } from '../../../scripts/generate-calendars.ts';
import { KR_DATED_CLOSURES } from '../../../src/calendar/kr-bank-days.ts';
import { UserError } from '../../../src/core/errors.ts';
import { OFFICIAL_2025_2027 } from './fixtures/official-holidays.ts';

const calendars = Object.fromEntries(BASE_CALENDARS.map((id) => [id, new BusinessCalendar([id])])) as Record<BaseCalendarId, BusinessCalendar>;

function closedSet(id: BaseCalendarId, from: number, to: number): Set<string> {
  return new Set(closedWeekdays(id, from, to).map((d) => d.date));
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = toDayNumber(from); d <= toDayNumber(to); d++) out.push(fromDayNumber(d));
  return out;
}

describe('official lists 2025–2027, day by day', () => {
  for (const id of BASE_CALENDARS) {
    it(`${id} closes exactly the official weekdays`, () => {
      const official = OFFICIAL_2025_2027[id].map((d) => d.date);
      expect(new Set(official).size).toBe(official.length);
      expect(closedWeekdays(id, 2025, 2027).map((d) => d.date)).toEqual([...official].sort());

      const closed = new Set(official);
      const cal = calendars[id];
      const wrong = days('2025-01-01', '2027-12-31').filter((date) => {
        const expectedOpen = !isWeekend(toDayNumber(date)) && !closed.has(date);
        return cal.isOpen(date) !== expectedOpen;
      });
      expect(wrong).toEqual([]);
    });
  }
});

describe('closedWeekdays', () => {
  it('returns sorted, unique weekdays with English names over the whole range', () => {
    for (const id of BASE_CALENDARS) {
      const list = closedWeekdays(id, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
      expect(list.length).toBeGreaterThan(0);
      for (let i = 0; i < list.length; i++) {
        const { date, name } = list[i]!;
        expect(isWeekend(toDayNumber(date)), `${id} ${date}`).toBe(false);
        expect(name, `${id} ${date}`).toMatch(/^[\x20-\x7e]+$/);
        if (i > 0) expect(list[i - 1]!.date < date, `${id} ${date}`).toBe(true);
      }
    }
  });

  it('slices by year and refuses years outside the supported range', () => {
    expect(closedWeekdays('JP-BANK', 2026, 2026).every((d) => d.date.startsWith('2026-'))).toBe(true);
    expect(closedWeekdays('JP-BANK', 2027, 2026)).toEqual([]);
    const err = (() => {
      try {
        closedWeekdays('US-FRB', CALENDAR_FIRST_YEAR - 1, 2026);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('date_out_of_range');
  });
});

describe('US-FRB and US-OPM', () => {
  it('FRB stays open on the Friday before a Saturday holiday; OPM closes it', () => {
    for (const date of ['2026-07-03', '2027-06-18', '2027-12-24', '2027-12-31']) {
      expect(calendars['US-FRB'].isOpen(date), date).toBe(true);
      expect(calendars['US-OPM'].isOpen(date), date).toBe(false);
    }
  });

  it('both close the Monday after a Sunday holiday', () => {
    expect(calendars['US-FRB'].isOpen('2027-07-05')).toBe(false);
    expect(calendars['US-OPM'].isOpen('2027-07-05')).toBe(false);
  });

  it('includes Veterans Day observed days, which date-holidays types as bank holidays', () => {
    expect(calendars['US-FRB'].isOpen('2029-11-12')).toBe(false);
    expect(calendars['US-OPM'].isOpen('2029-11-12')).toBe(false);
    expect(calendars['US-OPM'].isOpen('2028-11-10')).toBe(false);
    expect(calendars['US-FRB'].isOpen('2028-11-10')).toBe(true);
  });

  it('matches date-holidays (public and bank, the 11 federal holidays) over the whole range', () => {
    const federal = new Set([
      "New Year's Day",
      'Martin Luther King Jr. Day',
      "Washington's Birthday",
      'Memorial Day',
      'Juneteenth',
      'Independence Day',
      'Labour Day',
      'Columbus Day',
      'Veterans Day',
      'Thanksgiving Day',
      'Christmas Day',
    ]);
    const hd = new Holidays('US', { types: ['public', 'bank'], languages: ['en'] });
    const opm = new Set<string>();
    const frb = new Set<string>();
    for (let year = CALENDAR_FIRST_YEAR - 1; year <= CALENDAR_LAST_YEAR + 1; year++) {
      for (const h of hd.getHolidays(year, 'en')) {
        const date = h.date.slice(0, 10);
        const day = toDayNumber(date);
        const y = Number(date.slice(0, 4));
        if (y < CALENDAR_FIRST_YEAR || y > CALENDAR_LAST_YEAR || isWeekend(day)) continue;
        if (!federal.has(h.name.replace(/ \(substitute day\)$/, ''))) continue;
        opm.add(date);
        // The Fed keeps only the Sunday → Monday moves.
        if (!h.substitute || weekdayOf(day) === 1) frb.add(date);
      }
    }
    expect([...closedSet('US-OPM', CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR)]).toEqual([...opm].sort());
    expect([...closedSet('US-FRB', CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR)]).toEqual([...frb].sort());
  });

  it('closes no commemorations (Christmas Eve, Inauguration Day, Good Friday)', () => {
    for (const date of ['2026-12-24', '2029-01-19', '2026-04-03', '2027-03-26']) {
      expect(calendars['US-OPM'].isOpen(date), date).toBe(true);
    }
  });
});

describe('JP-BANK', () => {
  it('has the 2026 and 2027 weekday closures of the Cabinet Office list plus the bank days', () => {
    expect([...closedSet('JP-BANK', 2026, 2026)]).toEqual(
      [
        '01-01',
        '01-02',
        '01-12',
        '02-11',
        '02-23',
        '03-20',
        '04-29',
        '05-04',
        '05-05',
        '05-06',
        '07-20',
        '08-11',
        '09-21',
        '09-22',
        '09-23',
        '10-12',
        '11-03',
        '11-23',
        '12-31',
      ].map((md) => `2026-${md}`),
    );
    expect([...closedSet('JP-BANK', 2027, 2027)]).toEqual(
      [
        '01-01',
        '01-11',
        '02-11',
        '02-23',
        '03-22',
        '04-29',
        '05-03',
        '05-04',
        '05-05',
        '07-19',
        '08-11',
        '09-20',
        '09-23',
        '10-11',
        '11-03',
        '11-23',
        '12-31',
      ].map((md) => `2027-${md}`),
    );
    expect(calendars['JP-BANK'].isOpen('2025-12-31')).toBe(false);
  });

  it("computes the citizens' holiday by rule: 2032-09-21, which date-holidays misses", () => {
    expect(calendars['JP-BANK'].isOpen('2032-09-21')).toBe(false);
    expect(closedWeekdays('JP-BANK', 2032, 2032).find((d) => d.date === '2032-09-21')?.name).toBe("Citizens' holiday");
  });

  it('finds 2049-09-21 too, though 2049 is outside the supported range', () => {
    expect(CALENDAR_LAST_YEAR).toBeLessThan(2049);
    expect(() => calendars['JP-BANK'].isOpen('2049-09-21')).toThrowError(UserError);
    expect(buildClosedWeekdays('JP-BANK', 2049, 2049).map((d) => d.date)).toContain('2049-09-21');
  });

  it('keeps observances (Shichi-Go-San, Christmas) open', () => {
    expect(calendars['JP-BANK'].isOpen('2027-11-15')).toBe(true);
    expect(calendars['JP-BANK'].isOpen('2026-12-25')).toBe(true);
  });

  it('differs from date-holidays (public and bank) only by the citizens’ holiday fix', () => {
    const hd = new Holidays('JP', { types: ['public', 'bank'], languages: ['en'] });
    const theirs = new Set<string>();
    for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
      for (const h of hd.getHolidays(year, 'en')) {
        const date = h.date.slice(0, 10);
        if (!isWeekend(toDayNumber(date))) theirs.add(date);
      }
    }
    const ours = closedSet('JP-BANK', CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
    expect([...ours].filter((d) => !theirs.has(d))).toEqual(['2032-09-21']);
    expect([...theirs].filter((d) => !ours.has(d))).toEqual([]);
  });

  it('agrees with the substitute-holiday rule of art. 3(2) over the whole range', () => {
    const list = closedWeekdays('JP-BANK', CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR);
    const nationalNames = (name: string) => !/^(Substitute holiday|Citizens' holiday|Bank holiday)/.test(name);
    const national = new Set(list.filter((d) => nationalNames(d.name)).map((d) => toDayNumber(d.date)));
    // Sunday national holidays are not in the list (weekends are implicit); recover them.
    const hd = new Holidays('JP', { types: ['public'], languages: ['en'] });
    for (let year = CALENDAR_FIRST_YEAR; year <= CALENDAR_LAST_YEAR; year++) {
      for (const h of hd.getHolidays(year, 'en')) {
        const day = toDayNumber(h.date.slice(0, 10));
        if (weekdayOf(day) === 0 && !h.substitute) national.add(day);
      }
    }
    const expected: string[] = [];
    for (const day of [...national].sort((a, b) => a - b)) {
      if (weekdayOf(day) !== 0) continue;
      // From 2007 the nearest following day that is not a national holiday; before, Monday.
      let next = day + 1;
      if (Number(fromDayNumber(day).slice(0, 4)) >= 2007) while (national.has(next)) next++;
      expected.push(fromDayNumber(next));
    }
    const substitutes = list.filter((d) => d.name.startsWith('Substitute holiday')).map((d) => d.date);
    expect(substitutes).toEqual(expected);
  });
});

describe('KR-BANK', () => {
  const kr = calendars['KR-BANK'];

  it('closes Seollal 2026 on 02-16..02-18, not date-holidays’ 02-17..02-19', () => {
    for (const date of ['2026-02-16', '2026-02-17', '2026-02-18']) expect(kr.isOpen(date), date).toBe(false);
    expect(kr.isOpen('2026-02-19')).toBe(true);
  });

  it('closes Labor Day and 31 December on weekdays', () => {
    for (const date of ['2025-05-01', '2026-05-01', '2025-12-31', '2026-12-31', '2027-12-31']) {
      expect(kr.isOpen(date), date).toBe(false);
    }
    // 1 May 2027 is a Saturday; the Monday is its substitute (uncertain, see kr-bank-days.ts).
    expect(kr.isOpen('2027-05-03')).toBe(false);
  });

  it('closes every dated election and temporary holiday that falls on a weekday', () => {
    for (const row of KR_DATED_CLOSURES) {
      if (isWeekend(toDayNumber(row.date))) continue;
      expect(kr.isOpen(row.date), row.date).toBe(false);
    }
    expect(new Set(KR_DATED_CLOSURES.map((r) => r.date)).size).toBe(KR_DATED_CLOSURES.length);
  });

  it('applies the holidays that changed before 2014', () => {
    expect(kr.isOpen('2005-04-05')).toBe(false); // Arbor Day, last year as a holiday
    expect(kr.isOpen('2007-04-05')).toBe(true);
    expect(kr.isOpen('2007-07-17')).toBe(false); // Constitution Day until 2007
    expect(kr.isOpen('2008-07-17')).toBe(true);
    expect(kr.isOpen('2012-10-09')).toBe(true); // Hangul Day restored in 2013
    expect(kr.isOpen('2013-10-09')).toBe(false);
  });

  it('computes substitute days that agree with date-holidays’ 2014–2040 table, except the known cases', () => {
    const hd = new Holidays('KR', { types: ['public'], languages: ['en'] });
    const theirs = new Set<string>();
    for (let year = 2014; year <= CALENDAR_LAST_YEAR; year++) {
      for (const h of hd.getHolidays(year, 'en')) if (h.substitute) theirs.add(h.date.slice(0, 10));
    }
    const ours = new Set(
      closedWeekdays('KR-BANK', 2014, CALENDAR_LAST_YEAR)
        .filter((d) => d.name.includes('Substitute holiday'))
        .map((d) => d.date),
    );
    // Ours only: Labor Day substitutes (a public holiday from 2026, unknown to the data)
    // and 2036-05-06, where the data puts Buddha's Birthday's substitute on Children's Day.
    expect([...ours].filter((d) => !theirs.has(d)).sort()).toEqual(['2027-05-03', '2032-05-03', '2033-05-02', '2036-05-06', '2038-05-03', '2039-05-03']);
    expect([...theirs].filter((d) => !ours.has(d)).sort()).toEqual(['2036-05-05']);
    expect(kr.isOpen('2036-05-05')).toBe(false); // still Children's Day
  });
});

describe('the checked-in table closed-weekdays.json', () => {
  it('equals what date-holidays plus the corrections give today (run `npm run calendars` after a change)', () => {
    expect(table).toEqual(generateTable());
  });
});
