import { channelLabel, describeSubscription, digestChannel } from '../../reminders/digest-channel.ts';
import { infoReply } from '../../replies/reply.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { removeSubscription } from '../../usecases/subscriptions.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

export const unsubscribe = defineSubcommand({
  name: 'unsubscribe',
  usage: 'unsubscribe [deal=JP]',
  summary: "Stop this channel's digest (of every deal, or of one)",
  examples: ['unsubscribe', 'unsubscribe deal=KR'],
  mutates: true,
  options: ['deal'],
  async run(args, ctx) {
    refuseExtraWords(unsubscribe, args, 0);
    const deal = args.options.deal ? validDeal(args.options.deal, await ctx.deals()) : undefined;
    const channelId = digestChannel(ctx, 'unsubscribe');
    const removed = await removeSubscription(ctx, channelId, deal?.code ?? null);
    if (!removed) {
      return infoReply(ctx.tr.mrkdwn('subscribe.none', { channel: channelLabel(ctx.tr, channelId), deal: deal?.code ?? 'none' }));
    }
    return infoReply(ctx.tr.mrkdwn('subscribe.removed', { channel: channelLabel(ctx.tr, channelId), what: describeSubscription(ctx.tr, removed) }));
  },
});
