/**
 * Slack text, safe by construction.
 *
 * The rule: nothing a user typed (a project name, a reason, a sponsor, a source, an audit
 * value…) ever reaches Slack as markup. Slack reads `&`, `<` and `>` as control characters
 * in every text object — mrkdwn and plain_text alike — and in a message's top-level
 * `text`: `<!channel>`, `<!here>`, `<@U…>`, `<#C…>` and `<url|label>` there become real
 * pings, mentions and links. So every one of the three becomes its entity (`&amp;`,
 * `&lt;`, `&gt;`); Slack decodes those for display, so the text shows exactly as typed
 * (a typed `&lt;` is sent as `&amp;lt;` and shows as `&lt;`).
 * See https://docs.slack.dev/messaging/formatting-message-text#escaping.
 *
 * How it is enforced: the block builders (replies/reply.ts) take only `Mrkdwn` and
 * `PlainText` values, and a reply's fallback `text` only `SlackMarkup`, never a string. The
 * only ways to make one are the `mrkdwn` and `plain` tags — which escape every piece of
 * text, the template's own words included, and pass through only values that are already
 * `Mrkdwn` — and the constructors below for the markup the bot writes itself from checked
 * values: user, group and channel mentions from IDs, links to http(s) URLs. So a raw
 * string cannot reach a block without being escaped; the compiler refuses it.
 *
 * What escaping cannot do: mrkdwn has no escape for `*`, `_`, `~` and `` ` ``, so a name
 * such as `*big*` still shows in bold. That is cosmetic: no emphasis pings or links.
 */

declare const markupBrand: unique symbol;

/** A string of Slack markup in which all text is escaped. Only this module makes one. */
export type SlackMarkup = string & { readonly [markupBrand]: true };

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

const SPECIAL = /[&<>]/;

/** The one escaping function: `&`, `<` and `>` become entities, nothing else changes. */
function escapeText(text: string): string {
  return SPECIAL.test(text) ? text.replace(/[&<>]/g, (c) => ENTITIES[c]!) : text;
}

// A template's words are the same object on every call from one place in the code, so
// they are escaped once.
const escapedWords = new WeakMap<TemplateStringsArray, readonly string[]>();

function wordsOf(words: TemplateStringsArray): readonly string[] {
  let escaped = escapedWords.get(words);
  if (!escaped) {
    escaped = words.map(escapeText);
    escapedWords.set(words, escaped);
  }
  return escaped;
}

let wrapMrkdwn!: (markup: string) => Mrkdwn;
let wrapPlain!: (text: string, emoji: boolean) => PlainText;

/** mrkdwn whose text is escaped. Made by `mrkdwn\`…\``, the mentions and `link`. */
export class Mrkdwn {
  readonly #markup: string;

  private constructor(markup: string) {
    this.#markup = markup;
  }

  static {
    wrapMrkdwn = (markup) => new Mrkdwn(markup);
  }

  /** The markup to send to Slack. */
  get markup(): SlackMarkup {
    return this.#markup as SlackMarkup;
  }

  /** Length of the markup (what Slack's limits count), not of the text shown. */
  get length(): number {
    return this.#markup.length;
  }

  /** At most `max` characters of markup, never cutting an entity, a mention or a link. */
  truncate(max: number): Mrkdwn {
    return this.#markup.length <= max ? this : new Mrkdwn(truncateMarkup(this.#markup, max));
  }

  /** A plain template literal would drop the escaping guarantee: refuse to become a string. */
  [Symbol.toPrimitive](): never {
    throw new TypeError('a Mrkdwn value was used as a string; interpolate it with mrkdwn`…` or read .markup');
  }
}

/**
 * plain_text (headers, buttons): Slack reads no mentions in it, but it does decode the
 * three entities, so the text is escaped the same way to show exactly as typed. `emoji`
 * is true only when every word is the bot's own: with `emoji: true` Slack turns `:name:`
 * into an emoji, so a name like `:rotating_light: Fab` is sent with `emoji: false`.
 */
export class PlainText {
  readonly #text: string;
  readonly emoji: boolean;

  private constructor(text: string, emoji: boolean) {
    this.#text = text;
    this.emoji = emoji;
  }

  static {
    wrapPlain = (text, emoji) => new PlainText(text, emoji);
  }

  get text(): SlackMarkup {
    return this.#text as SlackMarkup;
  }

  get length(): number {
    return this.#text.length;
  }

  truncate(max: number): PlainText {
    return this.#text.length <= max ? this : new PlainText(truncateMarkup(this.#text, max), this.emoji);
  }

