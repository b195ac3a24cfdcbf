/** SQL for deals (reference data shared by every workspace, seeded by migration). */
import type { Deal } from '../domain/project.ts';
import type { Queryable } from './database.ts';

export async function listDeals(q: Queryable): Promise<Deal[]> {
  const { rows } = await q.query<{
    code: string;
    name: string;
    partner: string;
    signed_on: string;
    commitment_usd: number;
    selection_ends_on: string | null;
    clock_days: number;
    clock_calendar: string;
    compare_calendars: string[];
    source_url: string;
    note: string | null;
  }>('SELECT * FROM deal ORDER BY code');
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    partner: r.partner,
    signedOn: r.signed_on,
    commitmentUsd: r.commitment_usd,
    selectionEndsOn: r.selection_ends_on,
    clockDays: r.clock_days,
    clockCalendar: r.clock_calendar,
    compareCalendars: r.compare_calendars,
    sourceUrl: r.source_url,
    note: r.note,
  }));
}
