import { channelLabel, describeSubscription } from '../../reminders/digest-channel.ts';
import { context, header, section } from '../../replies/reply.ts';
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
      const text = 'No channel gets a digest. In a channel, `subscribe daily` or `subscribe weekly friday deal=JP` starts one.';
      return { text, blocks: [section(text)] };
    }
    const lines = subs.slice(0, LIMIT).map((s) => `• ${channelLabel(s.channelId)} — ${describeSubscription(s)}`);
    const blocks = [header('Digest subscriptions')];
    for (let i = 0; i < lines.length; i += 25) blocks.push(section(lines.slice(i, i + 25).join('\n')));
    blocks.push(context(subs.length > LIMIT ? `The first ${LIMIT}.` : `${subs.length} subscription${subs.length === 1 ? '' : 's'} · posted at the reminder time`));
    return { text: `Digest subscriptions: ${Math.min(subs.length, LIMIT)}`, blocks };
  },
});
