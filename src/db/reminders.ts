/**
 * SQL for the reminder ledger (migrations/0003). Workspace-scoped statements take the
 * workspace id as $1 and are reached through the store; the sender's claim and the
 * updates of a claimed row work by ledger id across workspaces, because one sender
 * serves them all.
 */
import type { CivilDate } from '../core/civil-date.ts';
import { selectList } from './columns.ts';
import type { Queryable } from './database.ts';

export type ReminderKind = 'milestone' | 'catchup' | 'digest';
export type ReminderStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'merged';

/** One row of the reminder ledger. */
export interface Reminder {
  id: number;
  workspaceId: string;
  kind: ReminderKind;
  projectId: number | null;
  subscriptionId: number | null;
  milestone: string | null;
  period: string | null;
  dueOn: CivilDate | null;
  firesOn: CivilDate;
  channelId: string | null;
  status: ReminderStatus;
  attempts: number;
  lastError: string | null;
  slackTs: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const COLUMNS = selectList<Reminder>([
  'id',
  'workspaceId',
  'kind',
  'projectId',
  'subscriptionId',
  'milestone',
  'period',
  'dueOn',
  'firesOn',
  'channelId',
  'status',
  'attempts',
  'lastError',
  'slackTs',
  'createdAt',
  'sentAt',
]);

// ---- Planning (the reconciler) ----------------------------------------------------------

export interface NewMilestone {
  projectId: number;
  milestone: string;
  dueOn: CivilDate;
  firesOn: CivilDate;
  channelId: string | null;
}

/** Inserts milestone rows; a row already in the ledger is left alone. Returns how many were new. */
export async function insertMilestones(q: Queryable, workspaceId: string, rows: readonly NewMilestone[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await q.query(
    `INSERT INTO reminder (workspace_id, kind, project_id, milestone, due_on, fires_on, channel_id)
     SELECT $1, 'milestone', x.project_id, x.milestone, x.due_on, x.fires_on, x.channel_id
     FROM unnest($2::bigint[], $3::text[], $4::date[], $5::date[], $6::text[]) AS x(project_id, milestone, due_on, fires_on, channel_id)
     ON CONFLICT DO NOTHING`,
    [
      workspaceId,
      rows.map((r) => r.projectId),
      rows.map((r) => r.milestone),
      rows.map((r) => r.dueOn),
      rows.map((r) => r.firesOn),
      rows.map((r) => r.channelId),
    ],
  );
  return rowCount ?? 0;
}

export interface NewCatchup {
  projectId: number;
  /** `catchup:<date>`: one catch-up per project and day. */
  key: string;
  dueOn: CivilDate;
  firesOn: CivilDate;
  channelId: string | null;
  merged: { milestone: string; firesOn: CivilDate }[];
}

/**
 * Inserts catch-up rows and, in the same statement, one `merged` row per milestone they
 * cover. A milestone already in the ledger (posted on its own, or by another catch-up)
 * stays where it is, and a catch-up whose milestones are all recorded is not inserted;
 * so the unique index alone guarantees each milestone is in exactly one message.
 */
export async function insertCatchups(q: Queryable, workspaceId: string, rows: readonly NewCatchup[]): Promise<number> {
  if (rows.length === 0) return 0;
  // Flat arrays (one element per row, unnest'ed in SQL): the catch-ups, and the milestones
  // they cover, each naming its catch-up by position (1-based, as WITH ORDINALITY counts).
  const covered = { n: [] as number[], milestone: [] as string[], firesOn: [] as CivilDate[] };
  rows.forEach((r, i) => {
    for (const m of r.merged) {
      covered.n.push(i + 1);
      covered.milestone.push(m.milestone);
      covered.firesOn.push(m.firesOn);
    }
  });
  const { rows: out } = await q.query<{ n: number }>(
    `WITH input AS (
       SELECT * FROM unnest($2::bigint[], $3::text[], $4::date[], $5::date[], $6::text[]) WITH ORDINALITY AS i(project_id, key, due_on, fires_on, channel_id, n)
     ), covered AS (
       SELECT * FROM unnest($7::bigint[], $8::text[], $9::date[]) AS m(n, milestone, fires_on)
     ), c AS (
       INSERT INTO reminder (workspace_id, kind, project_id, milestone, due_on, fires_on, channel_id)
       SELECT $1, 'catchup', i.project_id, i.key, i.due_on, i.fires_on, i.channel_id
       FROM input i
       -- Only a catch-up that covers at least one milestone not yet in the ledger.
       WHERE i.n IN (
         SELECT m.n FROM covered m JOIN input j ON j.n = m.n
         WHERE NOT EXISTS (SELECT 1 FROM reminder r WHERE r.project_id = j.project_id AND r.milestone = m.milestone AND r.due_on = j.due_on))
       ON CONFLICT DO NOTHING
       RETURNING id, project_id, due_on, milestone
     ), merged AS (
       INSERT INTO reminder (workspace_id, kind, project_id, milestone, due_on, fires_on, channel_id, status, catchup_id)
       SELECT $1, 'milestone', i.project_id, m.milestone, i.due_on, m.fires_on, i.channel_id, 'merged', c.id
       FROM c JOIN input i ON i.project_id = c.project_id AND i.due_on = c.due_on AND i.key = c.milestone
       JOIN covered m ON m.n = i.n
       ON CONFLICT DO NOTHING
       RETURNING catchup_id
     )
     SELECT count(DISTINCT catchup_id)::int AS n FROM merged`,
    [
      workspaceId,
      rows.map((r) => r.projectId),
      rows.map((r) => r.key),
      rows.map((r) => r.dueOn),
      rows.map((r) => r.firesOn),
      rows.map((r) => r.channelId),
      covered.n,
      covered.milestone,
      covered.firesOn,
    ],
  );
  return out[0]?.n ?? 0;
}

export interface NewDigest {
  subscriptionId: number;
  period: string;
  firesOn: CivilDate;
  channelId: string;
}

export async function insertDigests(q: Queryable, workspaceId: string, rows: readonly NewDigest[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rowCount } = await q.query(
    `INSERT INTO reminder (workspace_id, kind, subscription_id, period, fires_on, channel_id)
     SELECT $1, 'digest', x.subscription_id, x.period, x.fires_on, x.channel_id
     FROM jsonb_to_recordset($2::jsonb) AS x(subscription_id bigint, period text, fires_on date, channel_id text)
     -- The subscription must still be this workspace's (an unsubscribe may have raced).
     WHERE EXISTS (SELECT 1 FROM subscription s WHERE s.id = x.subscription_id AND s.workspace_id = $1)
     ON CONFLICT DO NOTHING`,
    [workspaceId, JSON.stringify(rows.map((r) => ({ subscription_id: r.subscriptionId, period: r.period, fires_on: r.firesOn, channel_id: r.channelId })))],
  );
  return rowCount ?? 0;
}

/**
 * Cancels pending reminders that no longer apply: the clock stopped (funded, declined,
 * withdrawn), or the project's due date moved (the new date plans new milestones).
 */
export async function cancelStale(q: Queryable, workspaceId: string): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE reminder r SET status = 'cancelled',
       last_error = CASE WHEN p.stage <> 'selected' THEN 'the clock stopped (' || p.stage || ')' ELSE 'the due date moved to ' || coalesce(p.due_on::text, 'none') END
     FROM project p
     WHERE r.workspace_id = $1 AND p.workspace_id = $1 AND r.project_id = p.id AND r.status = 'pending'
       AND (p.stage <> 'selected' OR p.due_on IS DISTINCT FROM r.due_on)`,
    [workspaceId],
  );
  return rowCount ?? 0;
}

/** Cancels every pending reminder of the workspace (the app was uninstalled from it). */
export async function cancelPending(q: Queryable, workspaceId: string, reason: string): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE reminder SET status = 'cancelled', last_error = $2, next_attempt_at = NULL
     WHERE workspace_id = $1 AND status = 'pending'`,
    [workspaceId, reason],
  );
  return rowCount ?? 0;
}

