import { channelLabel, describeSubscription, digestChannel } from '../../reminders/digest-channel.ts';
import { infoReply } from '../../replies/reply.ts';
import { validDeal } from '../../usecases/project-fields.ts';
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
    const removed = await ctx.write(async (store) => {
      const sub = await store.subscriptions.find(channelId, deal?.code ?? null, true);
      if (!sub) return undefined;
      await store.subscriptions.remove(sub.id);
      await store.audit.record(ctx.actor, {
        action: 'subscription.remove',
        subject: channelId,
        before: { frequency: sub.frequency, weekday: sub.weekday, deal: sub.dealCode },
      });
      return sub;
    });
    if (!removed) {
      return infoReply(`${channelLabel(channelId)} has no digest${deal ? ` for deal ${deal.code}` : ' for every deal'}. \`subscriptions\` lists the digests of this workspace.`);
    }
    return infoReply(`Unsubscribed ${channelLabel(channelId)} from its digest (${describeSubscription(removed)}).`);
  },
});
