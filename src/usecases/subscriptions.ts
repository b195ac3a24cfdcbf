/**
 * Digest subscriptions: each change is written in one transaction together with its audit
 * event, like the project and tariff changes beside this file.
 */
import type { Frequency, Subscription } from '../db/subscriptions.ts';
import type { CommandContext } from './context.ts';

export interface SubscriptionRequest {
  channelId: string;
  frequency: Frequency;
  /** 1–5 (Monday–Friday) for a weekly digest, null for a daily one. */
  weekday: number | null;
  /** Only this deal's clocks, or null for every deal. */
  dealCode: string | null;
  /** The timeline picture in weekly digests; undefined keeps the current setting. */
  picture?: boolean | undefined;
}

/** Subscribes the channel, or changes its existing digest for the same deal filter. */
export async function setSubscription(
  ctx: CommandContext,
  request: SubscriptionRequest,
): Promise<{ subscription: Subscription; previous: Subscription | undefined }> {
  return ctx.write(async (store) => {
    const out = await store.subscriptions.upsert({ ...request, createdBy: ctx.actor.userId });
    await store.audit.record(ctx.actor, {
      action: 'subscription.set',
      subject: request.channelId,
      before: out.previous
        ? { frequency: out.previous.frequency, weekday: out.previous.weekday, deal: out.previous.dealCode, picture: out.previous.picture }
        : null,
      after: { frequency: request.frequency, weekday: request.weekday, deal: request.dealCode, picture: out.subscription.picture },
    });
    return out;
  });
}

/** Removes the channel's digest for that deal filter; undefined when it had none. */
export async function removeSubscription(ctx: CommandContext, channelId: string, dealCode: string | null): Promise<Subscription | undefined> {
  return ctx.write(async (store) => {
    const sub = await store.subscriptions.find(channelId, dealCode, true);
    if (!sub) return undefined;
    await store.subscriptions.remove(sub.id);
    await store.audit.record(ctx.actor, {
      action: 'subscription.remove',
      subject: channelId,
      before: { frequency: sub.frequency, weekday: sub.weekday, deal: sub.dealCode },
    });
    return sub;
  });
}
