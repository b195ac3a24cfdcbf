import { describe, expect, it } from 'vitest';
import { storedJapaneseTexts } from '../../../src/usecases/public-data/facts.ts';
import { japaneseTexts, readPack, SHIPPED_PACK_FILE, validatePack } from '../../../src/usecases/public-data/pack.ts';
import { PACK_DEALS as DEALS, packRefusal as refusal, shippedPack as shipped, withoutJapanese, type Json } from '../../helpers/packs.ts';

/** Every English text a reader can meet, with its twin, read from the raw JSON (not through the code under test). */
function englishTexts(raw: Json): { path: string; en: string; ja: unknown }[] {
  const out: { path: string; en: string; ja: unknown }[] = [];
  const twin = (path: string, o: Json, name: string) => {
    if (typeof o?.[name] === 'string') out.push({ path: `${path}.${name}`, en: o[name], ja: o[`${name}Ja`] });
  };
  twin('', raw, 'about');
  raw.projects.forEach((p: Json, i: number) => {
    for (const [field, f] of Object.entries<Json>(p)) {
      if (field === 'events' || typeof f !== 'object' || f === null) continue;
      twin(`projects[${i}].${field}`, f, 'note');
      if (['sponsor', 'location', 'sector'].includes(field)) twin(`projects[${i}].${field}`, f, 'value');
    }
    p.events.forEach((e: Json, j: number) => {
      twin(`projects[${i}].events[${j}]`, e, 'summary');
      twin(`projects[${i}].events[${j}]`, e, 'note');
    });
  });
  raw.regimes.forEach((r: Json, i: number) => {
    twin(`regimes[${i}]`, r, 'basis');
    twin(`regimes[${i}]`, r, 'note');
    twin(`regimes[${i}].assumedMfn`, r.assumedMfn, 'note');
  });
  raw.baselines.forEach((b: Json, i: number) => {
    twin(`baselines[${i}]`, b, 'basis');
    twin(`baselines[${i}]`, b, 'note');
  });
  for (const [i, c] of raw.closures.entries()) twin(`closures[${i}]`, c, 'reason');
  return out;
}

describe('the shipped pack in Japanese', () => {
  const raw = shipped();
  const texts = englishTexts(raw);

  it('has a Japanese twin for every text a reader sees', () => {
    expect(texts.length).toBeGreaterThan(90);
    expect(texts.filter((t) => typeof t.ja !== 'string').map((t) => t.path)).toEqual([]);
  });

  it('each twin is Japanese, differs from the English and keeps its numbers', () => {
    const kana = /[\u3040-\u30ff\u4e00-\u9fff]/;
    const problems: string[] = [];
    for (const t of texts) {
      const ja = String(t.ja);
      if (!kana.test(ja)) problems.push(`${t.path}: no Japanese`);
      if (ja === t.en) problems.push(`${t.path}: the English itself`);
      // Percentages and four-digit years are written the same way in both languages.
      for (const n of t.en.match(/\b\d+(\.\d+)?%|\b(19|20)\d\d\b/g) ?? []) if (!ja.includes(n)) problems.push(`${t.path}: ${n} is missing`);
    }
    expect(problems).toEqual([]);
  });

  it('maps every English text to its Japanese, including the texts stored built from several fields', () => {
    const pack = readPack(SHIPPED_PACK_FILE, DEALS);
    const map = japaneseTexts(pack);
    for (const t of texts) expect(map.get(t.en), t.path).toBe(t.ja);
    const stored = storedJapaneseTexts(pack);
    // A closure is stored with its label and source after the reason.
    const opm = pack.closures[0]!;
    const [reason] = [...stored.entries()].find(([en]) => en.startsWith(`${opm.reason} (`)) ?? [];
    expect(reason).toBeDefined();
    expect(stored.get(reason!)).toMatch(new RegExp(`^${opm.reasonJa!.replace(/[()（）]/g, '.')}（(確認済み|報道ベース|推計)`));
  });
});

describe('Japanese twins in a pack file', () => {
  it('a twin without its English is refused with its path', () => {
    const raw = shipped();
    delete raw.projects[0].events[0].note;
    raw.projects[0].events[0].noteJa = '注記';
    expect(refusal(raw)).toContain('projects[0].events[0].noteJa: the Japanese of `note`, which has no text here');
  });

  it('a valueJa for a field with no value is refused', () => {
    const raw = shipped();
    raw.projects[0].sector = { value: null, label: 'not_found', source: raw.projects[0].name.source, valueJa: '分野' };
    expect(refusal(raw)).toContain('projects[0].sector.valueJa');
  });

  it('one English text with two different Japanese texts is refused, naming both places', () => {
    const raw = shipped();
    raw.regimes[1].basis = raw.regimes[0].basis;
    raw.regimes[1].basisJa = `${raw.regimes[0].basisJa ?? '根拠'}（別訳）`;
    raw.regimes[0].basisJa ??= '根拠';
    expect(refusal(raw)).toMatch(/regimes\[1\]\.basisJa: the same English text has another Japanese at regimes\[0\]\.basisJa/);
  });

  it('a twin longer than its English may be is refused', () => {
    const raw = shipped();
    raw.closures[0].reasonJa = 'あ'.repeat(201);
    expect(refusal(raw)).toContain('closures[0].reasonJa: at most 200 characters');
  });

  it('a pack without any Japanese is still a valid pack', () => {
    const raw = withoutJapanese(shipped());
    expect(japaneseTexts(validatePack(raw, 'plain.json', DEALS)).size).toBe(0);
  });
});
