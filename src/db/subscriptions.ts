/** SQL for channel digest subscriptions. Every statement is scoped by workspace_id ($1). */
import { selectList } from './columns.ts';
import type { Queryable } from './database.ts';

export type Frequency = 'daily' | 'weekly';

export interface Subscription {
  id: number;
  workspaceId: string;
  channelId: string;
  frequency: Frequency;
  /** 0 = Sunday … 6 = Saturday; weekly only. */
  weekday: number | null;
  dealCode: string | null;
  /** Weekly digests carry the timeline picture unless this is false. */
  picture: boolean;
  createdBy: string;
  createdAt: Date;
}

const COLUMNS = selectList<Subscription>(['id', 'workspaceId', 'channelId', 'frequency', 'weekday', 'dealCode', 'picture', 'createdBy', 'createdAt']);

export interface NewSubscription {
  channelId: string;
  frequency: Frequency;
  weekday: number | null;
  dealCode: string | null;
  /** Undefined keeps what the subscription had (on for a new one). */
  picture?: boolean | undefined;
  createdBy: string;
}

/**
 * Subscribes a channel (to one deal or all); subscribing again changes the frequency.
 * Returns the subscription and the one it replaced, if any.
 */
export async function upsertSubscription(
  q: Queryable,
  workspaceId: string,
  s: NewSubscription,
): Promise<{ subscription: Subscription; previous: Subscription | undefined }> {
  const previous = await findSubscription(q, workspaceId, s.channelId, s.dealCode, true);
  if (previous) {
    const { rows } = await q.query<Subscription>(
      `UPDATE subscription SET frequency = $3, weekday = $4, picture = coalesce($5, picture) WHERE workspace_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
      [workspaceId, previous.id, s.frequency, s.weekday, s.picture ?? null],
    );
    return { subscription: rows[0]!, previous };
  }
  const { rows } = await q.query<Subscription>(
    `INSERT INTO subscription (workspace_id, channel_id, frequency, weekday, deal_code, picture, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [workspaceId, s.channelId, s.frequency, s.weekday, s.dealCode, s.picture ?? true, s.createdBy],
  );
  return { subscription: rows[0]!, previous: undefined };
}

export async function findSubscription(
  q: Queryable,
  workspaceId: string,
  channelId: string,
  dealCode: string | null,
  forUpdate = false,
): Promise<Subscription | undefined> {
  const { rows } = await q.query<Subscription>(
    `SELECT ${COLUMNS} FROM subscription WHERE workspace_id = $1 AND channel_id = $2 AND coalesce(deal_code, '') = coalesce($3, '')${forUpdate ? ' FOR UPDATE' : ''}`,
    [workspaceId, channelId, dealCode],
  );
  return rows[0];
}

export async function getSubscription(q: Queryable, workspaceId: string, id: number): Promise<Subscription | undefined> {
  const { rows } = await q.query<Subscription>(`SELECT ${COLUMNS} FROM subscription WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
  return rows[0];
}

/** Removes a subscription and cancels its digests not yet posted. */
export async function deleteSubscription(q: Queryable, workspaceId: string, id: number): Promise<void> {
  await q.query(
    `UPDATE reminder SET status = 'cancelled', last_error = 'unsubscribed'
     WHERE workspace_id = $1 AND subscription_id = $2 AND status = 'pending'`,
    [workspaceId, id],
  );
  await q.query('DELETE FROM subscription WHERE workspace_id = $1 AND id = $2', [workspaceId, id]);
}

/** A workspace's subscriptions (a channel's, when given), bounded. */
export async function listSubscriptions(q: Queryable, workspaceId: string, channelId?: string, limit = 500): Promise<Subscription[]> {
  const values: unknown[] = [workspaceId, limit];
  let where = 'workspace_id = $1';
  if (channelId) {
    values.push(channelId);
    where += ' AND channel_id = $3';
  }
  const { rows } = await q.query<Subscription>(
    `SELECT ${COLUMNS} FROM subscription WHERE ${where} ORDER BY channel_id, deal_code NULLS FIRST LIMIT $2`,
    values,
  );
  return rows;
}

/** Subscriptions in pages by id, for the reconciler (a workspace may have many channels). */
export async function subscriptionsAfter(q: Queryable, workspaceId: string, afterId: number, limit: number): Promise<Subscription[]> {
  const { rows } = await q.query<Subscription>(`SELECT ${COLUMNS} FROM subscription WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT $3`, [
    workspaceId,
    afterId,
    limit,
  ]);
  return rows;
}
