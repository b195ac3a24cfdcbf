/**
 * Tariff, calendar, deadline and history replies in Japanese, on the shipped public data
 * as of 2026-11-30: golden lines, Japanese holiday names, and no English sentence of the
 * bot's own left in them (source titles are quoted as published; the pack's legal bases and
 * MFN assumptions are shown in the pack's Japanese).
 * The English replies are pinned by the tariff, command and public-data tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { tariffsCalendarEn } from '../../../src/i18n/catalogs/tariffs-calendar.en.ts';
import { createStore } from '../../../src/db/store.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { truncate } from '../../../src/replies/reply.ts';
import { loadTariffData } from '../../../src/usecases/stake.ts';
import { loadPublicDataOnce } from '../../../src/usecases/public-data/first-load.ts';
import { newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';

let db: Database;
const ws = newWorkspaceId();
const TODAY = '2026-11-30';
/** What the rows quote as published: source titles. */
let quoted: string[] = [];
/** The pack's English texts that have Japanese: none may be left in a Japanese reply. */
let translatedEnglish: string[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  expect(await loadPublicDataOnce(testContext(db, { workspaceId: ws, today: TODAY }), { enabled: true })).toBe('loaded');
  const data = await loadTariffData(createStore(db, ws));
  const rows = [...data.regimes, ...data.baselines];
  quoted = rows.flatMap((r) => (r.sourceTitle ? [truncate(r.sourceTitle, 120), truncate(r.sourceTitle, 200)] : []));
  translatedEnglish = [
    ...data.regimes.flatMap((r) => [r.legalBasis, ...(r.mfnSource ? [r.mfnSource.slice(0, 60)] : [])]),
    ...data.baselines.flatMap((b) => (b.basis && b.packVersion ? [b.basis] : [])),
  ];
});
afterAll(async () => {
  await db?.close();
});

async function run(text: string, locale: 'en' | 'ja', today = TODAY) {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, today, locale }));
  expect(reply.isError, renderText(reply)).toBeFalsy();
  return { reply, out: renderText(reply), fallback: reply.text as string };
}

/**
 * The English catalogue's own words for this area, as fragments between placeholders
 * (at least two words): none may appear in a Japanese reply.
 */
