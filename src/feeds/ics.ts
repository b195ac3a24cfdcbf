/**
 * An iCalendar (RFC 5545) writer for the one shape dealclock publishes: a calendar of
 * all-day events. Text values are escaped (§3.3.11), lines end in CRLF and are folded at
 * 75 octets (§3.1) between UTF-8 characters, never inside one, so Japanese names survive
 * any client's unfolding byte for byte.
 *
 * Why not a library: ical-generator (10.2.0, the last for Node 20) was measured at 5 s for
 * a feed of 10,000 events, because its folding encodes the whole text one character at a
 * time, and ~100 ms without the folding; the budget is 100 ms in all (BENCHMARKS.md). What
 * a feed needs is small and is checked by an independent parser (node-ical) in the tests.
 */
import type { CivilDate } from '../core/civil-date.ts';
import { addDays } from '../core/civil-date.ts';

export interface IcsEvent {
  /** Stable across versions of the feed: a client matches its copy of the event by it. */
  uid: string;
  /** All day (DTSTART;VALUE=DATE); DTEND is the next day, as Outlook expects. */
  date: CivilDate;
  summary: string;
  description: string;
  url?: string | undefined;
  cancelled: boolean;
  /** Rises when the date or the status changes, so that clients replace their copy. */
  sequence: number;
  lastModified: Date;
}

export interface IcsCalendar {
  name: string;
  description: string;
  /** The refresh hint (REFRESH-INTERVAL, X-PUBLISHED-TTL); clients may poll less often. */
  refreshMinutes: number;
  events: readonly IcsEvent[];
}

/** The maximum line length, in octets, without the CRLF (RFC 5545 §3.1). */
export const MAX_LINE_OCTETS = 75;

/** The calendar as iCalendar text. */
export function writeIcs(calendar: IcsCalendar): string {
  const refresh = `PT${Math.max(1, Math.round(calendar.refreshMinutes))}M`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//dealclock//Funding clocks//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    `DESCRIPTION:${escapeText(calendar.description)}`,
    `X-WR-CALDESC:${escapeText(calendar.description)}`,
    `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
    `X-PUBLISHED-TTL:${refresh}`,
  ];
  let out = `${lines.map(foldLine).join('\r\n')}\r\n`;
  for (const event of calendar.events) out += writeEvent(event);
  return `${out}END:VCALENDAR\r\n`;
}

function writeEvent(e: IcsEvent): string {
  const stamp = utcStamp(e.lastModified);
  const lines = [
    'BEGIN:VEVENT',
    `UID:${escapeText(e.uid)}`,
    // No METHOD-less semantics to keep here: DTSTAMP is when this version of the event
    // came to be, so the feed's bytes change only when the event does.
    `DTSTAMP:${stamp}`,
    `LAST-MODIFIED:${stamp}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTART;VALUE=DATE:${basicDate(e.date)}`,
    `DTEND;VALUE=DATE:${basicDate(addDays(e.date, 1))}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
  ];
  if (e.url) lines.push(`URL:${e.url}`);
  lines.push(`STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`, 'TRANSP:TRANSPARENT', 'END:VEVENT');
  let out = '';
  for (const line of lines) out += `${foldLine(line)}\r\n`;
  return out;
}

// Control characters other than the line break have no escape in TEXT (§3.3.11); stored
// text never holds them (values are checked on input), and a feed must not break if one did.
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped (§3.3.11). */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Folds one content line into lines of at most 75 octets: a break is CRLF and one space
 * (which the unfolding reader removes), placed between characters. A surrogate pair is
 * one character here, so an emoji is not split either.
 */
export function foldLine(line: string): string {
  // Most lines are ASCII and short: no counting needed (a UTF-8 character is at most
  // 3 octets per UTF-16 unit, so a line of 25 units always fits).
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  let out = '';
  let start = 0;
  let octets = 0;
  // The first line may hold 75 octets; a continuation line 74 after its leading space.
  let limit = MAX_LINE_OCTETS;
  for (let i = 0; i < line.length; ) {
    const code = line.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (octets + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    octets += size;
    i += units;
  }
  return out + line.slice(start);
}

function basicDate(date: CivilDate): string {
  return date.replaceAll('-', '');
}

/** `20260423T091500Z` */
function utcStamp(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}
