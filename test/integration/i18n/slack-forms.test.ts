/**
 * The Slack surface's own words in Japanese: `help` (every subcommand's summary), the
 * digest subscriptions, `/invest data`, and the add form, opened and submitted over signed
 * HTTP by a ja-JP and an en-US person. English stays as it was.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { summaryKey } from '../../../src/commands/handlers/help.ts';
import { subcommands } from '../../../src/commands/handlers/index.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { ADD_MODAL_CALLBACK } from '../../../src/slack/modal.ts';
import { userLocales } from '../../../src/slack/user-locale.ts';
import { newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { postCommand, postInteraction } from '../../helpers/signed-slack-http.ts';
import { blockAction, responsesTo, slackConfig, slashCommand, testRuntime, viewSubmission } from '../../helpers/slack.ts';
import { ACTION_FUND, ACTION_SHARE } from '../../../src/replies/project-card.ts';
import { busyAck, notRunReply } from '../../../src/slack/command-queue.ts';

let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** Latin words of three letters or more outside commands, mentions, emoji and IDs. */
function englishLeft(markup: string): string[] {
  return (
    markup
      .replace(/`[^`]*`/g, ' ')
      .replace(/\/invest( [a-z]+)?/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/:[a-z_]+:/g, ' ')
      .match(/[A-Za-z_]{3,}/g) ?? []
  ).filter((w) => !['Slack', 'FRB', 'BANK', 'URL', 'Outlook', 'Google', 'Apple'].includes(w));
}

/** The markup of every text in a reply's blocks, after its fallback text. */
function markupOf(reply: { text?: string; blocks?: unknown[] }): string {
  const texts: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'text' && typeof x === 'string' ? texts.push(x) : walk(x);
  };
  walk(reply.blocks);
  return texts.join('\n');
}

async function run(text: string, locale: 'en' | 'ja', ws = newWorkspaceId()) {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, locale, source: 'slack', channelId: 'C0DEALS' }));
  return { reply, out: renderText(reply), markup: markupOf(reply), fallback: reply.text as string };
}

describe('help', () => {
  it('every subcommand has a summary in both catalogues; the English one is its own words', () => {
    const missing: string[] = [];
    for (const sub of subcommands) {
      const key = summaryKey(sub.name);
      if (!key) {
        missing.push(sub.name);
        continue;
      }
      expect(translator('en').text(key), sub.name).toBe(sub.summary);
      const ja = translator('ja').text(key);
      expect(ja, sub.name).not.toBe(sub.summary);
      expect(englishLeft(ja), sub.name).toEqual([]);
    }
    // A new subcommand needs `help.summary.<name>` in slack-forms.en.ts and slack-forms.ja.ts.
    expect(missing).toEqual([]);
  });

  it('in Japanese: every summary, and how commands, dates and amounts are typed', async () => {
    const { reply, out, markup, fallback } = await run('help', 'ja');
    expect(reply.isError).toBeFalsy();
    expect(fallback).toBe(`/invest のコマンド：${subcommands.map((s) => s.name).join(', ')}`);
    expect(out).toContain('/invest — 45営業日の出資期限');
    expect(markup).toContain('`/invest select` — 段階を選定済みに変更。選定通知の受領日から出資期限の計算を開始');
    expect(markup).toContain(
      '`/invest subscribe` — 進行中の出資期限のダイジェストをこのチャンネルに毎営業日または毎週（既定は月曜日。週次はタイムラインの図つき）投稿',
    );
    expect(markup).toContain(
      '返信はご本人にのみ表示されます。チャンネルに投稿するには末尾に `share` を付けてください。`/invest help &lt;subcommand&gt;` で例を表示します。サブコマンドとオプションは英語のまま入力してください（`/invest show`、`deal=JP`、`notice=`）。日付は `2026年2月17日`、`2026-02-17`、`today`、`yesterday`、金額は `21億ドル`、`2.1B`、`US$33bn` のように日本語でも英語でも入力できます。',
    );
    expect(englishLeft(markup)).toEqual([]);
  });

  it('help <subcommand> in Japanese: the usage and examples as typed, the words translated', async () => {
    const { out, markup } = await run('help select', 'ja');
    expect(out.trim()).toBe(
      [
        '/invest select',
        '──────────────',
        '/invest select <project> notice=<date> [due=<date>]',
        '段階を選定済みに変更。選定通知の受領日から出資期限の計算を開始（データを変更）',
        '例',
        '/invest select texas-gulflink notice=2026-02-17',
        '/invest select texas notice=today due=2026-05-01',
      ].join('\n'),
    );
    expect(englishLeft(markup)).toEqual([]);
  });

  it('in English, as before', async () => {
    const { out, fallback } = await run('help', 'en');
    expect(fallback).toMatch(/^\/invest commands: help, list, status/);
    expect(out).toContain('/invest — 45-business-day funding clocks');
    expect(out).toContain('/invest select — Stage selected: starts the clock on the date the selection notice was received');
    expect(out).toContain('Replies are private; add share at the end to post in the channel.');
    expect((await run('help select', 'en')).out).toContain(
      'Stage selected: starts the clock on the date the selection notice was received (changes data)\nExamples',
    );
  });
});

describe('digest subscriptions', () => {
  it('subscribe weekly friday, subscriptions, unsubscribe in Japanese', async () => {
    const ws = newWorkspaceId();
    const sub = await run('subscribe weekly friday', 'ja', ws);
    expect(sub.fallback).toBe(
      ':white_check_mark: <#C0DEALS> でダイジェストの購読を開始しました：毎週金曜日、全枠組み、タイムラインの図つき、リマインダーの送信時刻に投稿します。停止するには `unsubscribe` と入力してください。',
    );
    const kr = await run('subscribe daily deal=KR', 'ja', ws);
    expect(kr.fallback).toBe(
      ':white_check_mark: <#C0DEALS> でダイジェストの購読を開始しました：毎営業日、枠組み KR、リマインダーの送信時刻に投稿します。停止するには `unsubscribe deal=KR` と入力してください。',
    );
    const list = await run('subscriptions', 'ja', ws);
    expect(list.fallback).toBe('ダイジェストの購読：2件');
    expect(list.out).toContain('ダイジェストの購読\n');
    expect(list.markup).toContain('• <#C0DEALS> — 毎週金曜日、全枠組み');
    expect(list.markup).toContain('• <#C0DEALS> — 毎営業日、枠組み KR');
    expect(list.markup).toContain('2件 · リマインダーの送信時刻に投稿');
    expect(englishLeft(list.markup)).toEqual([]);
    expect((await run('unsubscribe deal=KR', 'ja', ws)).fallback).toBe('<#C0DEALS> のダイジェスト（毎営業日、枠組み KR）を停止しました。');
    expect((await run('unsubscribe deal=KR', 'ja', ws)).fallback).toBe(
      '<#C0DEALS> には枠組み KR のダイジェストはありません。このワークスペースのダイジェストは `subscriptions` で確認できます。',
    );
    expect((await run('subscriptions', 'ja', newWorkspaceId())).fallback).toBe(
      'ダイジェストを受け取るチャンネルはありません。チャンネルで `subscribe daily` または `subscribe weekly friday deal=JP` と入力すると開始します。',
    );
  });

  it('a wrong weekday or frequency is explained in Japanese', async () => {
    const sunday = await run('subscribe weekly sunday', 'ja');
    expect(sunday.reply.isError).toBe(true);
    expect(sunday.fallback).toBe('`weekday=sunday` は正しくありません：月曜日から金曜日までの曜日を英語で入力してください（例：`monday`、`fri`）');
    expect((await run('subscribe monthly', 'ja')).fallback).toBe('`frequency=monthly` は正しくありません：`daily` または `weekly` と入力してください');
  });

  it('in English, as before', async () => {
    const ws = newWorkspaceId();
    expect((await run('subscribe weekly friday', 'en', ws)).fallback).toBe(
      ':white_check_mark: <#C0DEALS> is subscribed: weekly on Friday, every deal, with the timeline picture, at the reminder time. `unsubscribe` stops it.',
    );
    expect((await run('subscribe daily deal=KR', 'en', ws)).fallback).toBe(
      ':white_check_mark: <#C0DEALS> is subscribed: daily (business days), deal KR, at the reminder time. `unsubscribe deal=KR` stops it.',
    );
    const list = await run('subscriptions', 'en', ws);
    expect(list.fallback).toBe('Digest subscriptions: 2');
    expect(list.markup).toContain('2 subscriptions · posted at the reminder time');
    expect((await run('unsubscribe', 'en', newWorkspaceId())).fallback).toBe(
      '<#C0DEALS> has no digest for every deal. `subscriptions` lists the digests of this workspace.',
    );
  });
});

describe('/invest data', () => {
  it('in Japanese: the state, the shipped pack and how to apply it', async () => {
    const { reply, out, markup, fallback } = await run('data', 'ja');
    expect(reply.isError).toBeFalsy();
    expect(out.trim().split('\n')[0]).toBe('公開情報');
    expect(markup).toContain('このワークスペースはまだ使用が始まっていません。最初のコマンドで公開情報を読み込みます。');
    expect(markup).toMatch(/このリリースに同梱のパック：パック \d{4}\.\d{2}\.\d{2}(\.\d+)?（\d{4}年\d{1,2}月\d{1,2}日（.）時点）/);
    expect(markup).toMatch(/\*適用した場合の変更点\*\n新しい案件（\d+件）：/);
    expect(markup).toContain(
      'パックは管理者がサーバー上で `dealclock data apply [file]` により適用します。ワークスペースで編集した項目は上書きしません。詳細は `docs/data.md` を参照してください。',
    );
    expect(fallback).toMatch(/^公開情報：このワークスペースはまだ使用が始まっていません。最初のコマンドで公開情報を読み込みます。追加\d+件、変更0件、相違0件$/);
  });

  it('in English, as before', async () => {
    const { markup, fallback } = await run('data', 'en');
    expect(markup).toMatch(/The pack shipped with this release: pack \d{4}\.\d{2}\.\d{2}(\.\d+)?, as of \w{3} \d{4}-\d{2}-\d{2}\./);
    expect(markup).toMatch(/\*What applying it would change\*\nNew projects \(\d+\):/);
    expect(fallback).toMatch(
      /^Public data: This workspace has not started yet; its first command loads the public data\. \d+ new items, 0 changed fields, 0 conflicts$/,
    );
  });
});

describe('work not run', () => {
  it('the busy answers in Japanese', () => {
    const ja = translator('ja');
    expect(busyAck('full', 120, ja).text).toBe(
      ':hourglass_flowing_sand: 処理待ちの依頼が多いため、この依頼は実行しませんでした。何も変更していません。1分ほどしてからもう一度お試しください。',
    );
    expect(notRunReply('expired', 120, ja).text).toBe(
      '他の依頼の処理待ちが2分を超えたため、この依頼は実行しませんでした。何も変更していません。もう一度送信してください。',
    );
    expect(notRunReply('expired', 90, translator('en')).text).toBe(
      'This waited more than 90 seconds behind other requests, so I did not run it. Nothing was changed; please send it again.',
    );
  });
});

describe('the add form and the buttons over signed HTTP', () => {
  let fake: FakeSlack;
  let slack: SlackApp;
  const ws = newWorkspaceId();

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    slack = createSlackApp(testRuntime(db, slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
    await slack.start();
    fake.userLocales.set('U0AIKO', 'ja-JP');
    fake.userLocales.set('U0BRIAN', 'en-US');
    fake.userLocales.set('U0EMI', 'en-US');
    await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', testContext(db, { workspaceId: ws }));
  });
  afterAll(async () => {
    await slack?.stop();
    await fake?.stop();
  });
  beforeEach(() => {
    fake.reset();
    userLocales.clear();
  });

  type Text = { type: string; text: string };
  type Block = { block_id: string; label: Text; hint?: Text; element: { placeholder?: Text; options?: { text: Text; value: string }[] } };
  type View = { title: Text; submit: Text; close: Text; blocks: Block[] };

  async function openForm(userId: string): Promise<{ view: View; triggerId: string }> {
    const cmd = slashCommand(fake, { teamId: ws, userId }, 'add');
    expect((await postCommand(slack, cmd.body)).status).toBe(200);
    await slack.idle();
    const open = fake.callsTo('views.open').find((c) => c.args.trigger_id === cmd.body.trigger_id);
    expect(open, 'the form opened').toBeDefined();
    return { view: open!.args.view as View, triggerId: cmd.body.trigger_id };
  }

  const summary = (v: View) => v.blocks.map((b) => ({ block: b.block_id, label: b.label.text, hint: b.hint?.text, placeholder: b.element.placeholder?.text }));

  it('a ja-JP person gets the form in Japanese', async () => {
    const { view } = await openForm('U0AIKO');
    expect([view.title.text, view.submit.text, view.close.text]).toEqual(['案件の追加', '追加', 'キャンセル']);
    expect(summary(view)).toEqual([
      { block: 'name', label: '案件名', hint: 'コマンドで案件を指す名前（スラッグ）は案件名から作られます。', placeholder: 'テキサス・ガルフリンク' },
      { block: 'deal', label: '枠組み', hint: undefined, placeholder: undefined },
      { block: 'cost', label: '推定事業費（米ドル）', hint: '例：21億ドル、2.1B、$600M、US$33bn', placeholder: '21億ドル' },
      { block: 'sector', label: '分野', hint: '例：エネルギー、半導体、重要鉱物', placeholder: undefined },
      { block: 'sponsor', label: 'スポンサー／事業者', hint: '案件を推進する企業', placeholder: undefined },
      { block: 'location', label: '所在地', hint: '例：テキサス州ブラゾリア郡', placeholder: undefined },
      {
        block: 'announced',
        label: '公表日',
        hint: '報道発表の日付（選定通知の日付ではありません。出資期限は選定通知から数えます）。',
        placeholder: undefined,
      },
      { block: 'channel', label: '担当チャンネル', hint: 'この案件のリマインダーの送信先', placeholder: undefined },
    ]);
    expect(view.blocks[1]!.element.options!.map((o) => o.text.text)).toEqual(['JP — 日米戦略的投資（5500億ドル）', 'KR — 米韓戦略的投資（3500億ドル）']);
    const words = summary(view).flatMap((b) => [b.label, b.hint ?? '', b.placeholder ?? '']);
    expect(englishLeft(words.join('\n'))).toEqual([]);
    // No database work before it opened, so no second look at a language setting was needed.
    expect(fake.callsTo('views.update')).toHaveLength(0);
  });

  it('an en-US person gets it in English, as before', async () => {
    const { view } = await openForm('U0BRIAN');
    expect([view.title.text, view.submit.text, view.close.text]).toEqual(['Add a project', 'Add', 'Cancel']);
    expect(summary(view)[0]).toEqual({
      block: 'name',
      label: 'Project name',
      hint: 'The slug is made from it, e.g. Texas GulfLink → texas-gulflink.',
      placeholder: 'Texas GulfLink',
    });
    expect(summary(view)[2]).toEqual({ block: 'cost', label: 'Estimated cost (USD)', hint: 'e.g. 2.1B, $600M, US$33bn, 350 million', placeholder: '2.1B' });
    expect(view.blocks[1]!.element.options!.map((o) => o.text.text)).toEqual(['JP — US–Japan (US$550bn)', 'KR — US–Korea (US$350bn)']);
  });

  it('a `/invest lang ja` setting puts the open form in Japanese (views.update of the same view)', async () => {
    await executeCommand('lang ja', testContext(db, { workspaceId: ws, userId: 'U0EMI', source: 'slack', channelId: 'C0DEALS' }));
    try {
      const { view } = await openForm('U0EMI');
      expect(view.title.text).toBe('Add a project');
      const [update] = fake.callsTo('views.update');
      expect(update, 'the form was put in Japanese').toBeDefined();
      expect(update!.args.view_id).toMatch(/^V/);
      expect((update!.args.view as View).title.text).toBe('案件の追加');
      expect((update!.args.view as View).blocks.map((b) => b.block_id)).toEqual(view.blocks.map((b) => b.block_id));
    } finally {
      await executeCommand('lang auto', testContext(db, { workspaceId: ws, userId: 'U0EMI', source: 'slack', channelId: 'C0DEALS' }));
    }
  });

  it('a button answers in the clicker’s language; Share posts in the channel’s', async () => {
    await executeCommand('select texas-gulflink notice=2026-02-17', testContext(db, { workspaceId: ws }));
    const { rows } = await db.query('SELECT id FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'texas-gulflink']);
    const id = rows[0]!.id as number;
    const click = async (userId: string, actionId: string, value: string) => {
      const a = blockAction(fake, { teamId: ws, userId }, { actionId, value });
      expect((await postInteraction(slack, a.body)).status).toBe(200);
      await slack.idle();
      return responsesTo(fake, a.responseId)[0]!.args as { text: string; response_type: string };
    };
    // A card seen while the project was a candidate: it is selected now, so nothing moves.
    const stale = await click('U0AIKO', ACTION_FUND, JSON.stringify({ id, stage: 'candidate' }));
    expect(JSON.stringify(stale)).toContain(':information_source: この案件は先に変更されており、現在は「選定済み」です。何も変更していません。');
    const shared = await click('U0AIKO', ACTION_SHARE, JSON.stringify({ id }));
    expect(shared.response_type).toBe('in_channel');
    expect(JSON.stringify(shared)).toContain('Shared by <@U0AIKO>');
    const funded = await click('U0AIKO', ACTION_FUND, JSON.stringify({ id, stage: 'selected' }));
    expect(JSON.stringify(funded)).toContain(':white_check_mark: <@U0AIKO> が *texas-gulflink* を出資済みにしました。出資期限の計算は終了しました。');
  });

  it('the errors under the inputs are in the submitter’s language', async () => {
    const values = {
      name: { type: 'plain_text_input', value: 'Texas GulfLink' },
      deal: { type: 'static_select', selected_option: { value: 'JP' } },
      cost: { type: 'plain_text_input', value: 'lots' },
      location: { type: 'plain_text_input', value: 'x'.repeat(201) },
    };
    const submit = async (userId: string) => {
      const res = await postInteraction(slack, viewSubmission({ teamId: ws, userId }, ADD_MODAL_CALLBACK, values));
      expect(res.status).toBe(200);
      return ((await res.json()) as { response_action: string; errors: Record<string, string> }).errors;
    };
    const ja = await submit('U0AIKO');
    expect(ja).toEqual({
      name: 'スラッグ texas-gulflink の案件は既にあります。別の名称にするか、slug=… を指定してください。',
      cost: expect.stringMatching(/^lots は金額として読めません。/),
      location: '200文字以内で入力してください。',
    });
    const en = await submit('U0BRIAN');
    expect(en.location).toBe('At most 200 characters.');
    expect(en.name).toContain('already exists');
    expect(en.cost).toContain('is not an amount');
    await slack.idle();
  });
});
