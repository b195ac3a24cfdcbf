/**
 * The same commands in English and Japanese, on one database: the worked example's card,
 * the lists, a reminder and a digest, an error. Japanese replies carry Japanese dates and
 * amounts and keep IDs, slugs and commands as they are.
 */
import { describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { digestMessage, reminderMessage } from '../../../src/reminders/message.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import { clockView } from '../../../src/usecases/clock-view.ts';
import { createStore } from '../../../src/db/store.ts';
import { listDeals } from '../../../src/db/deals.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';

const ws = newWorkspaceId();
const TODAY = '2026-03-02';

it.beforeAll(async ({ db }) => {
  const ctx = testContext(db, { workspaceId: ws, today: TODAY });
  for (const line of ['add "Texas GulfLink" deal=JP cost=2.1B sector=energy', 'select texas-gulflink notice=2026-02-17']) {
    const r = await executeCommand(line, ctx);
    expect(r.isError, renderText(r)).toBeFalsy();
  }
});
async function run(db: Database, text: string, locale: 'en' | 'ja', today = TODAY) {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, today, locale }));
  return { reply, out: renderText(reply), fallback: reply.text as string };
}

describe('replies in Japanese and English', () => {
  it('show: the worked example in both languages', async ({ db }) => {
    const ja = await run(db, 'show texas-gulflink', 'ja');
    expect(ja.out).toContain('2026年4月23日（木）（`US-FRB+JP-BANK`）'.replace(/`/g, ''));
    expect(ja.out).toContain('21億ドル');
    expect(ja.out).toContain('US-FRB 2026年4月21日（火）');
    expect(ja.out).toContain('45営業日中8日目 · 残り37営業日');
    expect(ja.out).toContain('出資期日');
    expect(ja.out).toContain('texas-gulflink');
    expect(ja.out).not.toMatch(/business day|Due|Stage|as of/);
    expect(ja.fallback).toBe('Texas GulfLink（texas-gulflink）：選定済み — 出資期日 2026年4月23日（木）（US-FRB+JP-BANK）、残り37営業日');

    const en = await run(db, 'show texas-gulflink', 'en');
    expect(en.out).toContain('Thu 2026-04-23 on US-FRB+JP-BANK');
    expect(en.out).toContain('US$2.1bn');
    expect(en.out).toContain('day 8 of 45 · 37 business days left');
  });

  it('list and status', async ({ db }) => {
    const list = await run(db, 'list', 'ja');
    expect(list.out).toContain('案件一覧');
    expect(list.out).toContain('選定済み');
    expect(list.out).toContain('出資期日 2026年4月23日（木） · 残り37営業日');
    const status = await run(db, 'status', 'ja', '2026-04-28');
    expect(status.out).toContain('進行中の出資期限');
    expect(status.out).toContain('3営業日超過');
    expect((await run(db, 'status', 'en', '2026-04-28')).out).toContain('overdue by 3 business days');
  });

  it('an error, in the language of the person who made it', async ({ db }) => {
    const ja = await run(db, 'select texas-gulflink notice=2026-13-01', 'ja');
    expect(ja.reply.isError).toBe(true);
    expect(ja.out).toContain('`2026-13-01` は日付として読めません。'.replace(/`/g, ''));
    const en = await run(db, 'select texas-gulflink notice=2026-13-01', 'en');
    expect(en.out).toContain('is not a date');
  });

  it('a reminder and a digest in Japanese, fallback text included', async ({ db }) => {
    const store = createStore(db, ws);
    const project = (await store.projects.bySlug('texas-gulflink'))!;
    const deals = new Map((await listDeals(db)).map((d) => [d.code, d]));
    const registry = new CalendarRegistry([]);
    const clock = clockView(project, deals.get('JP')!, registry, '2026-04-02')!;
    const tr = translator('ja');
    const reminder = reminderMessage({ project, deal: deals.get('JP')!, clock, today: '2026-04-02', tr }, 'remaining:15', '2026-04-02');
    expect(reminder.text).toBe('Texas GulfLink（texas-gulflink）：残り15営業日（出資期日 2026年4月23日（木）、US-FRB+JP-BANK）');
    expect(renderText(reminder)).toContain('リマインダー · JP · 営業日は US-FRB+JP-BANK による');
    expect(renderText(reminder)).toContain('出資済みにする');
    // The lead, as Slack gets it: Japanese brackets, and bold that Slack renders (a space
    // or an em dash beside each asterisk); posted a day late, it says when it was due.
    const late = reminderMessage({ project, deal: deals.get('JP')!, clock, today: '2026-04-02', tr }, 'remaining:15', '2026-04-01');
    expect(JSON.stringify(late.blocks)).toContain(
      JSON.stringify('Texas GulfLink（`texas-gulflink`、#1） — *残り15営業日* （本来の送信日 2026年4月1日（水））').slice(1, -1),
    );

    const digest = digestMessage({
      frequency: 'weekly',
      dealCode: null,
      running: [project],
      totalRunning: 1,
      closed: [],
      deals,
      registry,
      today: '2026-04-02',
      tr,
    });
    expect(digest.text).toBe('週次ダイジェスト · 2026年4月2日（木）：進行中の出資期限 1件');
    expect(renderText(digest)).toContain('残り15営業日');
    const quiet = digestMessage({ frequency: 'daily', dealCode: 'KR', running: [], totalRunning: 0, closed: [], deals, registry, today: '2026-04-02', tr });
    expect(quiet.text).toMatch(/^日次ダイジェスト — KR · 2026年4月2日（木）：\S/);
  });
});
