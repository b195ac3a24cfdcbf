/**
 * Japanese names of closed days: generated into closed-weekdays.json next to the English
 * ones (the table test proves the file equals the generator's output), complete for every
 * calendar, and shown by a calendar asked for Japanese while English stays as it was.
 */
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../../src/calendar/business-calendar.ts';
import table from '../../../src/calendar/closed-weekdays.json' with { type: 'json' };
import { BASE_CALENDARS, type ClosedWeekdayTable } from '../../../src/calendar/holiday-data.ts';
import { japaneseNames } from '../../../src/calendar/holiday-names-ja.ts';

const t = table as unknown as ClosedWeekdayTable;

describe('Japanese names of closed days', () => {
  it.each(BASE_CALENDARS)('every closed day of %s has a Japanese name', (id) => {
    const names = new Set(Object.values(t.calendars[id]));
    expect(Object.keys(t.namesJa[id]).sort()).toEqual([...names].sort());
    for (const ja of Object.values(t.namesJa[id])) expect(ja, ja).not.toMatch(/[A-Za-z]{2,}/);
  });

  it('JP-BANK uses the official names, 2000–2040, with no Latin letter left', () => {
    const jp = new BusinessCalendar(['JP-BANK']);
    const days = jp.closedDaysBetween('2000-01-01', '2040-12-31', 'ja');
    expect(days.length).toBe(Object.keys(t.calendars['JP-BANK']).length);
    for (const d of days) expect(d.name, d.date).not.toMatch(/[A-Za-z]/);
    const on = (date: string) => jp.closedDaysBetween(date, date, 'ja')[0]?.name;
    expect(on('2026-05-06')).toBe('振替休日（憲法記念日）');
    expect(on('2026-09-22')).toBe('国民の休日');
    expect(on('2019-05-01')).toBe('即位の日');
    expect(on('2019-10-22')).toBe('即位礼正殿の儀');
    expect(on('2026-01-02')).toBe('銀行休業日（1月2日）');
    expect(on('2023-01-02')).toBe('振替休日（元日）・銀行休業日（1月2日）');
    // English is unchanged, and the default.
    expect(jp.closedDaysBetween('2026-05-06', '2026-05-06')[0]?.name).toBe('Substitute holiday (Constitution Memorial Day)');
  });

  it('a joint names each side in its own words; an override keeps the reason as typed', () => {
    const joint = new BusinessCalendar(['US-FRB', 'KR-BANK'], [{ calendar: 'KR-BANK', date: '2026-12-29', action: 'close', reason: 'Year-end (ad hoc)' }]);
    expect(joint.closedDaysBetween('2026-02-16', '2026-02-16', 'ja')[0]?.name).toBe('ワシントン誕生日（US-FRB） / ソルラル（旧正月）（KR-BANK）');
    expect(joint.closedDaysBetween('2026-12-29', '2026-12-29', 'ja')[0]?.name).toBe('Year-end (ad hoc)（KR-BANK）');
    expect(joint.closedDaysBetween('2026-02-16', '2026-02-16')[0]?.name).toBe("Washington's Birthday (US-FRB) / Seollal (KR-BANK)");
  });

  it('a name with no Japanese entry is left out, so the English one is shown', () => {
    expect(japaneseNames('KR-BANK', ['Temporary holiday (something new)', 'Chuseok'])).toEqual({ Chuseok: '秋夕（チュソク）' });
    expect(japaneseNames('US-FRB', ['Juneteenth (observed)'])).toEqual({ 'Juneteenth (observed)': '奴隷解放記念日（振替休日）' });
  });
});
