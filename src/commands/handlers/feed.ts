import { UserError } from '../../core/errors.ts';
import { FEED_HELP, feedCreatedReply, feedListReply, feedRevokedReply } from '../../replies/feeds.ts';
import { createFeed, revokeFeed } from '../../usecases/feeds.ts';
import { validChannel, validDeal } from '../../usecases/project-fields.ts';
import { defineSubcommand, refuseExtraWords, requireWord } from '../subcommand.ts';

const LIST_LIMIT = 100;

export const feed = defineSubcommand({
  name: 'feed',
  usage: FEED_HELP.usage,
  summary: FEED_HELP.summary,
  examples: FEED_HELP.examples,
  // Making and revoking a feed are changes (admins only, where admins are configured);
  // listing is a read.
  mutates: false,
  mutatesWhen: (args) => args.words[0]?.toLowerCase() !== 'list',
  options: ['deal', 'channel', 'milestones'],
  async run(args, ctx) {
    const verb = args.words[0]?.toLowerCase();
    if (verb === 'list') {
      refuseExtraWords(feed, args, 1);
      refuseOptions(args.options, 'list');
      return feedListReply(ctx.tr, await ctx.store.feeds.active(LIST_LIMIT + 1), LIST_LIMIT);
    }
    if (verb === 'revoke') {
      const word = requireWord(feed, args, 1, FEED_HELP.feedId);
      refuseExtraWords(feed, args, 2);
      refuseOptions(args.options, 'revoke');
      const id = /^#?\d{1,15}$/.test(word) ? Number(word.replace('#', '')) : Number.NaN;
      if (!Number.isSafeInteger(id)) throw new UserError('invalid_number', { value: word.slice(0, 40), what: 'feed number', hint: FEED_HELP.feedId });
      const revoked = await revokeFeed(ctx, id);
      if (!revoked) throw new UserError('feed_not_found', { id });
      return feedRevokedReply(ctx.tr, revoked);
    }
    refuseExtraWords(feed, args, 0);
    // Everything is checked before anything is written: a bad option creates no feed.
    const deal = args.options.deal !== undefined ? validDeal(args.options.deal, await ctx.deals()) : undefined;
    const channelId = args.options.channel !== undefined ? validChannel(args.options.channel) : null;
    const milestones = parseOnOff(args.options.milestones);
    const base = ctx.feedBase ?? { url: 'http://localhost:3000', configured: false };
    const { feed: created, token } = await createFeed(ctx, { dealCode: deal?.code ?? null, channelId, milestones });
    return feedCreatedReply(ctx.tr, created, `${base.url}/feeds/${token}.ics`, base.configured);
  },
});

function refuseOptions(options: Record<string, string>, verb: string): void {
  const key = Object.keys(options)[0];
  if (key !== undefined) throw new UserError('unknown_option', { subcommand: `feed ${verb}`, key, allowed: 'no options' });
}

function parseOnOff(value: string | undefined): boolean {
  if (value === undefined) return false;
  const v = value.trim().toLowerCase();
  if (['on', 'yes', 'true'].includes(v)) return true;
  if (['off', 'no', 'false'].includes(v)) return false;
  throw new UserError('invalid_value', { key: 'milestones', value: value.slice(0, 20), reason: FEED_HELP.milestonesValue });
}
