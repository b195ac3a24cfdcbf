import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, MAX_LINE_OCTETS, writeIcs, type IcsEvent } from '../../../src/feeds/ics.ts';
import { parseFeed } from '../../helpers/ics.ts';

const NAME_JA = '北海道グリーン水素・アンモニア供給網整備事業（苫小牧東部地域）第二期';

function event(over: Partial<IcsEvent> = {}): IcsEvent {
  return {
    uid: 'due-1.T0TEST@dealclock',
    date: '2026-04-23',
    summary: 'Texas GulfLink — funding due (45 business days, US-FRB+JP-BANK)',
    description: 'Notice received: Tue 2026-02-17\nStage: selected',
    cancelled: false,
    sequence: 2,
    lastModified: new Date('2026-03-02T01:02:03Z'),
    ...over,
  };
}

function calendar(events: IcsEvent[]) {
  return writeIcs({ name: 'dealclock funding dates (deal JP)', description: 'Due dates; commas, too', refreshMinutes: 60, events });
}

/** Unfolding as RFC 5545 §3.1 says: remove every CRLF followed by one space or tab. */
function unfold(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

describe('iCalendar writer', () => {
  it('writes an all-day event that an independent parser reads back field for field', () => {
    const { calendar: cal, events } = parseFeed(
      calendar([event(), event({ uid: 'due-2.T0TEST@dealclock', date: '2026-12-31', cancelled: true, sequence: 5 })]),
    );
    expect(cal['WR-CALNAME']).toBe('dealclock funding dates (deal JP)');
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      uid: 'due-1.T0TEST@dealclock',
      date: '2026-04-23',
      dateOnly: true,
      summary: 'Texas GulfLink — funding due (45 business days, US-FRB+JP-BANK)',
      description: 'Notice received: Tue 2026-02-17\nStage: selected',
      sequence: 2,
      status: 'CONFIRMED',
    });
    expect(events[1]).toMatchObject({ date: '2026-12-31', sequence: 5, status: 'CANCELLED' });
  });

  it('ends every line in CRLF, has a refresh hint and a calendar name', () => {
    const text = calendar([event()]);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('\r\nREFRESH-INTERVAL;VALUE=DURATION:PT60M\r\n');
    expect(text).toContain('\r\nX-PUBLISHED-TTL:PT60M\r\n');
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20260423\r\nDTEND;VALUE=DATE:20260424\r\n');
    expect(text).toContain('\r\nDTSTAMP:20260302T010203Z\r\nLAST-MODIFIED:20260302T010203Z\r\n');
  });

  it('escapes backslashes, semicolons, commas and line breaks, and drops control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    expect(escapeText('bell\u0007tab\there')).toBe('belltabhere');
    const tricky = 'Line one; with, punctuation \\ and\nEND:VCALENDAR\nBEGIN:VEVENT';
    const { events } = parseFeed(calendar([event({ summary: tricky, description: tricky })]));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe(tricky);
    expect(events[0]!.description).toBe(tricky);
  });

  it('folds at 75 octets without splitting a UTF-8 character: Japanese text survives byte for byte', () => {
    const long = `${NAME_JA} — ${NAME_JA}、${NAME_JA} 👨‍👩‍👧 🇯🇵 ${'x'.repeat(7)}${NAME_JA}`;
    const text = calendar([event({ summary: long, description: `${long}\n${long}` })]);
    const lines = text.split('\r\n');
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(10);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(MAX_LINE_OCTETS);
      // A split character would show up as a replacement character after a round trip.
      expect(Buffer.from(line, 'utf8').toString('utf8')).toBe(line);
      expect(line).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
    }
    const summaryLine = unfold(text)
      .split('\r\n')
      .find((l) => l.startsWith('SUMMARY:'))!;
    expect(Buffer.from(summaryLine.slice('SUMMARY:'.length), 'utf8').equals(Buffer.from(escapeText(long), 'utf8'))).toBe(true);
    const { events } = parseFeed(text);
    expect(events[0]!.summary).toBe(long);
    expect(events[0]!.description).toBe(`${long}\n${long}`);
  });

  it('folds exactly at the limit: 75 octets on the first line, 1 + 74 on the next', () => {
    const line = `SUMMARY:${'a'.repeat(67)}${'あ'.repeat(10)}`; // 75 ASCII octets, then 30 octets
    const folded = foldLine(line).split('\r\n');
    expect(folded[0]).toBe(`SUMMARY:${'a'.repeat(67)}`);
    expect(folded[1]).toBe(` ${'あ'.repeat(10)}`);
    expect(foldLine('SHORT:あい')).toBe('SHORT:あい');
    // A three-octet character that would make 76 octets goes to the next line whole.
    const edge = foldLine(`X:${'a'.repeat(71)}あb`).split('\r\n');
    expect(edge.map((l) => Buffer.byteLength(l))).toEqual([73, 5]);
  });
});
