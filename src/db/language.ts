/** SQL for the language settings of people and channels. Every statement is scoped by workspace_id ($1). */
import type { Queryable } from './database.ts';

export type LanguageScope = 'user' | 'channel';

/** The language set for a person or a channel, or undefined when none is set. */
export async function getLanguage(q: Queryable, workspaceId: string, scope: LanguageScope, targetId: string): Promise<string | undefined> {
  const { rows } = await q.query<{ locale: string }>('SELECT locale FROM language_setting WHERE workspace_id = $1 AND scope = $2 AND target_id = $3', [
    workspaceId,
    scope,
    targetId,
  ]);
  return rows[0]?.locale;
}

/** Sets (or with `locale` null, clears) a language; returns the one it replaced. */
export async function setLanguage(
  q: Queryable,
  workspaceId: string,
  scope: LanguageScope,
  targetId: string,
  locale: string | null,
  setBy: string,
): Promise<string | undefined> {
  const before = await q.query<{ locale: string }>('SELECT locale FROM language_setting WHERE workspace_id = $1 AND scope = $2 AND target_id = $3 FOR UPDATE', [
    workspaceId,
    scope,
    targetId,
  ]);
  if (locale === null) {
    await q.query('DELETE FROM language_setting WHERE workspace_id = $1 AND scope = $2 AND target_id = $3', [workspaceId, scope, targetId]);
  } else {
    await q.query(
      `INSERT INTO language_setting (workspace_id, scope, target_id, locale, set_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (workspace_id, scope, target_id) DO UPDATE SET locale = EXCLUDED.locale, set_by = EXCLUDED.set_by, set_at = now()`,
      [workspaceId, scope, targetId, locale, setBy],
    );
  }
  return before.rows[0]?.locale;
}