const ENGLISH_FRAGMENTS = [
  ...new Set(
    Object.values(tariffsCalendarEn)
      .flatMap((m) => m.replace(/\{[^{}]*\{[^{}]*\}[^{}]*\}/g, '\u0000').split(/\{[^{}]*\}|\u0000|`[^`]*`|[*•▶·—:;()\n]/))
      .map((f) => f.trim())
      .filter((f) => /[a-z]{2,} [a-z]{2,}/i.test(f)),
  ),
];

/** The reply's lines, without the blank ones around blocks. */
function linesOf(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

function englishLeft(text: string): string[] {
  let own = text;
  for (const q of quoted) own = own.split(q).join(' ');
  return [...ENGLISH_FRAGMENTS.filter((f) => own.includes(f)), ...translatedEnglish.filter((t) => own.includes(t))];
}

describe('tariff replies in Japanese', () => {
  it('the fragment check finds the English words it is meant to find', async () => {
    expect(ENGLISH_FRAGMENTS.length).toBeGreaterThan(100);
    const en = await run('exposure JP', 'en');
    expect(englishLeft(en.out).length).toBeGreaterThan(5);
  });

  it('exposure JP', async () => {
    const { out, fallback } = await run('exposure JP', 'ja');
    expect(fallback).toBe('関税影響額（2026年11月30日時点）：JP：年間185億ドル');
    const lines = linesOf(out);
    expect(lines[0]).toBe('関税影響額 — JP（2026年11月30日（月）時点）');
    expect(lines).toContain('JP — 日本');
    expect(lines).toContain('関税の再引き上げが適用された場合の追加関税額は年間約 185億ドル （2026年11月30日（月）時点）。');
    expect(lines).toContain('計算方法 — 輸入額 ×（再引き上げ時の税率 − 現行税率、負の場合は0）');
    expect(lines).toContain(
      '• 全品目：輸入額1482億ドル（2024年）、その他品目の関税措置を適用：再引き上げ時 25% − 現行 12.5%（最恵国税率3.3%（想定）と12.5%の高い方） = 12.5% → 年間185億ドル',
    );
    expect(lines).toContain('• 自動車・同部品（15%）：独自の輸入基準値なし — 輸入額は全品目の行に含まれ、ここではその他品目の税率で計算しています。');
    expect(lines).toContain(
      '• ポリシリコン（適用中の関税措置なし）：独自の輸入基準値なし — 輸入額は全品目の行に含まれ、ここではその他品目の税率で計算しています。',
    );
    expect(lines).toContain('使用したデータ');
    expect(out).toContain('• 関税措置 その他品目：現行 最恵国税率と12.5%の高い方（想定最恵国税率3.3%で12.5%）、再引き上げ時 25% — ');
    expect(out).toContain(' — 2026年7月24日（金）から（終期なし） — ');
    expect(out).toContain('（一次資料、確認済み） · 公開情報 2026.11.09.1');
    expect(out).toContain('• 輸入基準値 全品目：2024年 年間1482億ドル（');
    expect(out).toContain('（信頼できる二次資料、報道ベース） · 公開情報 2026.11.09.1');
    expect(lines).toContain('• 輸入基準値は「全品目」の1行のみです。出典に品目別の内訳がないため、内訳は推定していません。');
    expect(out).toContain('最恵国税率の想定 — その他品目：3.3% — ');
    expect(out).toContain('  · 記録済みの関税措置とその履歴は tariffs [deal] で一覧できます。');
    // Bold renders: no emphasis marker is left stuck to Japanese text.
    expect(out).not.toMatch(/\*/);
    expect(englishLeft(out)).toEqual([]);
  });

  it('exposure of a project, and a scenario', async () => {
    const { out, fallback } = await run('exposure texas-gulflink threatened=30%', 'ja');
    expect(fallback).toBe('texas-gulflink — 関税影響額（2026年11月30日時点）：JP：年間259億ドル');
    expect(linesOf(out)[0]).toBe('関税影響額 — Texas GulfLink deep-water crude export terminal（2026年11月30日（月）時点）（シナリオ）');
    expect(out).toContain('Texas GulfLink deep-water crude export terminal （texas-gulflink、出資済み、21億ドル）：');
    expect(out).toContain('シナリオ threatened=30%：この回答に限り入力値を変更しています。保存はしていません。');
    expect(englishLeft(out)).toEqual([]);
  });

  it('tariffs JP', async () => {
    const { out, fallback } = await run('tariffs JP', 'ja');
    expect(fallback).toMatch(/^関税措置（2026年11月30日時点）：JP autos：2026年11月30日（月）に適用中：15%；JP drones：/);
    expect(fallback).toContain('JP polysilicon：2026年11月30日（月）時点では未適用：最初の関税措置は2026年12月4日（金）に開始します');
    const lines = linesOf(out);
    expect(lines[0]).toBe('関税措置 — JP（2026年11月30日（月）時点）');
    expect(lines).toContain('自動車・同部品 autos — 2026年11月30日（月）に適用中：15%。新しい順');
    expect(lines).toContain('その他品目 other — 2026年11月30日（月）に適用中：12.5%。新しい順');
    expect(lines).toContain('鉄鋼・アルミニウム（附属書I-C） metals-annex-i-c — 2026年11月30日（月）に適用中：15%。新しい順');
    expect(out).toContain('• ▶ 適用中 · 自動車・同部品：現行 15%、再引き上げ時 25% — ');
    expect(out).toContain('• その他品目：現行 最恵国税率＋10%（想定最恵国税率3.3%で13.3%）、再引き上げ時 25% — ');
    expect(out).toContain(' — 2026年2月24日（火）～2026年7月23日（木） — ');
    expect(lines).toContain('輸入基準値 all');
    expect(out).toContain('• ▶ 使用中 · 全品目：2024年 年間1482億ドル');
    expect(out).toContain('（信頼性の低い出典：報道のみ） · 組み込みデータ');
    expect(out).toContain('  · 税率は課税価格に対する％です。');
    expect(out).not.toMatch(/\*/);
    expect(englishLeft(out)).toEqual([]);
  });
});

describe('calendar and deadline in Japanese', () => {
  it('calendar JP-BANK 2026: Japanese holiday names', async () => {
    const { out, fallback } = await run('calendar JP-BANK 2026', 'ja');
    expect(fallback).toBe('JP-BANK：2026年の平日の休業日 19日');
    const lines = linesOf(out);
    expect(lines[0]).toBe('JP-BANK — 2026年の休業日（平日）');
    for (const line of [
      '• 2026年1月1日（木） — 元日',
      '• 2026年1月2日（金） — 銀行休業日（1月2日）',
      '• 2026年2月11日（水） — 建国記念の日',
      '• 2026年3月20日（金） — 春分の日',
      '• 2026年5月6日（水） — 振替休日（憲法記念日）',
      '• 2026年9月22日（火） — 国民の休日',
      '• 2026年10月12日（月） — スポーツの日',
      '• 2026年12月31日（木） — 銀行休業日（12月31日）',
    ]) {
      expect(lines).toContain(line);
    }
    expect(out).toContain('土曜日・日曜日は常に休業日です。');
    // Nothing Latin but the calendar's ID and the command in the footer.
    expect(out.replace(/JP-BANK|calendar close\|open/g, '')).not.toMatch(/[A-Za-z]/);

    const en = await run('calendar JP-BANK 2026', 'en');
    expect(en.fallback).toBe('JP-BANK: 19 closed weekdays in 2026');
    expect(en.out).toContain('• Wed 2026-05-06 — Substitute holiday (Constitution Memorial Day)');
    expect(en.out).toContain("• Tue 2026-09-22 — Citizens' holiday");
  });

  it('a joint calendar names the side that is closed; US and Korean holidays get their Japanese names', async () => {
    const jp = await run('calendar US-FRB+JP-BANK 2026', 'ja');
    expect(jp.out).toContain('• 2026年1月1日（木） — 元日（US-FRB） / 元日（JP-BANK）');
    expect(jp.out).toContain('• 2026年10月12日（月） — コロンブス・デー（US-FRB） / スポーツの日（JP-BANK）');
    expect(jp.out).toContain('• 2026年11月26日（木） — 感謝祭（US-FRB）');
    const kr = await run('calendar KR 2026', 'ja');
    expect(kr.out).toContain('• 2026年2月16日（月） — ワシントン誕生日（US-FRB） / ソルラル（旧正月）（KR-BANK）');
    expect(kr.out).toContain('• 2026年9月24日（木） — 秋夕（チュソク）（KR-BANK）');
    expect(kr.out).toContain('• 2026年10月5日（月） — 代替公休日（開天節）（KR-BANK）');
    expect(kr.out).toContain('• 2026年12月31日（木） — 年末休業（KR-BANK）');
    const en = await run('calendar US-FRB+JP-BANK 2026', 'en');
    expect(en.out).toContain("• Thu 2026-01-01 — New Year's Day (US-FRB) / New Year's Day (JP-BANK)");
  });

  it('deadline 2026-02-17 deal=JP: the worked example', async () => {
    const { out, fallback } = await run('deadline 2026-02-17 deal=JP', 'ja');
    expect(fallback).toBe('通知受領日 2026年2月17日（火） + 45営業日 = 2026年4月23日（木）（US-FRB+JP-BANK）');
    const lines = linesOf(out);
    expect(lines[0]).toBe('出資期日：2026年2月17日（火）から45営業日');
    expect(lines).toContain('出資期日 2026年4月23日（木） （US-FRB+JP-BANK、枠組み JP）。');
    expect(out).toMatch(/US-FRB\+JP-BANK（期限計算） +2026年4月23日（木）/);
    expect(out).toMatch(/US-FRB +2026年4月21日（火）（早い）/);
    expect(out).toContain('通知受領日は0日目として数えず、その後の最初の営業日が1日目です。');
    expect(englishLeft(out)).toEqual([]);
  });
});

describe('history in Japanese', () => {
  it('history of a project', async () => {
    const { out, fallback } = await run('history texas-gulflink', 'ja');
    expect(fallback).toBe('texas-gulflink の変更履歴：7件');
    const lines = linesOf(out);
    expect(lines[0]).toBe('変更履歴 — Texas GulfLink deep-water crude export terminal');
    expect(out).toMatch(/• \d{4}-\d\d-\d\d \d\d:\d\d — 公開情報 2026\.11\.09\.1（システム） 公開情報 2026\.11\.09\.1 から追加$/m);
    expect(out).toContain('公開情報 2026.11.09.1 から日付付きの出来事を記録：2026年5月1日（金） 融資契約の締結');
    expect(out).toContain('公開情報 2026.11.09.1 から日付付きの出来事を記録：2026年2月17日（火） 選定通知');
    expect(lines.at(-1)).toBe('  · texas-gulflink · 新しい順 · 時刻は協定世界時');
    expect(englishLeft(out)).toEqual([]);
  });
});

describe('errors in these commands, in Japanese', () => {
  async function refused(text: string): Promise<string> {
    const reply = await executeCommand(text, testContext(db, { workspaceId: ws, today: TODAY, locale: 'ja' }));
    expect(reply.isError).toBe(true);
    return reply.text as string;
  }

  it('names what is missing or wrong in Japanese', async () => {
    expect(await refused('tariff set JP autos threatened=25%')).toMatch(
      /^`tariff set` には`current=`（現在適用中の税率。例：`15%`、`MFN\+10%`、`max\(MFN,12\.5%\)`）の指定が必要です。使い方：`tariff set /,
    );
    expect(await refused('deadline')).toMatch(/^`deadline` には通知受領日の指定が必要です。/);
    expect(await refused('deadline 2026-02-17 days=500')).toBe('`days=500` は正しくありません：0から365までの整数の営業日数');
    expect(await refused('exposure JP rate=ships:10%')).toMatch(
      /^`rate=ships:10%` は正しくありません：品目 `ships` の関税措置はありません。記録のある品目：`autos`、/,
    );
    expect(await refused('tariff set JP autos current=15% threatened=25% basis=x from=2025-01-01 source=https://example.gov/a')).toMatch(
      /：JP の `autos` の最新の関税措置は2025年9月16日（火）に開始しています。/,
    );
    expect(await refused('calendar close US-FRB+JP-BANK 2026-12-24 reason=x')).toMatch(/：合成カレンダーではなく、基本カレンダーを1つ/);
  });
});

