/**
 * Who reads which language, over signed HTTP with a fake Slack whose `users.info` gives
 * each person's client language: two people in one channel at the same time each read
 * their own; the language is looked up once per person; a lookup that fails answers in
 * DEALCLOCK_LOCALE and never as an error; a shared reply follows the channel's setting.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { userLocales } from '../../../src/slack/user-locale.ts';
import { newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { postCommand } from '../../helpers/signed-slack-http.ts';
import { responsesTo, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';

let db: Database;
let fake: FakeSlack;
/** DEALCLOCK_LOCALE unset (English). */
let slack: SlackApp;
/** DEALCLOCK_LOCALE=ja. */
let slackJa: SlackApp;
const ws = newWorkspaceId();
const CHANNEL = 'C0DEALS';

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeSlack().start();
  const options = { clientOptions: { retryConfig: { retries: 0 } } };
  slack = createSlackApp(testRuntime(db, slackConfig(fake)), options);
  slackJa = createSlackApp(testRuntime(db, slackConfig(fake, { DEALCLOCK_LOCALE: 'ja' })), options);
  await slack.start();
  await slackJa.start();
  const ctx = testContext(db, { workspaceId: ws });
  for (const line of ['add "Texas GulfLink" deal=JP cost=2.1B sector=energy', 'select texas-gulflink notice=2026-02-17']) {
    expect((await executeCommand(line, ctx)).isError).toBeFalsy();
  }
  fake.userLocales.set('U0AIKO', 'ja-JP');
  fake.userLocales.set('U0BRIAN', 'en-US');
});
afterAll(async () => {
  await slack?.stop();
  await slackJa?.stop();
  await fake?.stop();
  await db?.close();
});
beforeEach(() => {
  fake.reset();
  userLocales.clear();
});

type Posted = { response_type?: string; text?: string; blocks?: unknown[] };

/** Runs commands at the same time over signed HTTP and gives each one's reply. */
async function run(app: SlackApp, ...commands: [userId: string, text: string][]): Promise<Posted[]> {
  const sent = commands.map(([userId, text]) => slashCommand(fake, { teamId: ws, userId, channelId: CHANNEL }, text));
  const answers = await Promise.all(sent.map((c) => postCommand(app, c.body)));
  for (const a of answers) expect(a.status).toBe(200);
  await app.idle();
  return sent.map((c) => {
    const [reply] = responsesTo(fake, c.responseId);
    expect(reply, `a reply to ${c.body.text}`).toBeDefined();
    return reply!.args as Posted;
  });
}

const all = (p: Posted) => `${p.text}\n${JSON.stringify(p.blocks ?? [])}`;
const lookupsOf = (userId: string) => fake.callsTo('users.info').filter((c) => c.args.user === userId);

