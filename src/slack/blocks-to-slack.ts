/**
 * The one place a Reply becomes Slack message arguments. Handlers build replies that
 * already respect Block Kit limits; this keeps the guarantees a message must carry even
 * when a builder slips: a non-empty fallback `text`, at most 50 blocks, and no buttons in
 * copies posted to a channel (a shared card is a record, not a control panel).
 */
import type { KnownBlock } from '@slack/types';
import { truncateMarkup, type Mrkdwn } from '../core/mrkdwn.ts';
import { translator } from '../i18n/translator.ts';
import { capBlocks, context, MAX_SECTION_TEXT, type Block, type Reply } from '../replies/reply.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function toSlackMessage(reply: Reply, options: { shared?: boolean; note?: Mrkdwn } = {}): SlackMessage {
  let blocks = options.shared ? reply.blocks.filter((b) => b.type !== 'actions') : [...reply.blocks];
  if (options.note) blocks.push(context(options.note));
  // The router cuts a command's reply in its reader's language first; this is the last guard for any other message.
  blocks = capBlocks(blocks, (hidden) => translator('en').mrkdwn('reply.blocks_left_out', { n: String(hidden) }));
  // Notifications and screen readers show `text`; Slack also warns when it is missing. Every
  // candidate is already escaped markup (a reply's text, a header's or a section's).
  const text = truncateMarkup(reply.text.trim() || fallbackFromBlocks(blocks) || 'dealclock', MAX_SECTION_TEXT);
  return { text, blocks };
}

function fallbackFromBlocks(blocks: Block[]): string {
  for (const b of blocks) {
    if (b.type === 'header') return b.text.text;
    if (b.type === 'section' && b.text) return b.text.text;
  }
  return '';
}
