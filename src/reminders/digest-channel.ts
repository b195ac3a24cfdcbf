/** The channel a digest command talks about, and how a subscription reads in a reply. */
import type { CommandContext } from '../usecases/context.ts';
import type { Subscription } from '../db/subscriptions.ts';
import { UserError } from '../core/errors.ts';
import { channelMention, type Mrkdwn } from '../core/mrkdwn.ts';
import { phrase } from '../i18n/error-message.ts';
import type { Translator } from '../i18n/translator.ts';
import { timelineWords } from '../timeline/labels.ts';

/** The shell and CLI have no Slack channel; their digests go to this local one. */
export const SHELL_CHANNEL = 'shell';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

export function digestChannel(ctx: CommandContext, subcommand: string): string {
  if (ctx.actor.channelId) return ctx.actor.channelId;
  if (ctx.actor.source !== 'slack') return SHELL_CHANNEL;
  throw new UserError('invalid_value', { key: 'channel', value: '', reason: phrase('digest_channel.in_channel', { subcommand }) });
}

export function channelLabel(tr: Translator, channelId: string): Mrkdwn {
  return channelId === SHELL_CHANNEL ? tr.mrkdwn('digest_channel.shell') : channelMention(channelId);
}

/** `weekly on Friday, deal KR, with the timeline picture` / `毎週金曜日、枠組み KR、…`. */
export function describeSubscription(tr: Translator, s: Pick<Subscription, 'frequency' | 'weekday' | 'dealCode'> & { picture?: boolean }): string {
  const described = tr.text('digest_channel.describe', {
    frequency: s.frequency,
    weekday: WEEKDAYS[s.weekday ?? 1]!,
    deal: s.dealCode ?? 'none',
  });
  return s.frequency === 'weekly' ? `${described}${tr.separator}${timelineWords(tr.locale).pictureSetting(s.picture !== false)}` : described;
}
