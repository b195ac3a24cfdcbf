/**
 * Public data in Japanese: the pack's translations reach every reply that shows a pack
 * text (the card's sponsor, location, sector, events and sources; tariff bases and MFN
 * assumptions; closures in the calendar; the diff of a newer pack), a value edited in the
 * workspace is shown as typed, and a pack that changes only a translation is applied like
 * any other change. The pack here is the shipped one with its Japanese set by the test, so
 * the assertions do not depend on the wording of the shipped translations.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { builtInTexts } from '../../../src/tariffs/built-in-texts.ts';
import { applyText, statusReply } from '../../../src/replies/public-data.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { loadPublicDataOnce } from '../../../src/usecases/public-data/first-load.ts';
import { applyPackFile, publicDataStatus } from '../../../src/usecases/public-data/status.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { shippedPack, withoutJapanese, writePackFile, type Json } from '../../helpers/packs.ts';

const TODAY = '2026-11-30';
const dir = mkdtempSync(join(tmpdir(), 'dealclock-public-ja-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Japanese this test gives the pack: unmistakable, and none of it in the shipped wording. */
const JA = {
  sponsor: 'テスト用スポンサー訳（ソフトバンクグループ）',
  location: 'テスト用所在地訳（オハイオ州）',
  sector: 'テスト用分野訳（ガス火力）',
  event: 'テスト用経緯訳：大統領が承認',
  stageNote: 'テスト用注記訳：融資契約から推計',
  basis: 'テスト用根拠訳：通商拡大法232条',
  mfn: 'テスト用MFN注記訳',
  closure: 'テスト用休業理由訳：大統領令による閉庁',
};

function writePack(name: string, edit: (pack: Json) => void): string {
  // The shipped Japanese goes first: the same English text must have one Japanese in a pack,
  // and only the test's own Japanese may be on screen.
  const pack = withoutJapanese(shippedPack());
  const j1 = pack.projects.find((p: Json) => p.id === 'J1');
  j1.sponsor.valueJa = JA.sponsor;
  j1.location.valueJa = JA.location;
  j1.sector.valueJa = JA.sector;
  j1.events[0].summaryJa = JA.event;
  j1.stage.noteJa = JA.stageNote;
  const autos = pack.regimes.find((r: Json) => r.id === 'jp-autos-232');
  autos.basisJa = JA.basis;
  const other = pack.regimes.find((r: Json) => r.id === 'jp-other-301');
  other.assumedMfn.noteJa = JA.mfn;
  pack.closures[0].reasonJa = JA.closure;
  pack.closures[1].reasonJa = `${JA.closure}（翌日）`;
  edit(pack);
  return writePackFile(dir, name, pack);
}

const BASE = writePack('base.json', () => {});

async function loaded(db: Database): Promise<{ ws: string; j1: Json }> {
  const ws = newWorkspaceId();
  expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: true, file: BASE })).toBe('loaded');
  const j1 = JSON.parse(readFileSync(BASE, 'utf8')).projects.find((p: Json) => p.id === 'J1');
  return { ws, j1 };
}

async function run(db: Database, ws: string, text: string, locale: 'en' | 'ja') {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, today: TODAY, locale }));
  expect(reply.isError, renderText(reply)).toBeFalsy();
  return renderText(reply);
}

