import { describe, expect, it } from 'vitest';
import { CalendarRegistry, formatCalendarId, parseCalendarId } from '../../../src/calendar/calendars.ts';
import type { CalendarOverride } from '../../../src/calendar/business-calendar.ts';
import { UserError } from '../../../src/core/errors.ts';

function userErrorOf(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('parseCalendarId', () => {
  it('reads base and joint ids case-insensitively', () => {
    expect(parseCalendarId('US-FRB')).toEqual(['US-FRB']);
    expect(parseCalendarId('us-frb+jp-bank')).toEqual(['US-FRB', 'JP-BANK']);
    expect(parseCalendarId(' US-FRB + KR-BANK ')).toEqual(['US-FRB', 'KR-BANK']);
    expect(parseCalendarId('jp-bank+US-FRB')).toEqual(['JP-BANK', 'US-FRB']);
  });

  it('de-duplicates parts and accepts US-FED for US-FRB', () => {
    expect(parseCalendarId('JP-BANK+jp-bank')).toEqual(['JP-BANK']);
    expect(parseCalendarId('US-FED')).toEqual(['US-FRB']);
    expect(parseCalendarId('us-fed+US-FRB+JP-BANK')).toEqual(['US-FRB', 'JP-BANK']);
    expect(formatCalendarId(['US-FRB', 'JP-BANK', 'US-FRB'])).toBe('US-FRB+JP-BANK');
  });

  it('refuses anything else with unknown_calendar', () => {
    for (const text of ['', '   ', 'US', 'NYSE', 'US-FRB+', '+JP-BANK', 'US-FRB++JP-BANK', 'US-FRB,JP-BANK', 'x'.repeat(500)]) {
      const err = userErrorOf(() => parseCalendarId(text));
      expect(err.code, text).toBe('unknown_calendar');
      expect(err.details.allowed).toBe('US-FRB, US-OPM, JP-BANK, KR-BANK');
    }
    expect(userErrorOf(() => parseCalendarId('US-FRB+EU-TARGET')).details.value).toBe('EU-TARGET');
    expect(userErrorOf(() => parseCalendarId('US-FRB+EU-TARGET')).userMessage()).toContain('`EU-TARGET` is not a calendar');
  });
});

describe('CalendarRegistry', () => {
  it('caches one calendar per canonical id', () => {
    const registry = new CalendarRegistry();
    const a = registry.get('US-FRB+JP-BANK');
    expect(a.id).toBe('US-FRB+JP-BANK');
    expect(a.parts).toEqual(['US-FRB', 'JP-BANK']);
    expect(registry.get('us-frb + jp-bank')).toBe(a);
    expect(registry.get('US-FED+JP-BANK')).toBe(a);
    expect(registry.get('US-FRB+JP-BANK+US-FRB')).toBe(a);
    expect(registry.get('JP-BANK+US-FRB').id).toBe('JP-BANK+US-FRB');
    expect(userErrorOf(() => registry.get('JP')).code).toBe('unknown_calendar');
  });

  it("a 'close' override adds a closed day and moves the due date by one", () => {
    const override: CalendarOverride = { calendar: 'JP-BANK', date: '2026-03-03', action: 'close', reason: 'Government closure' };
    const registry = new CalendarRegistry([override]);
    expect(registry.get('JP-BANK').isOpen('2026-03-03')).toBe(false);
    expect(registry.get('JP-BANK').advance('2026-02-17', 45)).toBe('2026-04-24');
    expect(registry.get('US-FRB+JP-BANK').advance('2026-02-17', 45)).toBe('2026-04-24');
    expect(registry.get('US-FRB+JP-BANK').closedDaysBetween('2026-03-03', '2026-03-03')).toEqual([
      { date: '2026-03-03', name: 'Government closure (JP-BANK)' },
    ]);
    // Calendars without the part are untouched.
    expect(registry.get('US-FRB').isOpen('2026-03-03')).toBe(true);
    expect(registry.get('US-FRB').advance('2026-02-17', 45)).toBe('2026-04-21');
  });

  it("an 'open' override reopens a holiday on that part only", () => {
    const registry = new CalendarRegistry([{ calendar: 'JP-BANK', date: '2026-03-20', action: 'open', reason: 'Corrected list' }]);
    expect(registry.get('JP-BANK').isOpen('2026-03-20')).toBe(true);
    expect(registry.get('JP-BANK').advance('2026-02-17', 45)).toBe('2026-04-22');
    expect(registry.get('US-FRB+JP-BANK').advance('2026-02-17', 45)).toBe('2026-04-22');
    // Reopening the Japanese side does not open a day the other side closes.
    const both = new CalendarRegistry([{ calendar: 'JP-BANK', date: '2026-01-01', action: 'open', reason: 'test' }]);
    expect(both.get('JP-BANK').isOpen('2026-01-01')).toBe(true);
    expect(both.get('US-FRB+JP-BANK').isOpen('2026-01-01')).toBe(false);
  });

  it('overrides on a Korean date reach only the joints containing KR-BANK', () => {
    const registry = new CalendarRegistry([{ calendar: 'KR-BANK', date: '2026-04-15', action: 'close', reason: 'Temporary holiday' }]);
    expect(registry.get('US-FRB+KR-BANK').isOpen('2026-04-15')).toBe(false);
    expect(registry.get('KR-BANK+US-FRB').isOpen('2026-04-15')).toBe(false);
    expect(registry.get('US-FRB+JP-BANK').isOpen('2026-04-15')).toBe(true);
  });

  it('keeps weekends closed whatever an override says', () => {
    const registry = new CalendarRegistry([
      { calendar: 'US-FRB', date: '2026-07-04', action: 'open', reason: 'no effect' },
      { calendar: 'US-FRB', date: '2026-07-05', action: 'close', reason: 'no effect' },
    ]);
    expect(registry.get('US-FRB').isOpen('2026-07-04')).toBe(false);
    expect(registry.get('US-FRB').advance('2026-07-02', 1)).toBe('2026-07-03');
  });

  it('the later of two overrides on the same day wins', () => {
    const registry = new CalendarRegistry([
      { calendar: 'US-FRB', date: '2026-03-03', action: 'close', reason: 'first' },
      { calendar: 'US-FRB', date: '2026-03-03', action: 'open', reason: 'second' },
    ]);
    expect(registry.get('US-FRB').isOpen('2026-03-03')).toBe(true);
  });

  it('withOverrides gives a new registry and keeps calendars the change does not touch', () => {
    const base = new CalendarRegistry();
    const frb = base.get('US-FRB');
    const jp = base.get('JP-BANK');
    const joint = base.get('US-FRB+JP-BANK');
    const next = base.withOverrides([{ calendar: 'JP-BANK', date: '2026-03-03', action: 'close', reason: 'closure' }]);
    expect(next).not.toBe(base);
    expect(next.get('US-FRB')).toBe(frb);
    expect(next.get('JP-BANK')).not.toBe(jp);
    expect(next.get('US-FRB+JP-BANK')).not.toBe(joint);
    expect(next.get('JP-BANK').isOpen('2026-03-03')).toBe(false);
    // The old registry is unchanged.
    expect(base.get('JP-BANK').isOpen('2026-03-03')).toBe(true);
    expect(base.overrides).toEqual([]);
    // Removing the override again restores the original dates.
    expect(next.withOverrides([]).get('US-FRB+JP-BANK').advance('2026-02-17', 45)).toBe('2026-04-23');
  });

  it('is not affected by later changes to the array it was given', () => {
    const overrides: CalendarOverride[] = [{ calendar: 'US-FRB', date: '2026-03-03', action: 'close', reason: 'x' }];
    const registry = new CalendarRegistry(overrides);
    overrides.length = 0;
    expect(registry.get('US-FRB').isOpen('2026-03-03')).toBe(false);
  });
});
