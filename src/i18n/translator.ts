/**
 * The words of one language: messages from its catalogue (ICU MessageFormat through
 * intl-messageformat) and the formats of dates, amounts and business days.
 *
 * A message becomes Slack text the same way a `mrkdwn` template does (core/mrkdwn.ts):
 * the catalogue's words and every string argument are escaped, `Mrkdwn` arguments (a
 * mention, a link, a phrase built elsewhere) are kept. So a project name in a Japanese
 * reminder is as inert as in an English one.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { type CivilDate, formatDate } from '../core/civil-date.ts';
import { joinMrkdwn, joinPlain, type Mrkdwn, type PlainText, PlainText as PlainTextClass } from '../core/mrkdwn.ts';
import { formatMoney, formatPercent } from '../core/values.ts';
import { en, type MessageKey } from './catalogs/en.ts';
import { ja } from './catalogs/ja.ts';
import { formatDateJa, formatDayJa, formatMoneyJa } from './japanese-format.ts';
import { DEFAULT_LOCALE, type Locale } from '../core/locale.ts';

export type { MessageKey } from './catalogs/en.ts';

/** What a message may be given: text (escaped), numbers (for plurals and counts), markup (kept). */
export type MessageArg = string | number | Mrkdwn | PlainText;
export type MessageArgs = Readonly<Record<string, MessageArg>>;

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, ja };

export class Translator {
  readonly #compiled = new Map<MessageKey, IntlMessageFormat>();

  constructor(readonly locale: Locale) {}

  /** A message as mrkdwn. */
  mrkdwn(key: MessageKey, args: MessageArgs = {}): Mrkdwn {
    return joinMrkdwn(this.#parts(key, args).map((p) => (p instanceof PlainTextClass ? p.toMrkdwn() : p)));
  }

  /** A message as plain_text (headers, buttons, modal labels). */
  plain(key: MessageKey, args: MessageArgs = {}): PlainText {
    return joinPlain(
      this.#parts(key, args).map((p) => {
        if (typeof p === 'string' || p instanceof PlainTextClass) return p;
        throw new TypeError(`message ${key}: mrkdwn cannot go into plain text`);
      }),
    );
  }

  /** A message as a string, for surfaces that are not Slack markup (the terminal, a modal's error strings, a calendar file). */
  text(key: MessageKey, args: MessageArgs = {}): string {
    return this.#parts(key, args)
      .map((p) => {
        if (typeof p === 'string') return p;
        throw new TypeError(`message ${key}: markup cannot go into a string`);
      })
      .join('');
  }

  /** `Thu 2026-04-23` / `2026年4月23日（木）`. */
  date(date: CivilDate): string {
    return this.locale === 'ja' ? formatDateJa(date) : formatDate(date);
  }

  /** `2026-11-30` / `2026年11月30日`: a day without its weekday (as-of lines). */
  day(date: CivilDate): string {
    return this.locale === 'ja' ? formatDayJa(date) : date;
  }

  /** `US$2.1bn` / `21億ドル`. */
  money(usd: number): string {
    return this.locale === 'ja' ? formatMoneyJa(usd) : formatMoney(usd);
  }

  percent(p: number): string {
    return formatPercent(p);
  }

  /** Between the items of a list: `, ` / `、`. */
  get separator(): string {
    return this.locale === 'ja' ? '、' : ', ';
  }

  /** Items as one phrase: `a, b, c` / `a、b、c`. */
  list(items: readonly string[]): string {
    return items.join(this.separator);
  }

  #parts(key: MessageKey, args: MessageArgs): (string | Mrkdwn | PlainText)[] {
    let format = this.#compiled.get(key);
    if (!format) {
      // Tags stay text: the catalogues hold Slack words, not XML.
      format = new IntlMessageFormat(CATALOGS[this.locale][key], this.locale, undefined, { ignoreTag: true });
      this.#compiled.set(key, format);
    }
    const parts = format.formatToParts<Mrkdwn | PlainText>(args as Record<string, string | number | Mrkdwn | PlainText>);
    return parts.map((p) => p.value as string | Mrkdwn | PlainText);
  }
}

const translators = new Map<Locale, Translator>();

/** The translator of a language; one per process, so compiled messages are shared. */
export function translator(locale: Locale = DEFAULT_LOCALE): Translator {
  let t = translators.get(locale);
  if (!t) {
    t = new Translator(locale);
    translators.set(locale, t);
  }
  return t;
}
