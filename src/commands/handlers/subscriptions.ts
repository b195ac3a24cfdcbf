import { channelLabel, describeSubscription } from '../../reminders/digest-channel.ts';
import { context, header, packLines, reply, section } from '../../replies/reply.ts';
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
    const tr = ctx.tr;
    const subs = await ctx.store.subscriptions.list(undefined, LIMIT + 1);
    if (subs.length === 0) {
      const text = tr.mrkdwn('subscribe.list_empty');
      return reply(text, [section(text)]);
    }
    const lines = subs
      .slice(0, LIMIT)
      .map((s) => tr.mrkdwn('subscribe.list_line', { channel: channelLabel(tr, s.channelId), what: describeSubscription(tr, s) }));
    const blocks = [header(tr.plain('subscribe.list_title')), ...packLines(lines)];
    blocks.push(context(subs.length > LIMIT ? tr.mrkdwn('subscribe.list_first', { n: String(LIMIT) }) : tr.mrkdwn('subscribe.list_count', { n: subs.length })));
    return reply(tr.mrkdwn('subscribe.list_fallback', { n: String(Math.min(subs.length, LIMIT)) }), blocks);
  },
});
