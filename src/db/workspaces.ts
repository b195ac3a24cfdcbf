/** SQL for workspaces: a Slack team, or `local` for the shell without Slack. */
import type { Queryable } from './database.ts';

export async function ensureWorkspace(q: Queryable, id: string, name?: string): Promise<void> {
  await q.query('INSERT INTO workspace (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, name ?? null]);
}

export async function listWorkspaceIds(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>('SELECT id FROM workspace ORDER BY created_at, id');
  return rows.map((r) => r.id);
}
