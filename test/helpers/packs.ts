/**
 * Public-data packs for tests: the shipped pack as plain JSON to edit on purpose, without
 * its Japanese, written to a file, and the words a refused pack is refused with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUserError } from '../../src/core/errors.ts';
import { SHIPPED_PACK_FILE, validatePack } from '../../src/usecases/public-data/pack.ts';

// biome-ignore lint/suspicious/noExplicitAny: a pack edited on purpose in a test is untyped JSON.
export type Json = any;

export const PACK_DEALS = ['JP', 'KR'];

/** The shipped pack as plain JSON, to change on purpose. */
export function shippedPack(): Json {
  return JSON.parse(readFileSync(SHIPPED_PACK_FILE, 'utf8'));
}

/** A pack (or any part of one) without its `…Ja` twins. */
export function withoutJapanese(v: Json): Json {
  if (Array.isArray(v)) return v.map(withoutJapanese);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => !k.endsWith('Ja'))
      .map(([k, x]) => [k, withoutJapanese(x)]),
  );
}

/** Writes `pack` as `dir/name`; returns the path. */
export function writePackFile(dir: string, name: string, pack: Json): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(pack, null, 2));
  return file;
}

/** What validating `raw` is refused with; fails the test if it is accepted. */
export function packRefusal(raw: unknown): string {
  try {
    validatePack(raw, 'bad.json', PACK_DEALS);
  } catch (err) {
    if (isUserError(err) && err.code === 'pack_invalid') return err.userMessage();
    throw err;
  }
  throw new Error('the pack was accepted');
}
