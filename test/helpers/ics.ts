/** Reading a calendar feed back with node-ical, an independent iCalendar parser. */
import ical from 'node-ical';

export interface ParsedEvent {
  uid: string;
  /** `YYYY-MM-DD` of an all-day event (node-ical gives a local midnight). */
  date: string;
  dateOnly: boolean;
  summary: string;
  description: string;
  sequence: number;
  status: string;
}

function localDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function parseFeed(text: string): { calendar: Record<string, unknown>; events: ParsedEvent[] } {
  const data = ical.sync.parseICS(text);
  const events: ParsedEvent[] = [];
  let calendar: Record<string, unknown> = {};
  for (const value of Object.values(data)) {
    const v = value as unknown as Record<string, unknown> & { type?: string; start?: Date & { dateOnly?: boolean } };
    if (v.type === 'VCALENDAR') calendar = v;
    if (v.type !== 'VEVENT') continue;
    events.push({
      uid: String(v.uid),
      date: localDate(v.start!),
      dateOnly: v.start!.dateOnly === true,
      summary: String(v.summary),
      description: String(v.description),
      sequence: Number(v.sequence),
      status: String(v.status),
    });
  }
  return { calendar, events };
}