describe('changes answered in Japanese', () => {
  it('tariff set, baseline set and a calendar override', async () => {
    const set = await run('tariff set JP drones current=10% threatened=25% basis="Section 232 drones" from=2026-12-01 source=https://example.gov/drones', 'ja');
    expect(set.fallback).toBe('記録しました：JP drones（2026年12月1日から）');
    expect(linesOf(set.out)[0]).toBe('関税措置を記録しました — JP ドローン');
    expect(set.out).toContain('従前の関税措置は2026年11月30日（月）に終了します（履歴に保持）。');
    expect(set.out).toContain('確度は既定で「信頼できる二次資料」です。');
    expect(englishLeft(set.out)).toEqual([]);

    const base = await run('baseline set JP drones 1.5bn year=2025 source=https://example.gov/imports', 'ja');
    expect(base.fallback).toBe('記録しました：JP drones の2025年の輸入基準値');
    expect(base.out).toContain('ドローン：2025年 年間15億ドル — 出典 (https://example.gov/imports)（信頼できる二次資料） · UTESTが2026年11月30日に記録');
    expect(englishLeft(base.out)).toEqual([]);

    const close = await run('calendar close JP-BANK 2026-12-28 reason="臨時休業"', 'ja');
    expect(close.out).toContain('`JP-BANK` の2026年12月28日（月）を休業日に変更しました。'.replace(/`/g, ''));
    const cal = await run('calendar JP-BANK 2026', 'ja');
    expect(cal.out).toContain('• 2026年12月28日（月） — 臨時休業');
    expect(cal.out).toContain('• 2026年12月28日（月） JP-BANK 休業 — 臨時休業（UTEST）');
    expect(englishLeft(close.out + cal.out)).toEqual([]);
  });
});
