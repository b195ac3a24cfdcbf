/**
 * Characters that user text must not carry, in one place for every way text comes in:
 * the slash command and the add form (`hasControlCharacters`) and CSV files
 * (`findUnsafeCharacter`, which also refuses invisible characters).
 *
 * - C0 and C1 controls (tab, LF and CR excepted: they are whitespace). ESC and CSI start
 *   terminal escape codes, which `dealclock run list` would otherwise print raw; NUL is
 *   refused by Postgres itself.
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text
 *   display in a different order than it reads, so a value can look harmless and be
 *   something else.
 * - Lone surrogates: not text at all; they turn into U+FFFD somewhere downstream.
 */

const CONTROL_BIDI_SURROGATE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The above, and zero-width characters (U+200B–U+200D, U+2060, U+FEFF), which make two
 * names that look the same differ. A zero-width joiner inside an emoji sequence (👨‍👩‍👧,
 * 🏳️‍🌈, 👩🏽‍💻) is part of the emoji and allowed (see `joinsEmoji`), so any name the
 * slash command accepts with emoji still imports. Without the `u` flag: on Japanese text a
 * `u` regular expression was several times slower (343 ms against 34–77 ms for 8 MB).
 */
const UNSAFE_IN_FILES = new RegExp(`${CONTROL_BIDI_SURROGATE.source}|[\\u200B-\\u200D\\u2060\\uFEFF]`, 'g');
const EMOJI_BEFORE = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?$/u;
const EMOJI_AFTER = /^\p{Extended_Pictographic}/u;

/** Whether the zero-width joiner at `index` joins two emoji (a skin tone or U+FE0F may follow the first). */
function joinsEmoji(text: string, index: number): boolean {
  return EMOJI_BEFORE.test(text.slice(Math.max(0, index - 4), index)) && EMOJI_AFTER.test(text.slice(index + 1, index + 3));
}

/** What the slash command and the add form refuse: controls, bidi controls, lone surrogates. */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_BIDI_SURROGATE.test(text);
}

export interface UnsafeCharacter {
  /** Index of the character in the string, in UTF-16 code units. */
  index: number;
  /** What it is, for a message: `U+001B (ESC), a control character`. Never the character itself. */
  description: string;
}

/** The first character a value read from a file must not carry, or undefined. */
export function findUnsafeCharacter(text: string): UnsafeCharacter | undefined {
  UNSAFE_IN_FILES.lastIndex = 0;
  for (let m = UNSAFE_IN_FILES.exec(text); m; m = UNSAFE_IN_FILES.exec(text)) {
    if (m[0] === '\u200D' && joinsEmoji(text, m.index)) continue;
    return { index: m.index, description: describe(m[0].charCodeAt(0)) };
  }
  return undefined;
}

const CONTROL_NAMES: ReadonlyMap<number, string> = new Map([
  [0x00, 'NUL'],
  [0x07, 'BEL'],
  [0x08, 'backspace'],
  [0x0b, 'vertical tab'],
  [0x0c, 'form feed'],
  [0x1b, 'ESC, which starts terminal escape codes'],
  [0x7f, 'DEL'],
  [0x85, 'next line'],
  [0x9b, 'CSI, which starts terminal escape codes'],
]);

const INVISIBLE_NAMES: ReadonlyMap<number, string> = new Map([
  [0x200b, 'zero-width space'],
  [0x200c, 'zero-width non-joiner'],
  [0x200d, 'zero-width joiner'],
  [0x2060, 'word joiner'],
  [0xfeff, 'zero-width no-break space, a byte-order mark inside the text'],
]);

function describe(code: number): string {
  const u = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `${u}, half of a character (a lone surrogate)`;
  const invisible = INVISIBLE_NAMES.get(code);
  if (invisible) return `${u} (${invisible}), an invisible character`;
  if (code >= 0x202a && code <= 0x2069) return `${u}, a bidi control that makes text display out of order`;
  const control = CONTROL_NAMES.get(code);
  return `${u}${control ? ` (${control})` : ''}, a control character`;
}
