/**
 * Public data in the reader's language. A pack carries translations of its texts (an
 * event's summary, a note, a sponsor, a tariff's basis…); the workspace keeps them by the
 * English text (db/public-data.ts, public_text); the tariff rows built into the product
 * have theirs in tariffs/built-in-texts.ts. A text without a translation, such as a value
 * someone in the workspace typed or edited, is shown as it is stored.
 */
import type { Locale } from '../../core/locale.ts';
import type { PublicDataState } from '../../db/public-data.ts';
import type { Store } from '../../db/store.ts';
import { builtInTexts } from '../../tariffs/built-in-texts.ts';

/** A stored text as the reader reads it. */
export type DataText = (stored: string) => string;

export const AS_STORED: DataText = (stored) => stored;

/**
 * A workspace's translations as of its public_data_state stamp: every write of them (a
 * pack's load or apply) moves the stamp, so they are read once per workspace and pack, and
 * a reply on any replica sees a new pack's as soon as it sees the pack.
 */
const byWorkspace = new Map<string, { stamp: number; texts: ReadonlyMap<string, string> }>();
const MAX_WORKSPACES = 1000;

/** Stored texts in the reader's language: for English nothing to read; else one small read of the workspace's public-data state. */
export async function dataTexts(store: Store, locale: Locale): Promise<DataText> {
  if (locale === 'en') return AS_STORED;
  return dataTextsAsOf(store, locale, await store.publicData.state());
}

/**
 * The same, for a caller that has read the workspace's public-data `state` already (a
 * public card, a tariff reply using pack rows). Without a state (no pack, or a reply that
 * shows no pack row) only the product's own texts are translated.
 */
export async function dataTextsAsOf(store: Store, locale: Locale, state: PublicDataState | undefined): Promise<DataText> {
  if (locale === 'en') return AS_STORED;
  const builtIn = builtInTexts(locale);
  if (!state) return lookup(new Map(), builtIn);
  const key = `${store.workspaceId}\u0000${locale}`;
  const stamp = state.updatedAt.getTime();
  let cached = byWorkspace.get(key);
  if (cached?.stamp !== stamp) {
    cached = { stamp, texts: await store.publicData.texts(locale) };
    byWorkspace.delete(key);
    if (byWorkspace.size >= MAX_WORKSPACES) byWorkspace.delete(byWorkspace.keys().next().value!);
    byWorkspace.set(key, cached);
  }
  return lookup(cached.texts, builtIn);
}

/** The workspace's translations first (its pack), then the product's own (built-in tariff rows). */
function lookup(translated: ReadonlyMap<string, string>, builtIn: ReadonlyMap<string, string>): DataText {
  if (translated.size === 0 && builtIn.size === 0) return AS_STORED;
  return (stored) => translated.get(stored) ?? builtIn.get(stored) ?? stored;
}
