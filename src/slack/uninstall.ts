/**
 * `app_uninstalled` and `tokens_revoked`: the workspace's token is dead from now on. In
 * OAuth mode its installation is marked uninstalled (token dropped) and its pending
 * reminders are cancelled; the sender also skips every workspace without an active
 * installation, so nothing is attempted with a revoked token. With one configured bot
 * token there is no installation to drop: pending reminders are cancelled and the log
 * says the token no longer works.
 *
 * Bolt skips its authorize step for these two events (the token is already gone), so
 * the handlers see the team from the payload, not from an installation.
 */
import type { App } from '@slack/bolt';
import { createStore } from '../db/store.ts';
import type { Runtime } from '../runtime.ts';
import type { Installations } from './installation-store.ts';

const REASON = {
  app_uninstalled: 'the app was uninstalled from the workspace',
  tokens_revoked: "the workspace revoked the app's bot token",
} as const;

export function registerUninstall(app: App, runtime: Runtime, installations: Installations | undefined): void {
  const logger = runtime.logger.child({ component: 'slack' });

  async function drop(event: keyof typeof REASON, teamId: string | undefined, enterpriseId: string | undefined, isEnterpriseInstall: boolean): Promise<void> {
    const reason = REASON[event];
    if (installations) {
      const key = isEnterpriseInstall && enterpriseId ? { enterpriseId } : teamId ? { teamId } : undefined;
      if (!key) {
        logger.warn(`slack: ${event} without a workspace`, {});
        return;
      }
      await installations.uninstall(key, reason);
      return;
    }
    if (!teamId) return;
    const cancelled = await createStore(runtime.db, teamId).reminders.cancelPending(reason);
    logger.error(`slack: ${event}: SLACK_BOT_TOKEN no longer works in this workspace`, { team: teamId, cancelled });
  }

  app.event('app_uninstalled', async ({ body, context }) => {
    await drop('app_uninstalled', context.teamId ?? body.team_id, context.enterpriseId, Boolean(context.isEnterpriseInstall));
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    // User tokens are not ours (dealclock asks for bot scopes only); a revoked bot token is.
    if (!event.tokens.bot?.length) return;
    await drop('tokens_revoked', context.teamId ?? body.team_id, context.enterpriseId, Boolean(context.isEnterpriseInstall));
  });
}
