/**
 * The reply model every command returns: Block Kit blocks plus a fallback `text`. Slack
 * sends it as is; the shell renders the same blocks as plain text (render-text.ts), so
 * both surfaces always show the same thing.
 *
 * The builders here take only `Mrkdwn` and `PlainText` (core/mrkdwn.ts), never a string,
 * and a reply's `text` is `SlackMarkup`: user text cannot reach a message, a header or a
 * button without being escaped, and a block cannot be written by hand (`Block` is what the
 * builders return). Each builder cuts its text to Slack's limit after escaping, without
 * splitting an entity or a mention.
 */
import type { KnownBlock } from '@slack/types';
import { asMrkdwn, joinMrkdwn, mrkdwn, type Mrkdwn, type PlainText, type SlackMarkup } from '../core/mrkdwn.ts';
import type { TimelinePicture } from '../timeline/render.ts';

declare const builtBrand: unique symbol;

/** A block made by the builders below. */
export type Block = KnownBlock & { readonly [builtBrand]: true };

export interface Reply {
  /** Notification and accessibility fallback; always set. Escaped: Slack reads it as mrkdwn. */
  text: SlackMarkup;
  blocks: Block[];
  /** True for error replies (the CLI exits 2, Slack keeps them ephemeral). */
  isError?: boolean;
  /** Post in the channel instead of ephemerally (the user asked to share). */
  share?: boolean;
  /** Holds a secret (a feed URL): never shared in the channel, whatever was asked. */
  secret?: boolean;
  /**
   * A picture that goes with the reply (the timeline). Slack uploads it and shows it in
   * place of `blocks`, the shell and CLI write it to a file; `blocks` stay the text
   * version, shown wherever the picture cannot be.
   */
  picture?: TimelinePicture;
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
// A confirmation dialog: title 100, text 300, buttons 30.
const MAX_CONFIRM_TITLE = 100;
const MAX_CONFIRM_TEXT = 300;
const MAX_CONFIRM_BUTTON = 30;

/** A reply from its fallback text and blocks. */
export function reply(text: Mrkdwn, blocks: Block[], extra: Pick<Reply, 'isError' | 'share'> = {}): Reply {
  return { text: text.truncate(MAX_SECTION_TEXT).markup, blocks, ...extra };
}

/** Cuts raw text (before it is escaped) to `max` characters, ending in `…`; keeps surrogate pairs whole. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  return text.slice(0, end) + '…';
}

function block(b: KnownBlock): Block {
  return b as Block;
}

function plainObject(text: PlainText, max: number) {
  const t = text.truncate(max);
  return { type: 'plain_text' as const, text: t.text, emoji: t.emoji };
}

export function header(text: PlainText): Block {
  return block({ type: 'header', text: plainObject(text, MAX_HEADER_TEXT) });
}

export function section(text: Mrkdwn): Block {
  return block({ type: 'section', text: { type: 'mrkdwn', text: text.truncate(MAX_SECTION_TEXT).markup } });
}

/** A section of label/value fields, two columns in Slack. Labels are the bot's words, escaped like any text. */
export function fields(pairs: ReadonlyArray<readonly [label: string, value: Mrkdwn]>): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < pairs.length; i += MAX_FIELDS) {
    out.push(
      block({
        type: 'section',
        fields: pairs.slice(i, i + MAX_FIELDS).map(([label, value]) => ({
          type: 'mrkdwn' as const,
          text: mrkdwn`*${label}*\n${value}`.truncate(MAX_FIELD_TEXT).markup,
        })),
      }),
    );
  }
  return out;
}

export function context(...lines: Mrkdwn[]): Block {
  return block({
    type: 'context',
    elements: lines.slice(0, MAX_CONTEXT_ELEMENTS).map((text) => ({ type: 'mrkdwn' as const, text: text.truncate(MAX_SECTION_TEXT).markup })),
  });
}

// An image block's title and alt text: 2000 characters each.
const MAX_IMAGE_TEXT = 2000;

/** An image uploaded to Slack, by its file id (a `slack_file` object: no public URL needed). */
export function image(fileId: string, title: PlainText, altText: string): Block {
  return block({
    type: 'image',
    slack_file: { id: fileId },
    title: plainObject(title, MAX_IMAGE_TEXT),
    alt_text: truncate(altText, MAX_IMAGE_TEXT),
  });
}

export function divider(): Block {
  return block({ type: 'divider' });
}

export interface ButtonSpec {
  text: PlainText;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
  confirm?: { title: PlainText; text: Mrkdwn; confirm: PlainText; deny: PlainText };
}

export function actions(blockId: string, buttons: ButtonSpec[]): Block {
  return block({
    type: 'actions',
    block_id: blockId,
    elements: buttons.map((b) => ({
      type: 'button' as const,
      text: plainObject(b.text, MAX_BUTTON_TEXT),
      action_id: b.actionId,
      value: b.value,
      ...(b.style ? { style: b.style } : {}),
      ...(b.confirm
        ? {
            confirm: {
              title: plainObject(b.confirm.title, MAX_CONFIRM_TITLE),
              text: { type: 'mrkdwn' as const, text: b.confirm.text.truncate(MAX_CONFIRM_TEXT).markup },
              confirm: plainObject(b.confirm.confirm, MAX_CONFIRM_BUTTON),
              deny: plainObject(b.confirm.deny, MAX_CONFIRM_BUTTON),
            },
          }
        : {}),
    })),
  });
}

/** Keeps a message within the block limit: the last block says how many were left out. */
export function capBlocks(blocks: Block[], moreHint: (hidden: number) => Mrkdwn): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  return [...kept, context(moreHint(blocks.length - kept.length))];
}

/** An error reply. The message is text (it may quote what the user typed), so all of it is escaped. */
export function errorReply(message: string): Reply {
  return reply(asMrkdwn(message), [section(mrkdwn`:warning: ${message}`)], { isError: true });
}

export function infoReply(message: Mrkdwn): Reply {
  return reply(message, [section(message)]);
}

/** Lines packed into sections of at most `budget` characters of markup each. */
export function packLines(lines: readonly Mrkdwn[], budget = 2800): Block[] {
  const blocks: Block[] = [];
  let chunk: Mrkdwn[] = [];
  let size = 0;
  for (const line of lines) {
    if (chunk.length && size + line.length + 1 > budget) {
      blocks.push(section(joinMrkdwn(chunk, '\n')));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  if (chunk.length) blocks.push(section(joinMrkdwn(chunk, '\n')));
  return blocks;
}
