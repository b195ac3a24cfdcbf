/**
 * A user error in the reader's language. English comes from core/errors.ts (the words the
 * logs also carry); other languages from their catalogue, given the same details.
 */
import type { Phrase, UserError } from '../core/errors.ts';
import { IntlMessageFormat } from 'intl-messageformat';
import { errorsJa } from './catalogs/errors-ja.ts';
import { translator, type MessageKey, type Translator } from './translator.ts';

const compiled = new Map<string, IntlMessageFormat>();

export function errorText(tr: Translator, err: UserError): string {
  if (tr.locale === 'en') return err.userMessage();
  const source = errorsJa[err.code];
  let format = compiled.get(err.code);
  if (!format) {
    format = new IntlMessageFormat(source, 'ja', undefined, { ignoreTag: true });
    compiled.set(err.code, format);
  }
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(err.details)) {
    if (value === undefined) continue;
    if (isPhrase(value)) {
      values[key] = phraseText(tr, value);
    } else if (Array.isArray(value)) {
      values[key] = key === 'problems' ? value.map((p) => `• ${p}`).join('\n') : tr.list(value.map((v) => `\`${v}\``));
      if (value.length === 0) values[key] = 'none';
    } else values[key] = String(value);
  }
  // Optional details a template selects on: absent reads as `none`, never as an error.
  for (const key of ['suggestion', 'suggestions', 'column', 'hint']) values[key] ??= key === 'hint' ? '' : 'none';
  try {
    return String(format.format(values));
  } catch {
    // A detail the template needs is missing: English says it all rather than nothing.
    return err.userMessage();
  }
}

class CataloguePhrase implements Phrase {
  constructor(
    readonly key: MessageKey,
    readonly args: Readonly<Record<string, string | number>> = {},
  ) {}

  toString(): string {
    return translator('en').text(this.key, this.args);
  }
}

/** A user error's detail in the bot's words, translated for each reader: `reason: phrase('reason.page')`. */
export function phrase(key: MessageKey, args?: Readonly<Record<string, string | number>>): Phrase {
  return new CataloguePhrase(key, args);
}

/** A phrase in `tr`'s language. */
export function phraseText(tr: Translator, p: Phrase): string {
  return tr.text(p.key as MessageKey, p.args);
}

function isPhrase(value: unknown): value is Phrase {
  return value instanceof CataloguePhrase;
}
