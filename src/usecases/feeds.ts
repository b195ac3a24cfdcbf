/**
 * Calendar feeds: creating and revoking a feed's secret URL, each in one transaction with
 * its audit event, and finding the feed a URL's token names.
 *
 * A token is 32 random bytes (256 bits), base64url. Only its sha256 is stored. A plain
 * hash is enough here, where a password would need a slow, salted one: slowing a guess
 * only matters when the secret is guessable, and nobody can enumerate 2^256 tokens, so
 * the hash need only be one-way; being fast, it costs a feed request nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { activeFeedByTokenHash, type Feed } from '../db/feeds.ts';
import type { CommandContext } from './context.ts';

/** `dcf_` and 43 base64url characters: the prefix lets secret scanners and people recognise one. */
export const FEED_TOKEN_PATTERN = /^dcf_[A-Za-z0-9_-]{43}$/;

export function newFeedToken(): string {
  return `dcf_${randomBytes(32).toString('base64url')}`;
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface FeedRequest {
  dealCode: string | null;
  channelId: string | null;
  milestones: boolean;
}

/** Creates a feed; the token is returned here and nowhere else, ever. */
export async function createFeed(ctx: CommandContext, request: FeedRequest): Promise<{ feed: Feed; token: string }> {
  const token = newFeedToken();
  const feed = await ctx.write(async (store) => {
    // The calendar speaks its maker's language (the reply's), like the reply that shows the URL.
    const created = await store.feeds.insert({ ...request, locale: ctx.tr.locale, tokenHash: feedTokenHash(token), createdBy: ctx.actor.userId });
    await store.audit.record(ctx.actor, {
      action: 'feed.create',
      subject: `feed:${created.id}`,
      // Never the token, nor its hash: the audit trail is exported as CSV.
      after: { deal: request.dealCode, channel: request.channelId, milestones: request.milestones },
    });
    return created;
  });
  return { feed, token };
}

/** Revokes a working feed of the workspace; undefined when it has none of that id (or it is revoked already). */
export async function revokeFeed(ctx: CommandContext, id: number): Promise<Feed | undefined> {
  return ctx.write(async (store) => {
    const revoked = await store.feeds.revoke(id, ctx.actor.userId);
    if (!revoked) return undefined;
    await store.audit.record(ctx.actor, {
      action: 'feed.revoke',
      subject: `feed:${id}`,
      before: { deal: revoked.dealCode, channel: revoked.channelId, milestones: revoked.milestones, createdBy: revoked.createdBy },
    });
    return revoked;
  });
}

/** The working feed a token names, or undefined (a malformed, unknown or revoked token alike). */
export async function feedForToken(db: Database, token: string): Promise<Feed | undefined> {
  if (!FEED_TOKEN_PATTERN.test(token)) return undefined;
  const hash = feedTokenHash(token);
  const feed = await activeFeedByTokenHash(db, hash);
  // The lookup is by an index on the hash, which leaks nothing useful (finding a stored
  // hash's preimage is the hard part); the constant-time check keeps any later change of
  // the lookup (a prefix index, a cache) from turning into a timing oracle.
  if (!feed || !timingSafeEqual(Buffer.from(feed.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return undefined;
  return feed;
}
