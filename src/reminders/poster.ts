/**
 * Where reminders go: Slack (slack/slack-poster.ts), or the shell. The sender only sees
 * `MessagePoster`, so the retry, lookup and pacing rules are the same for both, and tests
 * can swap in faults.
 */
import type { Writable } from 'node:stream';
import type { KnownBlock } from '@slack/types';
import { translator, type Translator } from '../i18n/translator.ts';
import { renderText } from '../replies/render-text.ts';
import type { TimelinePicture } from '../timeline/render.ts';

/** The Slack message metadata event every reminder carries, with its ledger id. */
export const REMINDER_EVENT_TYPE = 'dealclock_reminder';

export interface OutgoingMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

/**
 * `workspaceId` is the workspace the message belongs to: with several workspaces on one
 * deployment each has its own bot token, and a channel id means nothing without it.
 */
export interface MessagePoster {
  readonly name: string;
  /** Where a reminder goes when neither its project nor the configuration names a channel. */
  readonly fallbackChannel?: string;
  post(channel: string, message: OutgoingMessage, metadata?: MessageMetadata, workspaceId?: string): Promise<{ ts: string }>;
  /** The ts of a message already posted for this ledger id, if the channel has one. */
  findPosted(channel: string, ledgerId: number, since: Date, workspaceId?: string): Promise<string | undefined>;
  /**
   * Uploads a picture, private to the bot, for a message to show by file id (an image
   * block). Absent where pictures cannot be shown (the shell): messages go as text.
   */
  uploadPicture?(picture: TimelinePicture, workspaceId?: string): Promise<string>;
}

export type PostErrorKind = 'rate_limited' | 'transient' | 'permanent';

/**
 * A failed call, classified for the sender. `ambiguous` means the message may have been
 * posted anyway (a timeout, a dropped connection, a 5xx): look before posting again.
 */
export class PostError extends Error {
  override name = 'PostError';
  constructor(
    message: string,
    readonly kind: PostErrorKind,
    readonly ambiguous: boolean,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** Prints each message under the channel it is for; that line in `tr`'s language (the CLI's, DEALCLOCK_LOCALE). */
export function createShellPoster(output: Writable, tr: Translator = translator(), fallbackChannel = 'shell'): MessagePoster {
  const posted = new Map<string, string>();
  let n = 0;
  return {
    name: 'shell',
    fallbackChannel,
    async post(channel, message, metadata) {
      n += 1;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(n).padStart(6, '0')}`;
      output.write(`${tr.text('cli.posted_to', { channel })}\n${renderText({ text: message.text, blocks: message.blocks })}\n\n`);
      if (metadata) posted.set(`${channel}:${String(metadata.event_payload.ledger_id)}`, ts);
      return { ts };
    },
    async findPosted(channel, ledgerId) {
      return posted.get(`${channel}:${ledgerId}`);
    },
  };
}