describe('public data in Japanese', () => {
  it('the card shows the pack’s Japanese for its values, events and sources; English readers get the English', async ({ db }) => {
    const { ws, j1 } = await loaded(db);
    const ja = await run(db, ws, 'show portsmouth-powered-land', 'ja');
    for (const text of [JA.sponsor, JA.location, JA.sector, JA.event, JA.stageNote]) expect(ja).toContain(text);
    for (const text of [j1.sponsor.value, j1.location.value, j1.sector.value, j1.events[0].summary, j1.stage.note]) expect(ja).not.toContain(text);
    const en = await run(db, ws, 'show portsmouth-powered-land', 'en');
    for (const text of [j1.sponsor.value, j1.location.value, j1.sector.value, j1.events[0].summary]) expect(en).toContain(text);
    expect(en).not.toMatch(/テスト用/);
  });

  it('a value edited in the workspace is shown as typed, in both languages', async ({ db }) => {
    const { ws } = await loaded(db);
    await run(db, ws, 'edit portsmouth-powered-land sponsor="Ohio Power Holdings"', 'en');
    const ja = await run(db, ws, 'show portsmouth-powered-land', 'ja');
    expect(ja).toContain('Ohio Power Holdings');
    expect(ja).not.toContain(JA.sponsor);
    expect(ja).toContain(JA.location); // the fields nobody edited keep their Japanese
    // The card after the edit, too.
    expect(await run(db, ws, 'edit portsmouth-powered-land location="Piketon, Ohio"', 'ja')).toContain('Piketon, Ohio');
  });

  it('tariffs and exposure show the Japanese basis and MFN assumption', async ({ db }) => {
    const { ws } = await loaded(db);
    expect(await run(db, ws, 'tariffs JP', 'ja')).toContain(JA.basis);
    expect(await run(db, ws, 'tariffs JP', 'en')).not.toContain(JA.basis);
    const exposure = await run(db, ws, 'exposure JP', 'ja');
    expect(exposure).toContain(JA.mfn);
    expect(exposure).not.toContain('Estimated. ');
  });

  it('the calendar names a public closure in Japanese, and who closed it', async ({ db }) => {
    const { ws } = await loaded(db);
    const ja = await run(db, ws, 'calendar US-OPM 2025', 'ja');
    expect(ja).toMatch(new RegExp(`2025年12月24日（水） — ${JA.closure}（報道ベース: Newsmax、2025-12-18）`));
    expect(ja).toContain('公開情報 2026.11.09');
    expect(ja).not.toContain('Executive order');
    expect(ja).not.toContain('public data');
    expect(await run(db, ws, 'calendar US-OPM 2025', 'en')).toContain(
      'Executive order: federal offices closed (Christmas Eve) (reported: Newsmax, 2025-12-18)',
    );
  });
});

describe('a newer pack, in Japanese', () => {
  it('the diff names records, fields, values and conflicts in Japanese; the English diff is unchanged', async ({ db }) => {
    const { ws } = await loaded(db);
    await run(db, ws, 'edit texas-gulflink sponsor="Sentinel Midstream LLC (edited)"', 'en');
    const file = writePack('newer.json', (pack) => {
      pack.version = '2026.12.01';
      pack.asOf = '2026-12-01';
      const j2 = pack.projects.find((p: Json) => p.id === 'J2');
      j2.cost.value = 2_300_000_000;
      j2.sponsor.value = 'Sentinel Midstream Partners';
      j2.sponsor.valueJa = 'センチネル・ミッドストリーム・パートナーズ';
      pack.closures[1].reasonJa = 'テスト用休業理由訳2';
    });
    const ctx = testContext(db, { workspaceId: ws, today: TODAY, userId: 'ops' });
    const ja = renderText(statusReply(translator('ja'), await publicDataStatus(ctx, file), TODAY, 'newer.json'));
    expect(ja).toContain('案件 texas-gulflink：事業費 21億ドル → 23億ドル');
    expect(ja).toContain(
      '案件 texas-gulflink：スポンサー／事業者 Sentinel Midstream LLC (edited) → センチネル・ミッドストリーム・パートナーズ — このワークスペースで変更済みのため、そのまま保持',
    );
    // The new sponsor's Japanese, and the closure's reason as written and as stored with its source.
    expect(ja).toContain('日本語訳の追加・更新・削除：3件');
    const en = renderText(statusReply(translator('en'), await publicDataStatus(ctx, file), TODAY, 'newer.json'));
    expect(en).toContain('project texas-gulflink: cost US$2.1bn → US$2.3bn');
    expect(en).toContain(
      'project texas-gulflink: sponsor Sentinel Midstream LLC (edited) → Sentinel Midstream Partners — changed in this workspace; left as it is',
    );
    expect(en).toContain('Japanese texts added, updated or removed: 3');

    const result = await applyPackFile(ctx, file);
    const printed = applyText(translator('ja'), result, 'newer.json', false);
    expect(printed).toContain('パック 2026.12.01（2026年12月1日時点）：newer.json');
    expect(printed).toContain('適用しました：追加0件、変更1件。相違1件はそのまま保持しています。');
    expect(applyText(translator('en'), result, 'newer.json', false)).toContain('Applied: 0 new items, 1 changed field; 1 conflict left as they are.');
    expect(await run(db, ws, 'calendar US-OPM 2025', 'ja')).toContain('テスト用休業理由訳2');
  });

  it('a pack that changes only a translation is a change: applied once, then up to date', async ({ db }) => {
    const { ws } = await loaded(db);
    const file = writePack('retranslated.json', (pack) => {
      pack.version = '2026.11.09.2';
      pack.projects.find((p: Json) => p.id === 'J1').sponsor.valueJa = 'テスト用スポンサー訳・改訂';
    });
    const ctx = testContext(db, { workspaceId: ws, today: TODAY });
    const result = await applyPackFile(ctx, file);
    expect(result.upToDate).toBe(false);
    expect(result.textsChanged).toBe(1);
    expect([result.added, result.changed, result.conflicts]).toEqual([[], [], []]);
    expect(await run(db, ws, 'show portsmouth-powered-land', 'ja')).toContain('テスト用スポンサー訳・改訂');
    const again = await applyPackFile(ctx, file);
    expect(again.upToDate).toBe(true);
    expect(again.textsChanged).toBe(0);
  });

  it('a pack without Japanese removes the translations, and the English shows again', async ({ db }) => {
    const { ws, j1 } = await loaded(db);
    const file = writePack('plain.json', (pack) => {
      pack.version = '2026.11.09.3';
      Object.assign(pack, withoutJapanese(pack));
    });
    const ctx = testContext(db, { workspaceId: ws, today: TODAY });
    const result = await applyPackFile(ctx, file);
    expect(result.textsChanged).toBeGreaterThanOrEqual(8);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM public_text WHERE workspace_id = $1', [ws]);
    expect(rows[0]!.n).toBe(0);
    expect(await run(db, ws, 'show portsmouth-powered-land', 'ja')).toContain(j1.sponsor.value);
  });
});

