import { ComposeCache, buildDigest } from '../../reminders/compose.ts';
import { digestChannel } from '../../reminders/digest-channel.ts';
import { validDeal } from '../../usecases/project-fields.ts';
import { defineSubcommand, refuseExtraWords } from '../subcommand.ts';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * The digest, now, as an in-channel reply. It is the user's own request answered once,
 * so it does not go through the reminder ledger; the scheduled digests do.
 */
export const digest = defineSubcommand({
  name: 'digest',
  usage: 'digest [deal=JP]',
  summary: 'Post the digest of running clocks to this channel now',
  examples: ['digest', 'digest deal=KR'],
  mutates: false,
  postsInChannel: true,
  options: ['deal'],
  async run(args, ctx) {
    refuseExtraWords(digest, args, 0);
    const deal = args.options.deal ? validDeal(args.options.deal, await ctx.deals()) : undefined;
    const channelId = digestChannel(ctx, 'digest');
    // "Since the last digest": the last one posted here, else the past week.
    const since = (await ctx.store.reminders.lastDigestSentAt({ channelId })) ?? new Date(Date.now() - WEEK_MS);
    const reply = await buildDigest(
      ctx.store,
      { frequency: 'now', dealCode: deal?.code ?? null, since, today: ctx.today, tr: ctx.tr },
      new ComposeCache(ctx.db),
    );
    return { ...reply, share: true };
  },
});
