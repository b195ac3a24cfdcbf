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
  /** Events already written (writeEvents), placed after `events`. */
  written?: readonly string[];
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
  const out = `${lines.map(foldLine).join('\r\n')}\r\n`;
  // Thousands of events share a few dates, stamps and (milestones of one project) a
  // description: each is formatted once per calendar.
  const memo = { dates: new Map<CivilDate, string>(), stamps: new Map<number, string>(), description: ['', ''] as [string, string] };
  const parts = [out];
  for (const event of calendar.events) parts.push(writeEvent(event, memo));
  if (calendar.written) parts.push(...calendar.written);
  parts.push('END:VCALENDAR\r\n');
  return parts.join('');
}

/** Events as their VEVENT text, to keep and place in a calendar later (`written`). */
export function writeEvents(events: readonly IcsEvent[]): string {
  const memo = { dates: new Map<CivilDate, string>(), stamps: new Map<number, string>(), description: ['', ''] as [string, string] };
  let out = '';
  for (const event of events) out += writeEvent(event, memo);
  return out;
}

interface Memo {
  dates: Map<CivilDate, string>;
  stamps: Map<number, string>;
  /** The last description and its folded line. */
  description: [string, string];
}

function writeEvent(e: IcsEvent, memo: Memo): string {
  const ms = e.lastModified.getTime();
  let stamp = memo.stamps.get(ms);
  if (stamp === undefined) {
    const at = utcStamp(e.lastModified);
    // No METHOD-less semantics to keep here: DTSTAMP is when this version of the event
    // came to be, so the feed's bytes change only when the event does.
    stamp = `DTSTAMP:${at}\r\nLAST-MODIFIED:${at}\r\n`;
    memo.stamps.set(ms, stamp);
  }
  let dates = memo.dates.get(e.date);
  if (dates === undefined) {
    dates = `DTSTART;VALUE=DATE:${basicDate(e.date)}\r\nDTEND;VALUE=DATE:${basicDate(addDays(e.date, 1))}\r\n`;
    memo.dates.set(e.date, dates);
  }
  if (memo.description[0] !== e.description) memo.description = [e.description, foldLine(`DESCRIPTION:${escapeText(e.description)}`)];
  return (
    `BEGIN:VEVENT\r\n${foldLine(`UID:${escapeText(e.uid)}`)}\r\n${stamp}SEQUENCE:${e.sequence}\r\n${dates}` +
    `${foldLine(`SUMMARY:${escapeText(e.summary)}`)}\r\n${memo.description[1]}\r\n` +
    (e.url ? `${foldLine(`URL:${e.url}`)}\r\n` : '') +
    `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n`
  );
}

const NEEDS_ESCAPE = /[\\;,\u0000-\u001f\u007f]/;
// Control characters other than the line break have no escape in TEXT (§3.3.11); stored
// text never holds them (values are checked on input), and a feed must not break if one did.
const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/g;
const HAS_CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /\r\n|\r|\n/g;

/** A TEXT value: backslash, semicolon, comma and line breaks escaped (§3.3.11). */
export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // A few plain replacements: much cheaper than one regular expression with a callback,
  // and a feed escapes every event's description.
  let t = HAS_CONTROL.test(text) ? text.replace(CONTROL, '') : text;
  if (t.includes('\\')) t = t.replaceAll('\\', '\\\\');
  if (t.includes(';')) t = t.replaceAll(';', '\\;');
  if (t.includes(',')) t = t.replaceAll(',', '\\,');
  return t.includes('\r') ? t.replace(LINE_BREAK, '\\n') : t.replaceAll('\n', '\\n');
}

/**
 * Folds one content line into lines of at most 75 octets: a break is CRLF and one space
 * (which the unfolding reader removes), placed between characters. A surrogate pair is
 * one character here, so an emoji is not split either.
 */
export function foldLine(line: string): string {
  // A UTF-8 character is at most 3 octets per UTF-16 unit: a line of 25 units always fits.
  if (line.length <= 25) return line;
  const octets = Buffer.byteLength(line, 'utf8');
  if (octets <= MAX_LINE_OCTETS) return line;
  if (octets === line.length) {
    // ASCII: octets are characters.
    let out = line.slice(0, MAX_LINE_OCTETS);
    for (let i = MAX_LINE_OCTETS; i < line.length; i += MAX_LINE_OCTETS - 1) out += `\r\n ${line.slice(i, i + MAX_LINE_OCTETS - 1)}`;
    return out;
  }
  let out = '';
  let start = 0;
  let used = 0;
  // The first line may hold 75 octets; a continuation line 74 after its leading space.
  let limit = MAX_LINE_OCTETS;
  for (let i = 0; i < line.length; ) {
    const unit = line.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && i + 1 < line.length;
    const size = pair ? 4 : unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
    if (used + size > limit) {
      out += `${line.slice(start, i)}\r\n `;
      start = i;
      used = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    used += size;
    i += pair ? 2 : 1;
  }
  return out + line.slice(start);
}

function basicDate(date: CivilDate): string {
  return date.replaceAll('-', '');
}

/** `20260423T091500Z` */
function utcStamp(at: Date): string {
  const iso = at.toISOString(); // 2026-04-23T09:15:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}
