import { describe, expect, it } from 'vitest';
import { fromDayNumber, isWeekend, toDayNumber } from '../../../src/core/civil-date.ts';
import { BusinessCalendar } from '../../../src/calendar/business-calendar.ts';
import { BASE_CALENDARS, type BaseCalendarId } from '../../../src/calendar/holiday-data.ts';
import { UserError } from '../../../src/core/errors.ts';

const cal = (...parts: BaseCalendarId[]) => new BusinessCalendar(parts);
const FRB = cal('US-FRB');
const OPM = cal('US-OPM');
const JP = cal('JP-BANK');
const FRB_JP = cal('US-FRB', 'JP-BANK');

function userErrorOf(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

/** Naive references: walk one day at a time over isOpen. */
function naiveAdvance(c: BusinessCalendar, date: string, n: number): string {
  let day = toDayNumber(date);
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; ) {
    day += step;
    if (c.isOpen(fromDayNumber(day))) left--;
  }
  return fromDayNumber(day);
}

function naiveBetween(c: BusinessCalendar, from: string, to: string): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  let count = 0;
  for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (c.isOpen(fromDayNumber(d))) count++;
  return b >= a ? count : -count || 0;
}

/** Deterministic pseudo-random numbers (mulberry32), so failures reproduce. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the worked example (README, Clock rules)', () => {
  it('notice 2026-02-17 → day 45', () => {
    expect(FRB.advance('2026-02-17', 45)).toBe('2026-04-21');
    expect(OPM.advance('2026-02-17', 45)).toBe('2026-04-21');
    expect(JP.advance('2026-02-17', 45)).toBe('2026-04-23');
    expect(FRB_JP.advance('2026-02-17', 45)).toBe('2026-04-23');
  });

  it('notice 2026-02-18 → day 45', () => {
    expect(FRB.advance('2026-02-18', 45)).toBe('2026-04-22');
    expect(OPM.advance('2026-02-18', 45)).toBe('2026-04-22');
    expect(JP.advance('2026-02-18', 45)).toBe('2026-04-24');
    expect(FRB_JP.advance('2026-02-18', 45)).toBe('2026-04-24');
  });

  it('elapsed and remaining on the way', () => {
    const notice = '2026-02-17';
    const due = FRB_JP.advance(notice, 45);
    expect(FRB_JP.openDaysBetween(notice, due)).toBe(45);
    expect(FRB_JP.openDaysBetween(due, due)).toBe(0); // remaining on the due date
    expect(FRB_JP.openDaysBetween(notice, notice)).toBe(0);
    expect(FRB_JP.openDaysBetween(due, '2026-04-24')).toBe(1); // overdue by one
    expect(FRB_JP.openDaysBetween('2026-04-22', due)).toBe(1); // one left the day before
  });
});

describe('advance', () => {
  it('never counts the notice day, even when it is a holiday', () => {
    expect(OPM.advance('2026-07-03', 1)).toBe('2026-07-06');
    expect(OPM.advance('2026-07-02', 1)).toBe('2026-07-06');
    expect(FRB.advance('2026-07-02', 1)).toBe('2026-07-03');
  });

  it('counts from a weekend notice: day 1 is the first open day after it', () => {
    expect(FRB.advance('2026-02-21', 1)).toBe('2026-02-23'); // Sat → Mon
    expect(JP.advance('2026-02-21', 1)).toBe('2026-02-24'); // Mon 02-23 is the Emperor's Birthday
    expect(FRB.advance('2026-02-22', 1)).toBe('2026-02-23'); // Sun → Mon
  });

  it('n = 0 returns the date itself, open or not', () => {
    expect(FRB.advance('2026-02-17', 0)).toBe('2026-02-17');
    expect(FRB.advance('2026-02-21', 0)).toBe('2026-02-21');
    expect(OPM.advance('2026-07-03', 0)).toBe('2026-07-03');
  });

  it('crosses year ends on JP-BANK, skipping 31 Dec, 1 Jan and the 2–3 Jan bank days', () => {
    expect(JP.advance('2026-12-30', 1)).toBe('2027-01-04'); // 12/31 bank, 1/1 holiday, 1/2–1/3 weekend
    expect(JP.advance('2025-12-30', 1)).toBe('2026-01-05'); // 12/31, 1/1, 1/2 closed; 1/3–1/4 weekend
    expect(JP.advance('2026-12-29', 2)).toBe('2027-01-04');
    expect(FRB.advance('2026-12-30', 1)).toBe('2026-12-31');
    expect(FRB_JP.advance('2026-12-30', 1)).toBe('2027-01-04');
    expect(OPM.advance('2027-12-30', 1)).toBe('2028-01-03'); // Fri 12-31 is New Year's Day observed
    expect(FRB.advance('2027-12-30', 1)).toBe('2027-12-31');
  });

  it('counts back with a negative n', () => {
    expect(JP.advance('2027-01-04', -1)).toBe('2026-12-30');
    expect(OPM.advance('2026-07-06', -1)).toBe('2026-07-02');
    expect(FRB.advance('2026-04-21', -45)).toBe('2026-02-17');
  });

  it('rejects a non-integer count', () => {
    expect(() => FRB.advance('2026-02-17', 1.5)).toThrow(RangeError);
  });
});

describe('openDaysBetween and closedDaysBetween', () => {
  it('counts (from, to] and is negative for a backward span', () => {
    expect(FRB.openDaysBetween('2026-07-02', '2026-07-06')).toBe(2); // Fri 07-03 open on the Fed
    expect(OPM.openDaysBetween('2026-07-02', '2026-07-06')).toBe(1);
    expect(OPM.openDaysBetween('2026-07-06', '2026-07-02')).toBe(-1);
    expect(JP.openDaysBetween('2026-12-30', '2027-01-04')).toBe(1);
    expect(JP.openDaysBetween('2027-01-04', '2026-12-30')).toBe(-1);
  });

  it('lists closed weekdays with names, saying which part closes in a joint', () => {
    expect(JP.closedDaysBetween('2026-04-28', '2026-05-07')).toEqual([
      { date: '2026-04-29', name: 'Showa Day' },
      { date: '2026-05-04', name: 'Greenery Day' },
      { date: '2026-05-05', name: "Children's Day" },
      { date: '2026-05-06', name: 'Substitute holiday (Constitution Memorial Day)' },
    ]);
    expect(FRB_JP.closedDaysBetween('2026-01-01', '2026-01-02')).toEqual([
      { date: '2026-01-01', name: "New Year's Day (US-FRB) / New Year's Day (JP-BANK)" },
      { date: '2026-01-02', name: 'Bank holiday (2 Jan) (JP-BANK)' },
    ]);
    expect(FRB_JP.closedDaysBetween('2026-05-26', '2026-05-24')).toEqual([]);
    // Inclusive at both ends.
    expect(FRB.closedDaysBetween('2026-05-25', '2026-05-25')).toEqual([{ date: '2026-05-25', name: 'Memorial Day' }]);
  });
});

describe('joint calendars against a brute-force reference, 2025–2027', () => {
  const ids: BaseCalendarId[][] = BASE_CALENDARS.map((id) => [id]);
  for (let i = 0; i < BASE_CALENDARS.length; i++) {
    for (let j = i + 1; j < BASE_CALENDARS.length; j++) ids.push([BASE_CALENDARS[i]!, BASE_CALENDARS[j]!]);
  }
  ids.push(['US-FRB', 'JP-BANK', 'KR-BANK']);
  const singles = Object.fromEntries(BASE_CALENDARS.map((id) => [id, cal(id)])) as Record<BaseCalendarId, BusinessCalendar>;
  const first = toDayNumber('2025-01-01');
  const last = toDayNumber('2027-12-31');

  for (const parts of ids) {
    it(`${parts.join('+')}: open exactly when every part is open; advance and counts agree with a walk`, () => {
      const joint = cal(...parts);
      expect(joint.id).toBe(parts.join('+'));
      for (let d = first; d <= last; d++) {
        const date = fromDayNumber(d);
        const expected = !isWeekend(d) && parts.every((p) => singles[p].isOpen(date));
        if (joint.isOpen(date) !== expected) expect.fail(`${joint.id} ${date}`);
      }
      // Every closed day reported is a weekday on which some part is closed.
      for (const c of joint.closedDaysBetween('2025-01-01', '2027-12-31')) {
        expect(isWeekend(toDayNumber(c.date))).toBe(false);
        expect(parts.some((p) => !singles[p].isOpen(c.date))).toBe(true);
      }
      const rnd = random(parts.join('+').length * 7919);
      for (let k = 0; k < 300; k++) {
        const notice = fromDayNumber(first + Math.floor(rnd() * (last - first - 120)));
        const n = Math.floor(rnd() * 70) - 5;
        const due = joint.advance(notice, n);
        expect(due, `${notice} + ${n}`).toBe(naiveAdvance(joint, notice, n));
        const other = fromDayNumber(first + Math.floor(rnd() * (last - first)));
        expect(joint.openDaysBetween(notice, other), `${notice}..${other}`).toBe(naiveBetween(joint, notice, other));
        if (n >= 0) expect(joint.openDaysBetween(notice, due)).toBe(n);
      }
    });
  }

  it('every notice date in 2025–2027, n = 45, on the JP clock calendar', () => {
    for (let d = first; d <= last - 100; d++) {
      const notice = fromDayNumber(d);
      const due = FRB_JP.advance(notice, 45);
      if (due !== naiveAdvance(FRB_JP, notice, 45)) expect.fail(notice);
      if (FRB_JP.openDaysBetween(notice, due) !== 45) expect.fail(notice);
    }
  });
});

describe('supported range', () => {
  it('has fixed first and last dates', () => {
    expect(FRB.firstDate).toBe('2000-01-01');
    expect(FRB.lastDate).toBe('2040-12-31');
    expect(FRB.isOpen('2000-01-03')).toBe(true);
    expect(FRB.isOpen('2040-12-31')).toBe(true);
  });

  it('rejects dates outside it with date_out_of_range', () => {
    for (const f of [
      () => FRB.isOpen('1999-12-31'),
      () => FRB.isOpen('2041-01-01'),
      () => FRB.advance('1999-12-31', 1),
      () => FRB.openDaysBetween('2026-01-01', '2041-01-02'),
      () => FRB.closedDaysBetween('1999-01-01', '2026-01-01'),
    ]) {
      const err = userErrorOf(f);
      expect(err.code).toBe('date_out_of_range');
      expect(err.details).toMatchObject({ min: '2000-01-01', max: '2040-12-31' });
    }
  });

  it('throws date_out_of_range when advance would pass the end', () => {
    expect(FRB.advance('2040-12-28', 1)).toBe('2040-12-31');
    expect(userErrorOf(() => FRB.advance('2040-12-31', 1)).code).toBe('date_out_of_range');
    expect(userErrorOf(() => FRB_JP.advance('2040-11-20', 45)).code).toBe('date_out_of_range');
    expect(userErrorOf(() => FRB.advance('2000-01-03', -1)).code).toBe('date_out_of_range');
  });

  it('rejects malformed dates with invalid_date', () => {
    expect(userErrorOf(() => FRB.isOpen('2026-02-30')).code).toBe('invalid_date');
    expect(userErrorOf(() => FRB.advance('17/02/2026', 45)).code).toBe('invalid_date');
  });
});

describe('speed', () => {
  it('answers 100,000 advances quickly (binary search, no per-day work)', () => {
    const start = performance.now();
    const day = toDayNumber('2025-01-01');
    for (let i = 0; i < 100_000; i++) FRB_JP.advance(fromDayNumber(day + (i % 1500)), 45);
    // ~1 µs each in practice; the bound only catches a fall back to day-by-day walking.
    expect(performance.now() - start).toBeLessThan(3_000);
  });
});
