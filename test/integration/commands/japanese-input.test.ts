import { describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import { importProjectsCsv } from '../../../src/csv/projects-csv.ts';
import type { Database } from '../../../src/db/database.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';

async function run(db: Database, text: string, o: { workspaceId: string; today: string }) {
  const reply = await executeCommand(text, testContext(db, o));
  return { reply, out: renderText(reply) };
}

async function projectRows(db: Database, workspaceId: string) {
  const { rows } = await db.query('SELECT slug, name, cost_usd, stage, notice_on, due_on FROM project WHERE workspace_id = $1 ORDER BY number', [workspaceId]);
  return rows;
}

describe(`Japanese input through the command router (${engineName})`, () => {
  it('adds テキサス・ガルフリンク with 21億ドル and selects it on 2026年2月17日: due 2026-04-23', async ({ db }) => {
    const o = { workspaceId: newWorkspaceId(), today: '2026-03-02' };
    const added = await run(db, 'add "テキサス・ガルフリンク" deal=JP cost=21億ドル', o);
    expect(added.reply.isError, added.out).toBeFalsy();
    expect(added.out).toContain('テキサス-ガルフリンク');

    const selected = await run(db, 'select テキサス-ガルフリンク notice=2026年2月17日', o);
    expect(selected.reply.isError, selected.out).toBeFalsy();
    expect(selected.out).toContain('Thu 2026-04-23 on US-FRB+JP-BANK');
    expect(await projectRows(db, o.workspaceId)).toEqual([
      {
        slug: 'テキサス-ガルフリンク',
        name: 'テキサス・ガルフリンク',
        cost_usd: 2_100_000_000,
        stage: 'selected',
        notice_on: '2026-02-17',
        due_on: '2026-04-23',
      },
    ]);

    // The slug by prefix, the name, and the name typed in half-width katakana all find it.
    for (const ref of ['テキサス', 'テキサス・ガルフリンク', 'ﾃｷｻｽ･ｶﾞﾙﾌﾘﾝｸ']) {
      const shown = await run(db, `show ${ref}`, o);
      expect(shown.reply.isError, `${ref}: ${shown.out}`).toBeFalsy();
      expect(shown.out).toContain('2026-04-23');
    }
    const typo = await run(db, 'show テキサス-ガルフリング', o);
    expect(typo.out).toContain('Did you mean テキサス-ガルフリンク?');
  });

  it('reads a whole command typed with the keyboard in full-width mode', async ({ db }) => {
    const o = { workspaceId: newWorkspaceId(), today: '2026-03-02' };
    const added = await run(db, 'ａｄｄ　「米国・送電網」　ｄｅａｌ＝ＪＰ　ｃｏｓｔ＝３４００億円＠１５０　ａｎｎｏｕｎｃｅｄ＝令和８年２月１日（日）', o);
    expect(added.reply.isError, added.out).toBeFalsy();
    const selected = await run(db, 'ｓｅｌｅｃｔ　米国　ｎｏｔｉｃｅ＝２月１７日（火）', o);
    expect(selected.reply.isError, selected.out).toBeFalsy();
    const { rows } = await db.query('SELECT slug, name, cost_usd, announced_on, due_on FROM project WHERE workspace_id = $1', [o.workspaceId]);
    // 340,000,000,000 yen at 150 yen to the dollar, rounded half up to the dollar.
    expect(rows).toEqual([{ slug: '米国-送電網', name: '米国・送電網', cost_usd: 2_266_666_667, announced_on: '2026-02-01', due_on: '2026-04-23' }]);
  });

  it('refuses yen without a rate, a wrong weekday and hidden characters, and changes nothing', async ({ db }) => {
    const o = { workspaceId: newWorkspaceId(), today: '2026-03-02' };
    await run(db, 'add "テキサス・ガルフリンク" cost=21億ドル', o);
    const before = await workspaceSnapshot(db, o.workspaceId);
    const refused: [string, string][] = [
      ['add "米国・送電網" cost=3400億円', 'e.g. 3400億円@150'],
      ['edit テキサス cost=21億円ドル', 'names a currency twice'],
      ['edit テキサス cost=兆億ドル', 'from large to small'],
      ['select テキサス notice=2026年2月17日（水）', 'is a Tuesday (火), not a Wednesday (水)'],
      ['select テキサス notice=2026年2月17日\u200F', 'U+200F (right-to-left mark)'],
      ['add ﾃｷｻｽ･ｶﾞﾙﾌﾘﾝｸ', 'already exists'],
      ['add 🚀', 'add slug=…'],
      ['edit テキサス slug=テキサス・ガルフ', 'kana, kanji'],
    ];
    for (const [text, message] of refused) {
      const { reply, out } = await run(db, text, o);
      expect(reply.isError, text).toBe(true);
      expect(out, text).toContain(message);
    }
    expect(await workspaceSnapshot(db, o.workspaceId)).toBe(before);
  });

  it('reads deal codes and years typed in full width where they are words', async ({ db }) => {
    const o = { workspaceId: newWorkspaceId(), today: '2026-03-02' };
    const { reply, out } = await run(db, 'calendar ＫＲ　２０２７', o);
    expect(reply.isError, out).toBeFalsy();
    expect(out).toContain('2027');
    expect(out).toContain('KR-BANK');
    expect((await run(db, 'deadline ２０２６年２月１７日 ｄｅａｌ＝ＪＰ ｄａｙｓ＝４５', o)).out).toContain('2026-04-23');
  });

  it('the worked example, typed and read in Japanese', async ({ db }) => {
    const ctx = testContext(db, { workspaceId: newWorkspaceId(), today: '2026-03-02', locale: 'ja' });
    for (const text of ['add "テキサス・ガルフリンク" deal=JP cost=21億ドル', 'select テキサス-ガルフリンク notice=2026年2月17日']) {
      const reply = await executeCommand(text, ctx);
      expect(reply.isError, renderText(reply)).toBeFalsy();
    }
    const card = renderText(await executeCommand('show テキサス-ガルフリンク', ctx));
    expect(card).toContain('2026年4月23日（木）');
    expect(card).toContain('21億ドル');
  });

  it('tells a Japanese reader what is wrong in Japanese', async ({ db }) => {
    const ctx = testContext(db, { workspaceId: newWorkspaceId(), today: '2026-03-02', locale: 'ja' });
    const out = renderText(await executeCommand('add "米国・送電網" cost=3400億円', ctx));
    expect(out).toContain('3400億円 は円建てです。');
    expect(out).toContain('3400億円@150（1ドル＝150円）');
    expect(renderText(await executeCommand('deadline 2026年2月17日（水）', ctx))).toContain('2026-02-17 は火曜日で、水曜日ではありません');
  });

  it('lets slug= win, in full width too, and keeps slugs unique', async ({ db }) => {
    const o = { workspaceId: newWorkspaceId(), today: '2026-03-02' };
    expect((await run(db, 'add "テキサス・ガルフリンク" slug=ｔｅｘａｓ－ｇｕｌｆｌｉｎｋ', o)).reply.isError).toBeFalsy();
    expect((await run(db, 'add "テキサス・ガルフリンク"', o)).reply.isError).toBeFalsy();
    expect((await run(db, 'edit テキサス-ガルフリンク slug=テキサス-2', o)).reply.isError).toBeFalsy();
    expect((await projectRows(db, o.workspaceId)).map((r) => r.slug)).toEqual(['texas-gulflink', 'テキサス-2']);
  });

  it('imports a CSV file with Japanese names, dates and amounts', async ({ db }) => {
    const ctx = testContext(db, { workspaceId: newWorkspaceId(), today: '2026-03-02' });
    const csv = [
      'name,deal,stage,cost_usd,notice_on',
      'テキサス・ガルフリンク,JP,selected,21億ドル,2026年2月17日（火）',
      '米国・送電網,JP,candidate,３４００億円＠１５０,',
    ].join('\n');
    expect(await importProjectsCsv(ctx, csv, 'projects.csv')).toBe(2);
    expect(await projectRows(db, ctx.workspaceId)).toEqual([
      {
        slug: 'テキサス-ガルフリンク',
        name: 'テキサス・ガルフリンク',
        cost_usd: 2_100_000_000,
        stage: 'selected',
        notice_on: '2026-02-17',
        due_on: '2026-04-23',
      },
      { slug: '米国-送電網', name: '米国・送電網', cost_usd: 2_266_666_667, stage: 'candidate', notice_on: null, due_on: null },
    ]);
  });

  it('has the database refuse a slug outside the rule, whatever writes it', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, 'add "テキサス・ガルフリンク"', { workspaceId: ws, today: '2026-03-02' });
    for (const slug of ['テキサス・ガルフリンク', 'テキサス--ガルフ', 'Texas', 'ﾃｷｻｽ', 'x'.repeat(61)]) {
      await expect(db.query('UPDATE project SET slug = $2 WHERE workspace_id = $1', [ws, slug]), slug).rejects.toThrow(/project_slug_check/);
    }
    await db.query('UPDATE project SET slug = $2 WHERE workspace_id = $1', [ws, '𠮷'.repeat(60)]);
  });
});
