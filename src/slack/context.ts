/**
 * The per-request command context for a Slack user. Nothing is looked up here: admins come
 * from configuration and the workspace is the payload's team, so building a context costs
 * no database round trip and can happen before `ack()` has been sent.
 */
import { createContext, type CommandContext } from '../commands/context.ts';
import type { Runtime } from '../runtime.ts';

export interface SlackActor {
  teamId: string;
  userId: string;
  channelId?: string | undefined;
}

export function isAdmin(runtime: Runtime, userId: string): boolean {
  const admins = runtime.config.DEALCLOCK_ADMINS;
  return admins.length === 0 || admins.includes(userId);
}

/** "<@U1>, <@U2>" for the refusal message; undefined when everyone is an admin. */
export function adminsDescription(runtime: Runtime): string | undefined {
  const admins = runtime.config.DEALCLOCK_ADMINS;
  if (admins.length === 0) return undefined;
  const mentions = admins.map((id) => `<@${id}>`);
  return mentions.length === 1 ? mentions[0]! : `${mentions.slice(0, -1).join(', ')} or ${mentions[mentions.length - 1]}`;
}

export function slackContext(runtime: Runtime, who: SlackActor): CommandContext {
  return createContext({
    db: runtime.db,
    workspaceId: who.teamId,
    actor: {
      userId: who.userId,
      source: 'slack',
      channelId: who.channelId,
      isAdmin: isAdmin(runtime, who.userId),
      adminsDescription: adminsDescription(runtime),
    },
    today: runtime.today(),
    commandName: runtime.config.DEALCLOCK_COMMAND,
    logger: runtime.logger.child({ team: who.teamId, user: who.userId }),
  });
}

/** The team of any Slack payload: commands carry `team_id`, interactions `team.id`, events both. */
export function teamIdOf(body: unknown): string | undefined {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } | null };
  if (typeof b.team_id === 'string') return b.team_id;
  if (b.team && typeof b.team.id === 'string') return b.team.id;
  if (b.user && typeof b.user.team_id === 'string') return b.user.team_id;
  return undefined;
}
