/**
 * Tokenizer for slash-command text: positional words and `key=value` options.
 *
 * The text arrives exactly as Slack sends it, so it has to cope with what Slack does to
 * typing: smart quotes (“ ” ‘ ’), non-breaking and ideographic spaces, HTML-escaped
 * `&`, `<` and `>`, and `<…>` markup for mentions. Anything it cannot read is a
 * `UserError`, never another exception, because the text is whatever a user typed.
 */

import { UserError } from '../core/errors.ts';
import { hasControlCharacters } from '../core/unsafe-text.ts';

/** Longest command text accepted, in characters (code points). */
export const MAX_COMMAND_LENGTH = 4000;

export interface ParsedCommand {
  /** Positional words, in order. Quotes are removed; a quoted phrase is one word. */
  words: string[];
  /**
   * `key=value` pairs, keys lower-cased, value quotes removed. The object has no
   * prototype, so a user-typed key such as `constructor=` or `__proto__=` is just a key;
   * use `Object.hasOwn(options, key)` or `options[key] !== undefined` to test for one.
   */
  options: Record<string, string>;
}

// What a command may not contain is decided in one place for every surface (and CSV files).
export { hasControlCharacters };

/**
 * `key=` at the start of a token. Anything else containing `=` is a positional word. A
 * keyboard left in full-width mode types `ｄｅａｌ＝ＪＰ`: the key and `＝` are read as ASCII.
 */
const OPTION_KEY = /([A-Za-z_\uFF21-\uFF3A\uFF41-\uFF5A\uFF3F][A-Za-z0-9_\uFF21-\uFF3A\uFF41-\uFF5A\uFF10-\uFF19\uFF3F]*)[=\uFF1D]/y;

/**
 * Slack markup for mentions: `<@U123>`, `<#C123|general>`, `<!channel>`,
 * `<!subteam^S1|@team>`. Kept whole even when the label after `|` has spaces or quotes,
 * because a mention split in two is useless to every subcommand. Only a raw `<` can start
 * one: Slack escapes a `<` the user typed as `&lt;`.
 */
const MENTION = /<[@#!][^<>\s|]+(?:\|[^<>]*)?>/y;

const ENTITY = /&(amp|lt|gt);/g;

const APOSTROPHE_CONTEXT = /[\p{L}\p{N}\p{M}]/u;

interface QuoteRule {
  /** Characters that close a phrase opened by this quote. */
  closers: string;
  /**
   * Single quotes double as apostrophes, so inside a phrase a closer directly followed
   * by a letter or digit (`'Japan's fund'`, `‘O’Brien’`) is an apostrophe, not the end.
   */
  apostrophes: boolean;
}

// A curly phrase may be closed by its curly closer or by the straight quote of the same
// family: Slack's autocorrect sometimes curls only the opening quote. A straight phrase
// is closed only by the same straight quote, so curly quotes nest inside it
// ("He said “hi” there" is one phrase). Left quotes (“ ‘) close only the low-9 openers
// („ ‚), as in German „…“.
const DOUBLE_CURLY_CLOSERS = '"\u201D';
const SINGLE_CURLY_CLOSERS = "'\u2019";
const QUOTES: ReadonlyMap<string, QuoteRule> = new Map([
  ['"', { closers: '"', apostrophes: false }],
  ['\u201C', { closers: DOUBLE_CURLY_CLOSERS, apostrophes: false }], // “
  ['\u201D', { closers: DOUBLE_CURLY_CLOSERS, apostrophes: false }], // ” (Swedish/Finnish style, or an autocorrect slip)
  ['\u201E', { closers: DOUBLE_CURLY_CLOSERS + '\u201C', apostrophes: false }], // „
  ["'", { closers: "'", apostrophes: true }],
  ['\u2018', { closers: SINGLE_CURLY_CLOSERS, apostrophes: true }], // ‘
  ['\u2019', { closers: SINGLE_CURLY_CLOSERS, apostrophes: true }], // ’
  ['\u201A', { closers: SINGLE_CURLY_CLOSERS + '\u2018', apostrophes: true }], // ‚
  ['\uFF02', { closers: '\uFF02', apostrophes: false }], // ＂ (full-width)
  ['\u301D', { closers: '\u301E\u301F', apostrophes: false }], // 〝…〟
]);

/**
 * Japanese corner brackets quote a phrase only when the closing bracket ends the token
 * (`「テキサス ガルフ」`): one inside a name (`「未来」計画`, `第2期「北」`) is part of it.
 */
const CORNER_QUOTES: ReadonlyMap<string, string> = new Map([
  ['\u300C', '\u300D'], // 「…」
  ['\u300E', '\u300F'], // 『…』
]);

/** Whitespace, including U+00A0 (Slack inserts it) and U+3000 (Japanese/Korean IMEs). */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function codePointLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    length++;
  }
  return length;
}

