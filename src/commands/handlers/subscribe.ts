import { UserError } from '../../core/errors.ts';
import { channelLabel, describeSubscription, digestChannel, SHELL_CHANNEL, WEEKDAYS } from '../../reminders/digest-channel.ts';
import { infoReply } from '../../replies/reply.ts';
import { mrkdwn } from '../../core/mrkdwn.ts';
import { timelineWords } from '../../timeline/labels.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { setSubscription } from '../../usecases/subscriptions.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

export const subscribe = defineSubcommand({
  name: 'subscribe',
  usage: 'subscribe daily|weekly [weekday] [deal=JP] [picture=off]',
  summary: 'Post a digest of running clocks to this channel, daily or weekly (default Monday; weekly ones carry the timeline picture)',
  examples: ['subscribe daily', 'subscribe weekly friday deal=KR', 'subscribe weekly picture=off'],
  mutates: true,
  options: ['deal', 'picture'],
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
    const picture = args.options.picture === undefined ? undefined : parseOnOff(args.options.picture);
    const channelId = digestChannel(ctx, 'subscribe');
    const { subscription, previous } = await setSubscription(ctx, { channelId, frequency, weekday, dealCode: deal?.code ?? null, picture });
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

function parseOnOff(value: string): boolean {
  const v = value.toLowerCase();
  if (v === 'on' || v === 'yes') return true;
  if (v === 'off' || v === 'no') return false;
  throw new UserError('invalid_value', { key: 'picture', value: value.slice(0, 20), reason: timelineWords().pictureValue });
}

function parseWeekday(word: string): number {
  const w = word.toLowerCase();
  const i = WEEKDAYS.findIndex((d) => w.length >= 3 && d.startsWith(w));
  if (i < 1 || i > 5) {
    throw new UserError('invalid_value', { key: 'weekday', value: word.slice(0, 20), reason: 'name a weekday, Monday to Friday (e.g. `monday` or `fri`)' });
  }
  return i;
}
