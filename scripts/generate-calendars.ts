/**
 * Regenerates src/calendar/closed-weekdays.json from date-holidays plus the corrections in
 * src/calendar/holiday-rules.ts. Run after upgrading date-holidays or changing a rule:
 *   npm run calendars
 * then review the diff of the JSON: every changed closed day shows up there.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BASE_CALENDARS, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR, type ClosedWeekdayTable } from '../src/calendar/holiday-data.ts';
import { buildClosedWeekdays } from '../src/calendar/holiday-rules.ts';
import { japaneseNames } from '../src/calendar/holiday-names-ja.ts';

export function generateTable(): ClosedWeekdayTable {
  const version = (createRequire(import.meta.url)('date-holidays/package.json') as { version: string }).version;
  const calendars = {} as ClosedWeekdayTable['calendars'];
  const namesJa = {} as ClosedWeekdayTable['namesJa'];
  for (const id of BASE_CALENDARS) {
    calendars[id] = Object.fromEntries(buildClosedWeekdays(id, CALENDAR_FIRST_YEAR, CALENDAR_LAST_YEAR).map((d) => [d.date, d.name]));
    namesJa[id] = japaneseNames(id, Object.values(calendars[id]));
  }
  return {
    firstYear: CALENDAR_FIRST_YEAR,
    lastYear: CALENDAR_LAST_YEAR,
    source: `date-holidays ${version} with the corrections of src/calendar/holiday-rules.ts`,
    calendars,
    namesJa,
  };
}

if (process.argv[1]?.endsWith('generate-calendars.ts')) {
  const out = new URL('../src/calendar/closed-weekdays.json', import.meta.url);
  writeFileSync(out, JSON.stringify(generateTable(), null, 1) + '\n');
  process.stdout.write(`wrote ${out.pathname}\n`);
}