  /** The same text as mrkdwn (for a fallback `text`): the escaping is the same. */
  toMrkdwn(): Mrkdwn {
    return wrapMrkdwn(this.#text);
  }

  [Symbol.toPrimitive](): never {
    throw new TypeError('a PlainText value was used as a string; interpolate it with plain`…` or read .text');
  }
}

/** What a `mrkdwn` template may interpolate: text (escaped) or mrkdwn (kept). */
export type MrkdwnPart = Mrkdwn | string | number;

function part(value: MrkdwnPart): string {
  return value instanceof Mrkdwn ? value.markup : escapeText(String(value));
}

/**
 * mrkdwn from a template: the template's words and every interpolated string or number
 * are escaped; interpolated `Mrkdwn` is kept as it is. `*`, `_`, `` ` `` and `:emoji:`
 * are not special to the escaping, so mrkdwn`*${name}* is due` reads as bold.
 */
export function mrkdwn(words: TemplateStringsArray, ...values: MrkdwnPart[]): Mrkdwn {
  const w = wordsOf(words);
  let out = w[0]!;
  for (let i = 0; i < values.length; i++) out += part(values[i]!) + w[i + 1]!;
  return wrapMrkdwn(out);
}

/** Text (escaped) or mrkdwn (kept) as one `Mrkdwn`. */
export function asMrkdwn(value: MrkdwnPart): Mrkdwn {
  return value instanceof Mrkdwn ? value : wrapMrkdwn(part(value));
}

export function joinMrkdwn(parts: readonly MrkdwnPart[], separator: MrkdwnPart = ''): Mrkdwn {
  return wrapMrkdwn(parts.map(part).join(part(separator)));
}

/** What a `plain` template may interpolate. */
export type PlainPart = PlainText | string | number;

/** plain_text from a template; see `PlainText` for the escaping and the `emoji` flag. */
export function plain(words: TemplateStringsArray, ...values: PlainPart[]): PlainText {
  const w = wordsOf(words);
  let out = w[0]!;
  let emoji = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v instanceof PlainText) {
      out += v.text;
      emoji &&= v.emoji;
    } else {
      out += escapeText(String(v));
      // A number counts too: `:` + `100` + `:` is an emoji code.
      emoji = false;
    }
    out += w[i + 1]!;
  }
  return wrapPlain(out, emoji);
}

/** Pieces of plain text as one `PlainText`; `emoji` stays true only if every piece is the bot's own. */
export function joinPlain(parts: readonly PlainPart[], separator = ''): PlainText {
  let emoji = true;
  const texts = parts.map((v) => {
    if (v instanceof PlainText) {
      emoji &&= v.emoji;
      return v.text;
    }
    emoji = false;
    return escapeText(String(v));
  });
  return wrapPlain(texts.join(escapeText(separator)), emoji);
}

/** Words the bot owns (a message catalogue's text) as `PlainText`: escaped, emoji codes kept. */
export function ownPlain(words: string): PlainText {
  return wrapPlain(escapeText(words), true);
}

// ------------------------------------------------------------------ markup the bot builds

const USER_ID = /^[UW][A-Z0-9]+$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]+$/;
const GROUP_ID = /^S[A-Z0-9]{2,}$/;
const LINK_URL = /^https?:\/\/[^\s<>|]+$/i;

/** `<@U…>` for a user ID; anything else is shown as text. */
export function userMention(id: string): Mrkdwn {
  return USER_ID.test(id) ? wrapMrkdwn(`<@${id}>`) : mrkdwn`@${id}`;
}

/** `<#C…>` for a channel ID; anything else is shown as text. */
export function channelMention(id: string): Mrkdwn {
  return CHANNEL_ID.test(id) ? wrapMrkdwn(`<#${id}>`) : mrkdwn`#${id}`;
}

/** `<!subteam^S…>` for a user group ID; anything else is shown as text. */
export function groupMention(id: string): Mrkdwn {
  return GROUP_ID.test(id) ? wrapMrkdwn(`<!subteam^${id}>`) : mrkdwn`@${id}`;
}

/**
 * `<url|label>` for an http(s) URL without spaces, `<`, `>` or `|` (the characters that
 * would end the link early); the label is escaped. Any other URL is shown as text.
 */
export function link(url: string, label: MrkdwnPart): Mrkdwn {
  if (!LINK_URL.test(url)) return mrkdwn`${label} (${url})`;
  return wrapMrkdwn(`<${url}|${part(label)}>`);
}

const KEPT_MENTION = /<@[UW][A-Z0-9]+>|<!subteam\^S[A-Z0-9]{2,}>/g;

/**
 * Text built from configuration that names people on purpose — the admins a refusal
 * points to (`<@U…>`, `<!subteam^S…>`). Those user and group mentions stay live;
 * everything else, `<!channel>`, `<!here>` and links included, is escaped. Never for
 * text a user typed: it would let them mention someone.
 */
export function mrkdwnNamingUsers(text: string): Mrkdwn {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(KEPT_MENTION)) {
    out += escapeText(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return wrapMrkdwn(out + escapeText(text.slice(last)));
}

// ------------------------------------------------------------------ truncation and reading

/** One unit that must not be cut: an entity, a `<…>` token, a surrogate pair, a character. */
const UNIT = /&(?:amp|lt|gt);|<[^<>\n]*>|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g;

/**
 * At most `max` characters of markup ending in `…`, cut between units: never inside
 * `&amp;`, inside `<#C…>` or a link, or between the halves of a surrogate pair.
 */
export function truncateMarkup<T extends string>(markup: T, max: number): T {
  if (markup.length <= max) return markup;
  let end = 0;
  for (const m of markup.matchAll(UNIT)) {
    const next = m.index + m[0].length;
    if (next > max - 1) break;
    end = next;
  }
  return (markup.slice(0, end) + '…') as T;
}

/** Entities back to characters, in one pass (for the shell, which shows text as typed). */
export function unescapeMarkup(markup: string): string {
  return markup.replace(/&(amp|lt|gt);/g, (_m, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}
