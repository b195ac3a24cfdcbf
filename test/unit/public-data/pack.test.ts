/**
 * The shipped public-data pack validates, every fact in it has a source and a label, and
 * a malformed pack is refused with the file, the path in it and what is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPack, SHIPPED_PACK_FILE } from '../../../src/usecases/public-data/pack.ts';
import { PACK_DEALS as DEALS, packRefusal as refusal, shippedPack as shipped, type Json } from '../../helpers/packs.ts';

const dir = mkdtempSync(join(tmpdir(), 'dealclock-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the shipped pack', () => {
  const pack = readPack(SHIPPED_PACK_FILE, DEALS);

  it('validates and holds the public projects J1–J5, the regimes to 2026-12-04, baselines and the OPM closures', () => {
    expect(pack.projects.map((p) => p.id)).toEqual(expect.arrayContaining(['J1', 'J2', 'J3', 'J4', 'J5']));
    expect(pack.projects.find((p) => p.id === 'J4')!.cost).toMatchObject({ value: 40e9, qualifier: 'up_to' });
    expect(
      pack.regimes
        .map((r) => r.from)
        .sort()
        .at(-1),
    ).toBe('2026-12-04');
    expect(pack.regimes.find((r) => r.id === 'jp-other-301')).toMatchObject({ form: 'mfn_max', rate: 12.5, from: '2026-07-24', to: null });
    expect(pack.baselines.map((b) => [b.deal, b.category, b.year])).toEqual([
      ['JP', 'all', 2024],
      ['KR', 'all', 2024],
    ]);
    expect(pack.closures.map((c) => `${c.calendar} ${c.date}`)).toEqual(['US-OPM 2025-12-24', 'US-OPM 2025-12-26']);
  });

  it('gives every project field, event, regime, baseline and closure a source that exists and a label', () => {
    const labels = ['confirmed', 'reported', 'estimated', 'not_found'];
    const sourced: { where: string; source: string; label: string }[] = [];
    for (const p of pack.projects) {
      for (const [name, f] of Object.entries(p)) {
        if (f && typeof f === 'object' && 'source' in f) sourced.push({ where: `${p.id}.${name}`, source: f.source, label: f.label });
      }
      for (const e of p.events) sourced.push({ where: e.id, source: e.source, label: e.label });
    }
    for (const r of pack.regimes) sourced.push({ where: r.id, source: r.source, label: r.label });
    for (const b of pack.baselines) sourced.push({ where: b.id, source: b.source, label: b.label });
    for (const c of pack.closures) sourced.push({ where: c.id, source: c.source, label: c.label });
    expect(sourced.length).toBeGreaterThan(90);
    for (const s of sourced) {
      expect(pack.sources[s.source], s.where).toBeDefined();
      expect(labels, s.where).toContain(s.label);
    }
    // Every project has a name, a stage and events; where no notice date is public, the note says which date is used.
    for (const p of pack.projects) {
      expect(p.events.length, p.id).toBeGreaterThan(0);
      if (p.notice?.label === 'estimated') expect(p.notice.note, p.id).toMatch(/no formal notice date is public/i);
    }
  });

  it('marks "up to" and "about" amounts, and a sponsor that is not public as not found', () => {
    const byId = new Map(pack.projects.map((p) => [p.id, p]));
    expect(byId.get('J5')!.cost).toMatchObject({ qualifier: 'up_to' });
    expect(byId.get('J3')!.cost).toMatchObject({ qualifier: 'about' });
    expect(byId.get('J5')!.sponsor).toMatchObject({ value: null, label: 'not_found' });
  });
});

describe('a malformed pack is refused naming the file and the path', () => {
  it('wrong types', () => {
    const raw = shipped();
    raw.projects[1].cost.value = '2.1bn';
    raw.regimes[0].rate = 'fifteen';
    const message = refusal(raw);
    expect(message).toContain('bad.json is not a valid public-data pack; nothing was changed.');
    expect(message).toContain('projects[1].cost.value:');
    expect(message).toContain('regimes[0].rate:');
  });

  it('an unknown deal', () => {
    const raw = shipped();
    raw.projects[0].deal = 'XX';
    expect(refusal(raw)).toContain('projects[0].deal: unknown deal `XX` (deals: JP, KR)');
  });

  it('overlapping regimes of one deal and category', () => {
    const raw = shipped();
    const i = raw.regimes.findIndex((r: Json) => r.id === 'jp-other-301');
    raw.regimes[i].from = '2026-07-01';
    const j = raw.regimes.findIndex((r: Json) => r.id === 'jp-other-122');
    expect(refusal(raw)).toContain(`regimes[${i}].from: overlaps regimes[${j}] (JP other 2026-02-24 to 2026-07-23)`);
  });

  it('a regime with no source, or a source that does not exist', () => {
    const raw = shipped();
    delete raw.regimes[2].source;
    expect(refusal(raw)).toContain('regimes[2].source:');
    const other = shipped();
    other.baselines[0].source = 'nowhere';
    expect(refusal(other)).toContain('baselines[0].source: no source `nowhere` in `sources`');
  });

  it('a misspelt field, a flat rate with an MFN assumption, and a file that is not JSON', () => {
    const raw = shipped();
    raw.projects[0].sponser = raw.projects[0].sponsor;
    expect(refusal(raw)).toMatch(/projects\[0\]: .*sponser/);
    const flat = shipped();
    flat.regimes[0].assumedMfn = { rate: 3.3, label: 'estimated', source: 'wto-tariff-profile-us' };
    expect(refusal(flat)).toContain('regimes[0].assumedMfn: a flat rate assumes no MFN rate');
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "format": 1,');
    expect(() => readPack(file, DEALS)).toThrow(/broken\.json is not a valid public-data pack; nothing was changed\.\n• \(the whole file\): not JSON/);
  });
});
