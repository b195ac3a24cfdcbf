/**
 * `/invest lang`: a person's language, a channel's language, who may set which, the audit
 * trail — and a reminder and a digest posted through the real sender to a channel set to
 * Japanese, while a channel without a setting reads English.
 */
import { describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { checkDay, posts, run, slackPoster } from '../reminders/setup.ts';

async function inSlack(db: Database, ws: string, text: string, o: { userId?: string; channelId?: string; isAdmin?: boolean; today?: string } = {}) {
  const reply = await executeCommand(
    text,
    testContext(db, {
      workspaceId: ws,
      source: 'slack',
      userId: o.userId ?? 'U0ADMIN',
      channelId: o.channelId ?? 'C0DEALS',
      isAdmin: o.isAdmin ?? true,
      today: o.today,
    }),
  );
  return { reply, out: renderText(reply) };
}

async function settingsOf(db: Database, ws: string) {
  const { rows } = await db.query('SELECT scope, target_id, locale FROM language_setting WHERE workspace_id = $1 ORDER BY scope, target_id', [ws]);
  return rows;
}

describe(`language settings (${engineName})`, () => {
  it('a person sets their own language, answered in it; `auto` removes it; both are audited', async ({ db }) => {
    const ws = newWorkspaceId();
    const set = await inSlack(db, ws, 'lang ja', { userId: 'U0TANAKA', isAdmin: false });
    expect(set.reply.isError).toBeFalsy();
    expect(set.out).toContain('返信を日本語に設定しました');
    expect(await settingsOf(db, ws)).toEqual([{ scope: 'user', target_id: 'U0TANAKA', locale: 'ja' }]);
    const auto = await inSlack(db, ws, 'lang auto', { userId: 'U0TANAKA', isAdmin: false });
    expect(auto.reply.isError).toBeFalsy();
    expect(await settingsOf(db, ws)).toEqual([]);
    const { rows } = await db.query("SELECT action, subject, before, after FROM audit_event WHERE workspace_id = $1 AND action LIKE 'language.%' ORDER BY id", [
      ws,
    ]);
    expect(rows).toEqual([
      { action: 'language.user', subject: 'U0TANAKA', before: null, after: { locale: 'ja' } },
      { action: 'language.user', subject: 'U0TANAKA', before: { locale: 'ja' }, after: null },
    ]);
  });

  it("a channel's language is an admin's change when admins are configured; bad input changes nothing", async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Texas GulfLink" deal=JP');
    const before = await workspaceSnapshot(db, ws, { ignoreRefusals: true });
    const refused = await inSlack(db, ws, 'lang ja channel', { userId: 'U0INTERN', isAdmin: false });
    expect(refused.reply.isError).toBe(true);
    expect(refused.out).toContain('Only the workspace admins can use lang ja.');
    const refusedJa = await executeCommand(
      'lang ja channel',
      testContext(db, { workspaceId: ws, source: 'slack', userId: 'U0INTERN', channelId: 'C0DEALS', isAdmin: false, locale: 'ja' }),
    );
    expect(renderText(refusedJa)).toContain('lang ja を使うことができるのは ワークスペースの管理者 のみです。');
    expect(await settingsOf(db, ws)).toEqual([]);
    for (const bad of ['lang', 'lang fr', 'lang ja everywhere', 'lang ja channel extra']) {
      const r = await inSlack(db, ws, bad);
      expect(r.reply.isError, bad).toBe(true);
    }
    expect(await settingsOf(db, ws)).toEqual([]);
    expect(await workspaceSnapshot(db, ws, { ignoreRefusals: true })).toBe(before);
    // Outside Slack there is no channel to set.
    const shell = await executeCommand('lang ja channel', testContext(db, { workspaceId: ws }));
    expect(shell.isError).toBe(true);

    const ok = await inSlack(db, ws, 'lang ja channel', { channelId: 'C0TOKYO01' });
    expect(ok.out).toContain('日本語に設定しました');
    expect(await settingsOf(db, ws)).toEqual([{ scope: 'channel', target_id: 'C0TOKYO01', locale: 'ja' }]);
  });

  it('reminders and digests follow the channel: Japanese in the Tokyo channel, English in the DC one', async ({ db, fake }) => {
    fake.reset();
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Texas GulfLink" deal=JP cost=2.1B channel=C0TOKYO01');
    await run(db, ws, 'select texas notice=2026-02-17');
    await run(db, ws, 'add "Ulsan Yards" deal=KR channel=C0WASHDC1');
    await run(db, ws, 'select ulsan notice=2026-02-17');
    await inSlack(db, ws, 'lang ja channel', { channelId: 'C0TOKYO01' });
    await inSlack(db, ws, 'subscribe weekly thursday', { channelId: 'C0TOKYO01', today: '2026-04-01' });

    // Thu 2026-04-02: Texas GulfLink has 15 business days left on US-FRB+JP-BANK.
    await checkDay(db, ws, slackPoster(fake), '2026-04-02');
    const tokyo = posts(fake, 'C0TOKYO01').map((p) => p.text);
    expect(tokyo).toContain('Texas GulfLink（texas-gulflink）：残り15営業日（出資期日 2026年4月23日（木）、US-FRB+JP-BANK）');
    const digest = tokyo.find((t) => t.startsWith('週次ダイジェスト'));
    expect(digest).toBe('週次ダイジェスト · 2026年4月2日（木）：進行中の出資期限 2件');
    const dc = posts(fake, 'C0WASHDC1').map((p) => p.text);
    expect(dc.length).toBeGreaterThan(0);
    for (const t of dc) expect(t).toMatch(/^Ulsan Yards \(ulsan-yards\): .* — due /);
  });
});
