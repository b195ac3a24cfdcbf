import { UserError } from '../../core/errors.ts';
import { channelLabel, describeSubscription, digestChannel, SHELL_CHANNEL, WEEKDAYS } from '../../reminders/digest-channel.ts';
import { infoReply } from '../../replies/reply.ts';
import { mrkdwn } from '../../core/mrkdwn.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { setSubscription } from '../../usecases/subscriptions.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const subscribe = defineSubcommand({
  name: 'subscribe',
  usage: 'subscribe daily|weekly [weekday] [deal=JP]',
  summary: 'Post a digest of running clocks to this channel, daily or weekly (default Monday)',
  examples: ['subscribe daily', 'subscribe weekly friday deal=KR'],
  mutates: true,
  options: ['deal'],
  async run(args, ctx) {
    const frequency = requireWord(subscribe, args, 0, '`daily` or `weekly`').toLowerCase();
    if (frequency !== 'daily' && frequency !== 'weekly') {
      throw new UserError('invalid_value', { key: 'frequency', value: frequency.slice(0, 20), reason: 'write `daily` or `weekly`' });
    }
    let weekday: number | null = null;
    if (frequency === 'weekly') {
      weekday = parseWeekday(args.words[1] ?? 'monday');
      refuseExtraWords(subscribe, args, 2);
    } else refuseExtraWords(subscribe, args, 1);
    const deal = args.options.deal ? validDeal(args.options.deal, await ctx.deals()) : undefined;
    const channelId = digestChannel(ctx, 'subscribe');
    const { subscription, previous } = await setSubscription(ctx, { channelId, frequency, weekday, dealCode: deal?.code ?? null });
    const label = channelLabel(channelId);
    const lead = previous
      ? mrkdwn`Changed the digest of ${label}`
      : channelId === SHELL_CHANNEL
        ? mrkdwn`The shell is subscribed`
        : mrkdwn`${label} is subscribed`;
    return infoReply(
      mrkdwn`:white_check_mark: ${lead}: ${describeSubscription(subscription)}, at the reminder time. \`unsubscribe${deal ? ` deal=${deal.code}` : ''}\` stops it.`,
    );
  },
});

function parseWeekday(word: string): number {
  const w = word.toLowerCase();
  const i = WEEKDAYS.findIndex((d) => w.length >= 3 && d.startsWith(w));
  if (i < 1 || i > 5) {
    throw new UserError('invalid_value', { key: 'weekday', value: word.slice(0, 20), reason: 'name a weekday, Monday to Friday (e.g. `monday` or `fri`)' });
  }
  return i;
}