export async function watermarks(q: Queryable, workspaceId: string): Promise<Map<string, CivilDate>> {
  const { rows } = await q.query<{ calendar_id: string; reconciled_on: CivilDate }>(
    'SELECT calendar_id, reconciled_on FROM reminder_watermark WHERE workspace_id = $1',
    [workspaceId],
  );
  return new Map(rows.map((r) => [r.calendar_id, r.reconciled_on]));
}

/** Moves the watermarks forward only: a pass for an older date never moves one back. */
export async function advanceWatermarks(q: Queryable, workspaceId: string, calendarIds: readonly string[], day: CivilDate): Promise<void> {
  if (calendarIds.length === 0) return;
  await q.query(
    `INSERT INTO reminder_watermark (workspace_id, calendar_id, reconciled_on)
     SELECT $1, c, $3::date FROM unnest($2::text[]) AS c
     ON CONFLICT (workspace_id, calendar_id) DO UPDATE SET reconciled_on = greatest(reminder_watermark.reconciled_on, excluded.reconciled_on)`,
    [workspaceId, calendarIds, day],
  );
}

// ---- Delivery (the sender) -------------------------------------------------------------

export interface ClaimOptions {
  limit: number;
  /** A 'sending' row older than this was claimed by a process that died; take it over. */
  leaseMs: number;
  /**
   * Take over a 'sending' row claimed before this moment too, whatever its lease: every
   * process that could have claimed it then is known to be gone (see Database.exclusiveSince).
   */
  reclaimBefore?: Date | undefined;
  token: string;
  /** Only these workspaces' rows (default: every workspace). */
  workspaceIds?: readonly string[] | undefined;
  /** OAuth mode: only workspaces with an active Slack installation (no token, no post). */
  installedOnly?: boolean | undefined;
}

