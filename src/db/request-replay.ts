/**
 * SQL for migrations/0007: single-use OAuth states and the signed Slack requests already
 * handled. Neither is scoped to a workspace: a state exists before any workspace does,
 * and a signature names none.
 */
import type { Queryable } from './database.ts';

/** Stores a new install's state (its hash) until `expiresAt`, and drops states already expired. */
export async function insertOAuthState(q: Queryable, stateHash: Buffer, installOptions: unknown, expiresAt: Date): Promise<void> {
  await q.query('DELETE FROM slack_oauth_state WHERE expires_at < now()');
  await q.query('INSERT INTO slack_oauth_state (state_hash, install_options, expires_at) VALUES ($1, $2, $3)', [
    stateHash,
    JSON.stringify(installOptions),
    expiresAt,
  ]);
}

/**
 * Uses a state up: deletes it and returns what it carried, or undefined when it is
 * unknown, already used or expired. One statement, so two redirects with the same state,
 * on two replicas at the same moment, cannot both get it.
 */
export async function consumeOAuthState(q: Queryable, stateHash: Buffer): Promise<unknown> {
  const { rows } = await q.query<{ install_options: unknown; live: boolean }>(
    'DELETE FROM slack_oauth_state WHERE state_hash = $1 RETURNING install_options, expires_at > now() AS live',
    [stateHash],
  );
  return rows[0]?.live ? rows[0].install_options : undefined;
}

/**
 * Records a request as handled until `expiresAt`. True for the first delivery; false when
 * it was recorded already (a replay).
 */
export async function recordRequest(q: Queryable, signatureHash: Buffer, expiresAt: Date): Promise<boolean> {
  const { rowCount } = await q.query('INSERT INTO slack_request_seen (signature_hash, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    signatureHash,
    expiresAt,
  ]);
  return (rowCount ?? 0) > 0;
}

/** Forgets requests whose signatures can no longer be accepted; returns how many. */
export async function purgeSeenRequests(q: Queryable): Promise<number> {
  const { rowCount } = await q.query('DELETE FROM slack_request_seen WHERE expires_at < now()');
  return rowCount ?? 0;
}
