/** Shared set-up for the reminder tests: projects through the command core, a fake Slack poster. */
import { expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database, Queryable } from '../../../src/db/database.ts';
import { createLogger } from '../../../src/log.ts';
import type { MessagePoster } from '../../../src/reminders/poster.ts';
import { createSlackPoster } from '../../../src/slack/slack-poster.ts';
import { reconcile, type ReconcileSettings } from '../../../src/reminders/reconcile.ts';
import { createSender, type SenderOptions } from '../../../src/reminders/sender.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { testContext } from '../../helpers/db.ts';

export const quiet = createLogger({ level: 'silent' });

export async function run(
  db: Database,
  ws: string,
  text: string,
  today = '2026-02-17',
  extra: { channelId?: string; source?: 'slack' | 'shell' } = {},
): Promise<string> {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, today, ...extra }));
  const out = renderText(reply);
  expect(reply.isError, out).toBeFalsy();
  return out;
}

export function settings(ws: string | string[], extra: Partial<ReconcileSettings> = {}): ReconcileSettings {
  return {
    reminderTime: '09:00',
    milestones: [30, 15, 10, 5, 3, 2, 1, 0],
    workspaceIds: Array.isArray(ws) ? ws : [ws],
    logger: quiet,
    ...extra,
  };
}

export function slackPoster(fake: FakeSlack, timeoutMs = 2_000): MessagePoster {
  return createSlackPoster({ token: 'xoxb-test-token', apiUrl: fake.apiUrl, logger: quiet, timeoutMs });
}

/** Fast retries; no pacing unless a test asks for it. */
export const FAST: SenderOptions = { backoffBaseMs: 20, backoffMaxMs: 200, ambiguousSettleMs: 0, inlineWaitMaxMs: 5_000, channelIntervalMs: 0 };

export async function checkDay(db: Database, ws: string | string[], poster: MessagePoster, day: string, options: SenderOptions = FAST) {
  const planned = await reconcile(db, day, null, settings(ws));
  const sent = await createSender(db, poster, quiet, { workspaceIds: Array.isArray(ws) ? ws : [ws], ...options }).run(day);
  return { planned, sent };
}

/** Posts the fake received, with their ledger id. */
export function posts(fake: FakeSlack, channel?: string) {
  return fake
    .callsTo('chat.postMessage')
    .filter((c) => channel === undefined || c.args.channel === channel)
    .map((c) => ({
      channel: String(c.args.channel),
      text: String(c.args.text),
      ledgerId: (c.args.metadata as { event_payload?: { ledger_id?: number } } | undefined)?.event_payload?.ledger_id,
      at: c.at,
    }));
}

export async function ledger(q: Queryable, ws: string) {
  const { rows } = await q.query<{
    id: number;
    kind: string;
    milestone: string | null;
    period: string | null;
    status: string;
    fires_on: string;
    slack_ts: string | null;
    attempts: number;
    channel_id: string | null;
  }>('SELECT id, kind, milestone, period, status, fires_on, slack_ts, attempts, channel_id FROM reminder WHERE workspace_id = $1 ORDER BY id', [ws]);
  return rows;
}

export function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(from + 'T00:00:00Z'); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}