/**
 * Claims up to `limit` rows that are due: pending (and past any retry delay), or left in
 * 'sending' by a claimer whose lease ran out. SKIP LOCKED lets any number of senders
 * claim at once without waiting on each other or taking the same row.
 */
export async function claimReminders(q: Queryable, o: ClaimOptions): Promise<Reminder[]> {
  const { rows } = await q.query<Reminder>(
    `UPDATE reminder SET status = 'sending', claimed_at = now(), claim_token = $1
     WHERE id IN (
       SELECT id FROM reminder
       WHERE ((status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now()))
          OR (status = 'sending' AND (claimed_at < now() - $2 * interval '1 millisecond' OR claimed_at < $6::timestamptz)))
         AND ($4::text[] IS NULL OR workspace_id = ANY($4::text[]))
         AND (NOT $5::boolean OR EXISTS (
           SELECT 1 FROM slack_installation i WHERE i.team_id = reminder.workspace_id AND i.uninstalled_at IS NULL))
       ORDER BY fires_on, id
       LIMIT $3
       FOR UPDATE SKIP LOCKED)
     RETURNING ${COLUMNS}`,
    [o.token, o.leaseMs, o.limit, o.workspaceIds ?? null, o.installedOnly ?? false, o.reclaimBefore ?? null],
  );
  return rows.sort((a, b) => (a.firesOn < b.firesOn ? -1 : a.firesOn > b.firesOn ? 1 : a.id - b.id));
}

/** Counts one call to Slack for a claimed row; false when the claim was lost. */
export async function countAttempt(q: Queryable, id: number, token: string): Promise<boolean> {
  const { rowCount } = await q.query(`UPDATE reminder SET attempts = attempts + 1 WHERE id = $1 AND claim_token = $2 AND status = 'sending'`, [id, token]);
  return (rowCount ?? 0) > 0;
}

export async function markSent(q: Queryable, id: number, token: string, sent: { ts: string; channelId: string; payload: unknown }): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE reminder SET status = 'sent', slack_ts = $3, channel_id = $4, payload = $5, sent_at = now(), claim_token = NULL, last_error = NULL
     WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
    [id, token, sent.ts, sent.channelId, JSON.stringify(sent.payload)],
  );
  return (rowCount ?? 0) > 0;
}

/** Back to pending, to be tried again after `delayMs` (by this or any other sender). */
export async function releaseForRetry(q: Queryable, id: number, token: string, delayMs: number, error: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE reminder SET status = 'pending', claim_token = NULL, next_attempt_at = now() + $3 * interval '1 millisecond', last_error = $4
     WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
    [id, token, delayMs, error.slice(0, 1000)],
  );
  return (rowCount ?? 0) > 0;
}

export async function markFinal(q: Queryable, id: number, token: string, status: 'failed' | 'cancelled', reason: string): Promise<boolean> {
  const { rowCount } = await q.query(
    `UPDATE reminder SET status = $3, claim_token = NULL, last_error = $4 WHERE id = $1 AND claim_token = $2 AND status = 'sending'`,
    [id, token, status, reason.slice(0, 1000)],
  );
  return (rowCount ?? 0) > 0;
}

