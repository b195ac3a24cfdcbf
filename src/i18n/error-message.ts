/**
 * A user error in the reader's language. English comes from core/errors.ts (the words the
 * logs also carry); other languages from their catalogue, given the same details.
 */
import type { UserError } from '../core/errors.ts';
import { IntlMessageFormat } from 'intl-messageformat';
import { errorsJa } from './catalogs/errors-ja.ts';
import type { Translator } from './translator.ts';

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
    if (Array.isArray(value)) {
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
