/**
 * Public data in the reader's language. A pack carries translations of its texts (an
 * event's summary, a note, a sponsor, a tariff's basis…); the workspace keeps them by the
 * English text (db/public-data.ts, public_text). A text without a translation, such as a
 * value someone in the workspace typed or edited, is shown as it is stored.
 */
import type { Locale } from '../../core/locale.ts';
import type { Store } from '../../db/store.ts';

/** A stored text as the reader reads it. */
export type DataText = (stored: string) => string;

export const AS_STORED: DataText = (stored) => stored;

/** One query for all the texts a reply shows; none for English, the language they are stored in. */
export async function dataTexts(store: Store, locale: Locale, texts: Iterable<string | null | undefined>): Promise<DataText> {
  if (locale === 'en') return AS_STORED;
  const wanted = [...new Set([...texts].filter((t): t is string => Boolean(t)))];
  if (wanted.length === 0) return AS_STORED;
  const translated = await store.publicData.texts(locale, wanted);
  return translated.size ? (stored) => translated.get(stored) ?? stored : AS_STORED;
}
