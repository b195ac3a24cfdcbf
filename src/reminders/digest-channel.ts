/** The channel a digest command talks about, and how a subscription reads in a reply. */
import type { CommandContext } from '../usecases/context.ts';
import type { Subscription } from '../db/subscriptions.ts';
import { UserError } from '../core/errors.ts';
import { channelMention, mrkdwn, type Mrkdwn } from '../core/mrkdwn.ts';
import { timelineWords } from '../timeline/labels.ts';

/** The shell and CLI have no Slack channel; their digests go to this local one. */
export const SHELL_CHANNEL = 'shell';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export function digestChannel(ctx: CommandContext, subcommand: string): string {
  if (ctx.actor.channelId) return ctx.actor.channelId;
  if (ctx.actor.source !== 'slack') return SHELL_CHANNEL;
  throw new UserError('invalid_value', { key: 'channel', value: '', reason: `\`${subcommand}\` works in a channel; run it there` });
}

export function channelLabel(channelId: string): Mrkdwn {
  return channelId === SHELL_CHANNEL ? mrkdwn`the shell` : channelMention(channelId);
}

export function describeSubscription(s: Pick<Subscription, 'frequency' | 'weekday' | 'dealCode'> & { picture?: boolean }): string {
  const when = s.frequency === 'daily' ? 'daily (business days)' : `weekly on ${capitalise(WEEKDAYS[s.weekday ?? 1]!)}`;
  const picture = s.frequency === 'weekly' ? `, ${timelineWords().pictureSetting(s.picture !== false)}` : '';
  return `${when}, ${s.dealCode ? `deal ${s.dealCode}` : 'every deal'}${picture}`;
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}
