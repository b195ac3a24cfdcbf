import { channelLabel, describeSubscription } from '../../reminders/digest-channel.ts';
import { context, header, packLines, reply, section } from '../../replies/reply.ts';
import { mrkdwn, plain } from '../../core/mrkdwn.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

const LIMIT = 100;

export const subscriptions = defineSubcommand({
  name: 'subscriptions',
  usage: 'subscriptions',
  summary: 'The channels that get a digest',
  examples: ['subscriptions'],
  mutates: false,
  options: [],
  async run(args, ctx) {
    refuseExtraWords(subscriptions, args, 0);
    const subs = await ctx.store.subscriptions.list(undefined, LIMIT + 1);
    if (subs.length === 0) {
      const text = mrkdwn`No channel gets a digest. In a channel, \`subscribe daily\` or \`subscribe weekly friday deal=JP\` starts one.`;
      return reply(text, [section(text)]);
    }
    const lines = subs.slice(0, LIMIT).map((s) => mrkdwn`• ${channelLabel(s.channelId)} — ${describeSubscription(s)}`);
    const blocks = [header(plain`Digest subscriptions`), ...packLines(lines)];
    blocks.push(
      context(
        subs.length > LIMIT ? mrkdwn`The first ${LIMIT}.` : mrkdwn`${subs.length} subscription${subs.length === 1 ? '' : 's'} · posted at the reminder time`,
      ),
    );
    return reply(mrkdwn`Digest subscriptions: ${Math.min(subs.length, LIMIT)}`, blocks);
  },
});
