import { UserError } from '../../core/errors.ts';
import { channelLabel, describeSubscription, digestChannel, SHELL_CHANNEL, WEEKDAYS } from '../../reminders/digest-channel.ts';
import { phrase } from '../../i18n/error-message.ts';
import { infoReply } from '../../replies/reply.ts';
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
    const tr = ctx.tr;
    const frequency = requireWord(subscribe, args, 0, phrase('subscribe.frequency_what')).toLowerCase();
    if (frequency !== 'daily' && frequency !== 'weekly') {
      throw new UserError('invalid_value', { key: 'frequency', value: frequency.slice(0, 20), reason: phrase('subscribe.frequency_reason') });
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
    const label = channelLabel(tr, channelId);
    const lead = previous
      ? tr.mrkdwn('subscribe.changed', { channel: label })
      : channelId === SHELL_CHANNEL
        ? tr.mrkdwn('subscribe.shell')
        : tr.mrkdwn('subscribe.subscribed', { channel: label });
    return infoReply(
      tr.mrkdwn('subscribe.done', {
        lead,
        what: describeSubscription(tr, subscription),
        stop: `unsubscribe${deal ? ` deal=${deal.code}` : ''}`,
      }),
    );
  },
});

function parseOnOff(value: string): boolean {
  const v = value.toLowerCase();
  if (v === 'on' || v === 'yes') return true;
  if (v === 'off' || v === 'no') return false;
  throw new UserError('invalid_value', { key: 'picture', value: value.slice(0, 20), reason: phrase('timeline.picture_value') });
}

function parseWeekday(word: string): number {
  const w = word.toLowerCase();
  const i = WEEKDAYS.findIndex((d) => w.length >= 3 && d.startsWith(w));
  if (i < 1 || i > 5) {
    throw new UserError('invalid_value', { key: 'weekday', value: word.slice(0, 20), reason: phrase('subscribe.weekday_reason') });
  }
  return i;
}