/** Slack escapes exactly these three. One pass, so `&amp;lt;` correctly becomes `&lt;`. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** 1-based position as the user sees it: after decoding entities, counting code points. */
function userPosition(text: string, index: number): number {
  return codePointLength(decodeEntities(text.slice(0, index))) + 1;
}

function isApostrophe(text: string, closerIndex: number): boolean {
  const next = text.codePointAt(closerIndex + 1);
  return next !== undefined && APOSTROPHE_CONTEXT.test(String.fromCodePoint(next));
}

/**
 * Reads one token starting at `start` (not whitespace): an optional quoted phrase, then
 * unquoted characters up to the next whitespace. Text right after a closing quote joins
 * the same token (`"a b"c` is `a bc`), as in a shell. Returns the decoded value and the
 * index just past the token.
 */
function readToken(text: string, start: number): { value: string; end: number } {
  let raw = '';
  let i = start;
  const rule = QUOTES.get(text.charAt(i));
  const corner = CORNER_QUOTES.get(text.charAt(i));
  const close = corner ? text.indexOf(corner, i + 1) : -1;
  if (close > 0 && (close + 1 === text.length || isSpace(text.charCodeAt(close + 1)))) {
    return { value: decodeEntities(text.slice(i + 1, close)), end: close + 1 };
  }
  if (rule) {
    let close = -1;
    for (let j = i + 1; j < text.length; j++) {
      if (rule.closers.includes(text.charAt(j)) && !(rule.apostrophes && isApostrophe(text, j))) {
        close = j;
        break;
      }
    }
    if (close < 0) throw new UserError('unbalanced_quote', { position: userPosition(text, i) });
    raw = text.slice(i + 1, close);
    i = close + 1;
  }
  const runStart = i;
  while (i < text.length && !isSpace(text.charCodeAt(i))) {
    if (text.charCodeAt(i) === 0x3c /* < */) {
      MENTION.lastIndex = i;
      if (MENTION.test(text)) {
        i = MENTION.lastIndex;
        continue;
      }
    }
    i++;
  }
  raw += text.slice(runStart, i);
  return { value: decodeEntities(raw), end: i };
}

/**
 * Splits command text (the subcommand and its arguments, without the `/invest` itself)
 * into words and options.
 *
 * Throws `UserError`: `input_too_long`, `control_characters`, `unbalanced_quote`,
 * `duplicate_option`. Empty or blank text is not an error: it has no words.
 */
export function parseCommandText(text: string): ParsedCommand {
  if (text.length > MAX_COMMAND_LENGTH) {
    // Measured in code points so that emoji and CJK count as the one character they look like.
    const length = codePointLength(text);
    if (length > MAX_COMMAND_LENGTH) throw new UserError('input_too_long', { length, max: MAX_COMMAND_LENGTH });
  }
  if (hasControlCharacters(text)) throw new UserError('control_characters');

  const words: string[] = [];
  const options = Object.create(null) as Record<string, string>;
  let i = 0;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;

    OPTION_KEY.lastIndex = i;
    const option = OPTION_KEY.exec(text);
    if (option) {
      const key = option[1]!.normalize('NFKC').toLowerCase();
      const { value, end } = readToken(text, OPTION_KEY.lastIndex);
      if (Object.hasOwn(options, key)) throw new UserError('duplicate_option', { key });
      options[key] = value;
      i = end;
    } else {
      const { value, end } = readToken(text, i);
      words.push(value);
      i = end;
    }
  }
  return { words, options };
}
