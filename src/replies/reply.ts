/**
 * The reply model every command returns: Block Kit blocks plus a fallback `text`. Slack
 * sends it as is; the shell renders the same blocks as plain text (render-text.ts), so
 * both surfaces always show the same thing.
 */
import type { KnownBlock } from '@slack/types';

export interface Reply {
  /** Notification and accessibility fallback; always set. */
  text: string;
  blocks: KnownBlock[];
  /** True for error replies (the CLI exits 2, Slack keeps them ephemeral). */
  isError?: boolean;
  /** Post in the channel instead of ephemerally (the user asked to share). */
  share?: boolean;
}

// Slack limits (docs.slack.dev/reference/block-kit/blocks): 50 blocks a message,
// 3000 characters of section text, 10 fields of 2000 characters, header text 150.
export const MAX_BLOCKS = 50;
export const MAX_SECTION_TEXT = 3000;
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
export const MAX_HEADER_TEXT = 150;
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_BUTTON_TEXT = 75;

/**
 * Escapes user text for mrkdwn: `&`, `<` and `>` are the only control characters Slack
 * interprets, so escaping them stops `<!channel>` or `<@U…>` injection through a name.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, max - 1) + '…';
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, MAX_HEADER_TEXT), emoji: true } };
}

export function section(mrkdwn: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, MAX_SECTION_TEXT) } };
}

/** A section of label/value fields, two columns in Slack. Values are mrkdwn. */
export function fields(pairs: ReadonlyArray<readonly [label: string, value: string]>): KnownBlock[] {
  const out: KnownBlock[] = [];
  for (let i = 0; i < pairs.length; i += MAX_FIELDS) {
    out.push({
      type: 'section',
      fields: pairs.slice(i, i + MAX_FIELDS).map(([label, value]) => ({
        type: 'mrkdwn' as const,
        text: truncate(`*${label}*\n${value}`, MAX_FIELD_TEXT),
      })),
    });
  }
  return out;
}

export function context(...lines: string[]): KnownBlock {
  return {
    type: 'context',
    elements: lines.slice(0, MAX_CONTEXT_ELEMENTS).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, MAX_SECTION_TEXT) })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: { title: string; text: string; confirm: string; deny: string };
}

export function actions(blockId: string, buttons: ButtonSpec[]): KnownBlock {
  return {
    type: 'actions',
    block_id: blockId,
    elements: buttons.map((b) => ({
      type: 'button' as const,
      text: { type: 'plain_text' as const, text: truncate(b.text, MAX_BUTTON_TEXT), emoji: true },
      action_id: b.actionId,
      value: b.value,
      ...(b.style ? { style: b.style } : {}),
      ...(b.confirm
        ? {
            confirm: {
              title: { type: 'plain_text' as const, text: b.confirm.title },
              text: { type: 'mrkdwn' as const, text: b.confirm.text },
              confirm: { type: 'plain_text' as const, text: b.confirm.confirm },
              deny: { type: 'plain_text' as const, text: b.confirm.deny },
            },
          }
        : {}),
    })),
  };
}

/** Keeps a message within the block limit: the last block says how many were left out. */
export function capBlocks(blocks: KnownBlock[], moreHint: (hidden: number) => string): KnownBlock[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  return [...kept, context(moreHint(blocks.length - kept.length))];
}

export function errorReply(message: string): Reply {
  return { text: message, blocks: [section(`:warning: ${escapeMrkdwn(message)}`)], isError: true };
}

export function infoReply(message: string): Reply {
  return { text: message, blocks: [section(message)] };
}