describe('the language of a reply follows its reader', () => {
  it('a ja-JP and an en-US user ask for the same card in one channel at the same time: each reads their own language', async () => {
    const [aiko, brian] = await run(slack, ['U0AIKO', 'show texas-gulflink'], ['U0BRIAN', 'show texas-gulflink']);
    expect(aiko!.response_type).toBe('ephemeral');
    expect(all(aiko!)).toContain('2026年4月23日（木）');
    expect(all(aiko!)).toContain('21億ドル');
    expect(all(aiko!)).toContain('出資期日');
    expect(all(aiko!)).not.toMatch(/business days|Due|Thu 2026-04-23/);
    expect(all(brian!)).toContain('Thu 2026-04-23');
    expect(all(brian!)).toContain('US$2.1bn');
    expect(all(brian!)).not.toMatch(/出資|営業日/);
    // Asked with the locale, once each.
    expect(lookupsOf('U0AIKO')).toHaveLength(1);
    expect(lookupsOf('U0AIKO')[0]!.args.include_locale).toBe(true);
    expect(lookupsOf('U0BRIAN')).toHaveLength(1);
  });

  it('the language is cached: more commands make no more users.info calls', async () => {
    await run(slack, ['U0AIKO', 'status'], ['U0BRIAN', 'status']);
    const [a, b] = await run(slack, ['U0AIKO', 'show texas-gulflink'], ['U0BRIAN', 'list']);
    await run(slack, ['U0AIKO', 'list'], ['U0AIKO', 'help']);
    expect(all(a!)).toContain('2026年4月23日（木）');
    expect(all(b!)).toContain('Projects');
    expect(lookupsOf('U0AIKO')).toHaveLength(1);
    expect(lookupsOf('U0BRIAN')).toHaveLength(1);
  });

  it('two commands of one person at once share one lookup', async () => {
    const [first, second] = await run(slack, ['U0AIKO', 'show texas-gulflink'], ['U0AIKO', 'status']);
    expect(all(first!)).toContain('2026年4月23日（木）');
    expect(all(second!)).toContain('進行中の出資期限');
    expect(lookupsOf('U0AIKO')).toHaveLength(1);
  });

  it('users.info answering ok:false: the reply is in DEALCLOCK_LOCALE, not an error, and the failure is remembered', async () => {
    fake.userLocales.set('U0CHIE', 'en-US');
    fake.failNext('users.info', { error: 'missing_scope' });
    const [reply] = await run(slackJa, ['U0CHIE', 'show texas-gulflink']);
    expect(all(reply!)).toContain('2026年4月23日（木）');
    expect(all(reply!)).not.toMatch(/:warning:|error|エラー/);
    // Within the failure's few minutes Slack is not asked again.
    const [again] = await run(slackJa, ['U0CHIE', 'status']);
    expect(all(again!)).toContain('進行中の出資期限');
    expect(lookupsOf('U0CHIE')).toHaveLength(1);
  });

  it('users.info answering 500: the same, in English when DEALCLOCK_LOCALE is unset', async () => {
    fake.userLocales.set('U0DAN', 'ja-JP');
    fake.failNext('users.info', { status: 500 });
    const [reply] = await run(slack, ['U0DAN', 'show texas-gulflink']);
    expect(all(reply!)).toContain('Thu 2026-04-23');
    expect(all(reply!)).not.toMatch(/:warning:|went wrong/);
    expect(lookupsOf('U0DAN')).toHaveLength(1);
  });

  it('a user Slack gives no locale for reads DEALCLOCK_LOCALE', async () => {
    const [reply] = await run(slackJa, ['U0NOLOCALE', 'show texas-gulflink']);
    expect(all(reply!)).toContain('2026年4月23日（木）');
  });

  it('`lang en` overrides a ja-JP Slack client, for that person only', async () => {
    fake.userLocales.set('U0EMI', 'ja-JP');
    expect((await run(slack, ['U0EMI', 'lang en']))[0]!.text).toContain('Your replies are now in English');
    const [emi, aiko] = await run(slack, ['U0EMI', 'show texas-gulflink'], ['U0AIKO', 'show texas-gulflink']);
    expect(all(emi!)).toContain('Thu 2026-04-23');
    expect(all(aiko!)).toContain('2026年4月23日（木）');
    await run(slack, ['U0EMI', 'lang auto']);
  });

  it('a shared reply is in the channel’s language, whoever shares it', async () => {
    const channel = 'C0JAPAN';
    const set = slashCommand(fake, { teamId: ws, userId: 'U0BRIAN', channelId: channel }, 'lang ja channel');
    await postCommand(slack, set.body);
    await slack.idle();
    const shared = slashCommand(fake, { teamId: ws, userId: 'U0BRIAN', channelId: channel }, 'show texas-gulflink share');
    await postCommand(slack, shared.body);
    await slack.idle();
    const [reply] = responsesTo(fake, shared.responseId);
    expect((reply!.args as Posted).response_type).toBe('in_channel');
    expect(all(reply!.args as Posted)).toContain('2026年4月23日（木）');
    // `digest` always posts in the channel: the channel's language too.
    const digest = slashCommand(fake, { teamId: ws, userId: 'U0BRIAN', channelId: channel }, 'digest');
    await postCommand(slack, digest.body);
    await slack.idle();
    const [posted] = responsesTo(fake, digest.responseId);
    expect((posted!.args as Posted).response_type).toBe('in_channel');
    expect((posted!.args as Posted).text).toContain('ダイジェスト');
  });
});