/** The milestones a catch-up message covers. */
export async function mergedInto(q: Queryable, catchupId: number): Promise<{ milestone: string; firesOn: CivilDate }[]> {
  const { rows } = await q.query<{ milestone: string; fires_on: CivilDate }>(
    'SELECT milestone, fires_on FROM reminder WHERE catchup_id = $1 ORDER BY fires_on, id',
    [catchupId],
  );
  return rows.map((r) => ({ milestone: r.milestone, firesOn: r.fires_on }));
}

/** When the previous digest of a subscription (or, without one, of a channel) went out. */
export async function lastDigestSentAt(
  q: Queryable,
  workspaceId: string,
  where: { subscriptionId: number } | { channelId: string },
  beforeId?: number,
): Promise<Date | undefined> {
  const [column, value] = 'subscriptionId' in where ? ['subscription_id', where.subscriptionId] : ['channel_id', where.channelId];
  const { rows } = await q.query<{ sent_at: Date }>(
    `SELECT sent_at FROM reminder WHERE workspace_id = $1 AND kind = 'digest' AND status = 'sent' AND ${column} = $2 AND id <> $3
     ORDER BY sent_at DESC LIMIT 1`,
    [workspaceId, value, beforeId ?? 0],
  );
  return rows[0]?.sent_at;
}

// ---- Reading (history) -----------------------------------------------------------------

/** A project's reminders that reached (or failed to reach) Slack, newest first. */
export async function listForProject(q: Queryable, workspaceId: string, projectId: number, limit: number): Promise<Reminder[]> {
  const { rows } = await q.query<Reminder>(
    `SELECT ${COLUMNS} FROM reminder
     WHERE workspace_id = $1 AND project_id = $2 AND status IN ('sent', 'failed') AND kind IN ('milestone', 'catchup')
     ORDER BY coalesce(sent_at, created_at) DESC, id DESC LIMIT $3`,
    [workspaceId, projectId, limit],
  );
  return rows;
}

// ---- Requeue and the sender's queue ----------------------------------------------------

/**
 * Puts failed reminders back in the queue (after their cause was fixed). A row that was
 * ever tried keeps one attempt on record, so the sender still looks in the channel before
 * posting it.
 */
export async function requeueFailed(q: Queryable, workspaceIds?: readonly string[]): Promise<number> {
  const { rowCount } = await q.query(
    `UPDATE reminder SET status = 'pending', next_attempt_at = NULL, attempts = least(attempts, 1), last_error = 'requeued after: ' || coalesce(last_error, '?')
     WHERE status = 'failed' AND ($1::text[] IS NULL OR workspace_id = ANY($1::text[]))`,
    [workspaceIds ?? null],
  );
  return rowCount ?? 0;
}

/** Rows a sender would claim now (for a dry run, which claims nothing). */
export async function dueForSending(q: Queryable, limit: number, workspaceIds?: readonly string[]): Promise<Reminder[]> {
  const { rows } = await q.query<Reminder>(
    `SELECT ${COLUMNS} FROM reminder
     WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= now())
       AND ($2::text[] IS NULL OR workspace_id = ANY($2::text[]))
     ORDER BY fires_on, id LIMIT $1`,
    [limit, workspaceIds ?? null],
  );
  return rows;
}

export interface PendingSummary {
  /** Rows not yet delivered (pending or being sent), counted up to the cap. */
  pending: number;
  /** Seconds since the oldest of them was planned; 0 when there are none. */
  oldestSeconds: number;
}

/**
 * For the metrics scrape: how many reminders wait, and for how long the oldest has. The
 * reconciler plans a row only once it is due, so every pending row is one that should go
 * out now. At most `cap` rows are read (through the claim index), so a backlog cannot
 * make a scrape expensive.
 */
export async function pendingSummary(q: Queryable, cap: number): Promise<PendingSummary> {
  const { rows } = await q.query<{ pending: number; oldest_seconds: number | null }>(
    `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest_seconds
     FROM (SELECT created_at FROM reminder WHERE status IN ('pending', 'sending') ORDER BY fires_on, id LIMIT $1) r`,
    [cap],
  );
  const row = rows[0];
  return { pending: row?.pending ?? 0, oldestSeconds: Math.max(0, row?.oldest_seconds ?? 0) };
}
