/**
 * Renders a reply's blocks as readable plain text for the shell and the CLI. It reads
 * the same blocks Slack gets, so the two surfaces cannot drift apart. User text in them is
 * escaped for Slack (`&lt;`…); it is unescaped here, last, so the shell shows it exactly
 * as typed and a typed `<!channel>` is never read as markup on the way.
 */
import stringWidth from 'string-width';
import type { KnownBlock } from '@slack/types';
import { unescapeMarkup } from '../core/mrkdwn.ts';

const EMOJI: Record<string, string> = {
  ':warning:': '!',
  ':white_check_mark:': '✓',
  ':x:': '✗',
  ':alarm_clock:': '⏰',
  ':hourglass_flowing_sand:': '⏳',
  ':red_circle:': '●',
  ':large_orange_circle:': '●',
  ':large_green_circle:': '●',
  ':calendar:': '',
  ':moneybag:': '',
  ':information_source:': 'i',
  ':white_circle:': '○',
  ':large_blue_circle:': '◆',
  ':heavy_minus_sign:': '–',
  ':pencil2:': '✎',
};

/** mrkdwn → plain text: drops emphasis markers, turns links and mentions into text. */
export function mrkdwnToText(text: string): string {
  const shown = text
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<#([A-Z0-9]+)\|([^>]*)>/g, (_m, id: string, name: string) => (name ? `#${name}` : `#${id}`))
    .replace(/<#([A-Z0-9]+)>/g, '#$1')
    .replace(/<@([A-Z0-9]+)>/g, '@$1')
    .replace(/<!date\^\d+\^[^|]*\|([^>]*)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/(^|[\s(])~([^~\n]+)~(?=$|[\s).,:;!?])/g, '$1$2')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/:[a-z0-9_+-]+:/g, (m) => EMOJI[m] ?? m);
  return unescapeMarkup(shown);
}

/** A reply, or any message: the blocks Slack gets and its fallback text. */
export function renderText(message: { text: string; blocks: readonly KnownBlock[] }): string {
  const lines: string[] = [];
  for (const block of message.blocks) lines.push(...renderBlock(block));
  if (lines.length === 0) lines.push(mrkdwnToText(message.text));
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
}

function renderBlock(block: KnownBlock): string[] {
  switch (block.type) {
    case 'header': {
      const title = unescapeMarkup(block.text.text);
      return ['', title, '─'.repeat(Math.min(60, Math.max(8, stringWidth(title))))];
    }
    case 'section': {
      const out: string[] = [];
      if (block.text) out.push(mrkdwnToText(block.text.text));
      for (const field of block.fields ?? []) {
        const [label, ...rest] = mrkdwnToText(field.text).split('\n');
        out.push(`  ${padToWidth(label ?? '', 18)} ${rest.join(' / ')}`);
      }
      return out;
    }
    case 'context':
      return block.elements.map((el) => ('text' in el && typeof el.text === 'string' ? `  · ${mrkdwnToText(el.text)}` : '')).filter(Boolean);
    case 'divider':
      return [''];
    case 'actions': {
      const labels = block.elements
        .map((el) => ('text' in el && el.text && typeof el.text === 'object' && 'text' in el.text ? `[${unescapeMarkup(el.text.text)}]` : ''))
        .filter(Boolean);
      return labels.length ? [`  ${labels.join(' ')}`] : [];
    }
    default:
      return [];
  }
}

/** Pads to a width in terminal columns: a Japanese character takes two. */
function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
