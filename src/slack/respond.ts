/** Sending a Reply back through a response_url (Bolt's `respond`), never throwing. */
import type { RespondFn } from '@slack/bolt';
import type { Mrkdwn } from '../core/mrkdwn.ts';
import type { Logger } from '../log.ts';
import type { Reply } from '../replies/reply.ts';
import { toSlackMessage } from './blocks-to-slack.ts';

export interface SendOptions {
  /** Replace the message the button was on instead of adding one. */
  replace?: boolean;
  /** A context line appended to the message. */
  note?: Mrkdwn;
}

/**
 * Ephemeral unless the reply is shared; a shared copy carries no buttons. A failure to
 * deliver is logged (the response_url may have expired) and reported as false.
 */
export async function sendReply(respond: RespondFn, reply: Reply, logger: Logger, options: SendOptions = {}): Promise<boolean> {
  const shared = Boolean(reply.share) && !reply.isError;
  const message = toSlackMessage(reply, { shared, ...(options.note ? { note: options.note } : {}) });
  try {
    await respond({
      response_type: shared ? 'in_channel' : 'ephemeral',
      replace_original: Boolean(options.replace) && !shared,
      ...message,
    });
    return true;
  } catch (error) {
    logger.error('slack: reply could not be delivered', { error, shared });
    return false;
  }
}