describe('history in Japanese', () => {
  it('names every kind of change in Japanese', async ({ db }) => {
    const { ws } = await loaded(db);
    const ja = (text: string) => run(db, ws, text, 'ja');
    await ja('tariff set JP drones current=20% threatened=25% basis="テスト根拠" from=2026-12-01 source=https://example.gov/notice');
    await ja('calendar close US-FRB 2026-12-28 reason="テスト休業"');
    await ja('lang ja');
    await ja('subscribe weekly friday');
    await run(db, ws, 'add "History Test" deal=JP', 'ja');
    await run(db, ws, 'select history-test notice=2026-11-02', 'ja');
    await run(db, ws, 'calendar close JP-BANK 2026-11-30 reason="臨時休業"', 'ja');
    const out = await ja('history');
    expect(out).toMatch(/カレンダーの個別設定 US-FRB 2026-12-28（操作 休業、理由 テスト休業）/);
    for (const words of ['関税措置の登録', 'カレンダーの個別設定', '表示言語の設定（個人）', 'ダイジェスト配信の設定', '言語 日本語', '操作 休業']) {
      expect(out).toContain(words);
    }
    for (const english of ['tariff.set', 'calendar.override', 'language.user', 'subscription.set', 'locale ja', 'action close'])
      expect(out).not.toContain(english);
    const project = await ja('history history-test');
    expect(project).toMatch(/編集 出資期日 \d{4}年\d+月\d+日（.） → \d{4}年\d+月\d+日（.）、理由 — → JP-BANK 2026年11月30日の個別設定/);
    const en = await run(db, ws, 'history', 'en');
    expect(en).toContain('tariff.set');
    expect(en).toContain('locale ja');
  });
});

describe('the tariff rows built into the product, in Japanese', () => {
  it('every built-in basis and MFN assumption has its Japanese, so a workspace without public data reads them too', async ({ db }) => {
    const regimes = await db.query<{ legal_basis: string; mfn_source: string | null }>(
      'SELECT legal_basis, mfn_source FROM tariff_regime WHERE workspace_id IS NULL',
    );
    const baselines = await db.query<{ basis: string | null }>('SELECT basis FROM import_baseline WHERE workspace_id IS NULL');
    const texts = [...regimes.rows.flatMap((r) => [r.legal_basis, r.mfn_source]), ...baselines.rows.map((b) => b.basis)].filter((t): t is string => Boolean(t));
    expect(texts.length).toBeGreaterThanOrEqual(8);
    const ja = builtInTexts('ja');
    expect(texts.filter((t) => !ja.has(t))).toEqual([]);

    const ws = newWorkspaceId();
    expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: false })).toBe('off');
    const tariffs = await run(db, ws, 'tariffs JP', 'ja');
    expect(tariffs).toContain('Section 232（布告10908号）、日本は既存税率込みで15%');
    expect(tariffs).toContain('米国の日本からの輸入、2024暦年。計上基準は不明');
    for (const t of texts) expect(tariffs).not.toContain(t);
    expect(await run(db, ws, 'tariffs JP', 'en')).toContain('Section 232 (Proclamation 10908), 15% all-inclusive for Japan');
    const exposure = await run(db, ws, 'exposure JP as_of=2026-03-02', 'ja');
    expect(exposure).toContain('想定値であり、対象品目について実測した税率ではない');
    expect(exposure).not.toContain('ASSUMPTION');
  });
});
