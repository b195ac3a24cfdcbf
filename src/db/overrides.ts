/** SQL for calendar overrides (closed days added or removed by a user, with a reason). */
import type { CalendarOverride } from '../calendar/business-calendar.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { Queryable } from './database.ts';

export interface StoredOverride extends CalendarOverride {
  createdBy: string;
  createdAt: Date;
}

export async function listOverrides(q: Queryable, workspaceId: string): Promise<StoredOverride[]> {
  const { rows } = await q.query<{ calendar: string; day: string; action: 'close' | 'open'; reason: string; created_by: string; created_at: Date }>(
    'SELECT calendar, day, action, reason, created_by, created_at FROM calendar_override WHERE workspace_id = $1 ORDER BY day, calendar',
    [workspaceId],
  );
  return rows.map((r) => ({
    calendar: r.calendar as CalendarOverride['calendar'],
    date: r.day,
    action: r.action,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  }));
}

export async function upsertOverride(q: Queryable, workspaceId: string, o: CalendarOverride & { createdBy: string }): Promise<StoredOverride | undefined> {
  const { rows } = await q.query<{ calendar: string; day: string; action: 'close' | 'open'; reason: string; created_by: string; created_at: Date }>(
    `WITH old AS (SELECT calendar, day, action, reason, created_by, created_at FROM calendar_override
                  WHERE workspace_id = $1 AND calendar = $2 AND day = $3)
     INSERT INTO calendar_override (workspace_id, calendar, day, action, reason, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (workspace_id, calendar, day) DO UPDATE SET action = excluded.action, reason = excluded.reason,
       created_by = excluded.created_by, created_at = now()
     RETURNING (SELECT row_to_json(old) FROM old) AS previous`,
    [workspaceId, o.calendar, o.date, o.action, o.reason, o.createdBy],
  );
  const prev = (
    rows[0] as unknown as {
      previous: { calendar: string; day: string; action: 'close' | 'open'; reason: string; created_by: string; created_at: string } | null;
    }
  )?.previous;
  return prev
    ? {
        calendar: prev.calendar as CalendarOverride['calendar'],
        date: prev.day,
        action: prev.action,
        reason: prev.reason,
        createdBy: prev.created_by,
        createdAt: new Date(prev.created_at),
      }
    : undefined;
}

export async function deleteOverride(q: Queryable, workspaceId: string, calendar: string, day: CivilDate): Promise<boolean> {
  const { rowCount } = await q.query('DELETE FROM calendar_override WHERE workspace_id = $1 AND calendar = $2 AND day = $3', [workspaceId, calendar, day]);
  return (rowCount ?? 0) > 0;
}
