/**
 * Two workspaces on one deployment (OAuth mode, HTTPReceiver, signed requests): T2 cannot
 * read, change, be reminded about or export T1's projects, each workspace's reminders go
 * out with its own token, and uninstalling from T1 stops T1 only.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { exportProjects } from '../../../src/csv/projects-csv.ts';
import { runCheck } from '../../../src/reminders/check.ts';
import { posterFor } from '../../../src/slack/poster-for.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { reconcileSettings } from '../../../src/reminders/check.ts';
import { ACTION_DECLINE, ACTION_FUND, ACTION_SHARE } from '../../../src/replies/project-card.ts';
import type { Runtime } from '../../../src/runtime.ts';
import { ACTION_SHOW } from '../../../src/slack/actions.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
// Its reminder passes run over every workspace in the database: one no other file writes.
import { itOnOwnDatabase as it } from '../../helpers/fixtures.ts';
import { install, installationRow, oauthConfig, signedPost } from '../../helpers/oauth.ts';
import { blockAction, responsesTo, slashCommand, testRuntime } from '../../helpers/slack.ts';

let slack: SlackApp;
let runtime: Runtime;
let base: string;
const T1 = newWorkspaceId();
const T2 = newWorkspaceId();
const TOKEN = { [T1]: 'xoxb-1-workspace-one-token', [T2]: 'xoxb-2-workspace-two-token' };
// 30 business days before the 2026-04-23 due date of a 2026-02-17 JP notice.
const DAY = '2026-03-11';

it.beforeAll(async ({ db, fake }) => {
  runtime = testRuntime(db, oauthConfig(fake), { today: '2026-03-02' });
  slack = createSlackApp(runtime, { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  base = `http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}`;
  await install(slack.installations!, T1, TOKEN[T1]!);
  await install(slack.installations!, T2, TOKEN[T2]!);
  for (const [ws, channel, name] of [
    [T1, 'C0T1DEALS', 'Texas GulfLink'],
    [T2, 'C0T2DEALS', 'Ohio Fab'],
  ] as const) {
    const ctx = testContext(db, { workspaceId: ws, today: '2026-02-17' });
    for (const text of [`add "${name}" deal=JP cost=2.1B channel=${channel}`, `select ${name.toLowerCase().replace(' ', '-')} notice=2026-02-17`]) {
      const reply = await executeCommand(text, ctx);
      expect(reply.isError, text).toBeFalsy();
    }
  }
});
afterAll(async () => {
  await slack?.stop();
});
it.beforeEach(({ fake }) => fake.reset());

async function projectId(db: Database, ws: string, slug: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM project WHERE workspace_id = $1 AND slug = $2', [ws, slug]);
  return rows[0]!.id;
}

/** A signed command from a workspace; resolves with the text of its response_url reply. */
async function command(fake: FakeSlack, teamId: string, text: string): Promise<string | undefined> {
  const { body, responseId } = slashCommand(fake, { teamId }, text);
  const res = await signedPost(base, 'form', body);
  expect(res.status).toBe(200);
  return settledReply(fake, responseId);
}

async function settledReply(fake: FakeSlack, responseId: string): Promise<string | undefined> {
  // The reply follows the ack; give the listener time, then read what reached Slack.
  await expect
    .poll(() => responsesTo(fake, responseId).length, { timeout: 3000 })
    .toBeGreaterThan(0)
    .catch(() => {});
  const reply = responsesTo(fake, responseId)[0];
  return reply ? JSON.stringify(reply.args) : undefined;
}

function ledgerStatuses(db: Database, ws: string) {
  return db.query<{ status: string }>('SELECT status FROM reminder WHERE workspace_id = $1 ORDER BY id', [ws]).then((r) => r.rows.map((x) => x.status));
}

describe('two workspaces on one deployment', () => {
  it('T2 sees its own projects and none of T1’s: show, list, status, history', async ({ db, fake }) => {
    expect(await command(fake, T2, 'show ohio-fab')).toContain('ohio-fab');
    const before = await workspaceSnapshot(db, T1);
    expect(await command(fake, T2, 'show texas-gulflink')).toContain('No project matches');
    const list = (await command(fake, T2, 'list'))!;
    expect(list).toContain('ohio-fab');
    expect(list).not.toContain('texas');
    for (const text of ['status', 'history', 'list all', `show #${await projectId(db, T1, 'texas-gulflink')}`]) {
      expect(await command(fake, T2, text), text).not.toMatch(/texas/i);
    }
    expect(await workspaceSnapshot(db, T1)).toBe(before);
  });

  it('T2 cannot change T1’s projects by command', async ({ db, fake }) => {
    const before = await workspaceSnapshot(db, T1);
    for (const text of ['edit texas-gulflink cost=9B', 'fund texas-gulflink', 'decline texas-gulflink', 'withdraw texas-gulflink', 'edit texas cost=1B']) {
      const reply = await command(fake, T2, text);
      expect(reply, text).toContain('No project matches');
    }
    expect(await workspaceSnapshot(db, T1)).toBe(before);
  });

  it('T2 cannot act on T1’s project id with a button', async ({ db, fake }) => {
    const id = await projectId(db, T1, 'texas-gulflink');
    const before = await workspaceSnapshot(db, T1);
    for (const [actionId, value] of [
      [ACTION_FUND, JSON.stringify({ id, stage: 'selected' })],
      [ACTION_DECLINE, JSON.stringify({ id, stage: 'selected' })],
      [ACTION_SHARE, JSON.stringify({ id, stage: 'selected' })],
      [ACTION_SHOW, JSON.stringify({ id })],
    ] as const) {
      const { body, responseId } = blockAction(fake, { teamId: T2 }, { actionId, value });
      expect((await signedPost(base, 'payload', body)).status).toBe(200);
      const reply = await settledReply(fake, responseId);
      expect(reply ?? '', actionId).not.toMatch(/texas/i);
    }
    expect(await workspaceSnapshot(db, T1)).toBe(before);
    // Nothing was posted with T1's token on T2's behalf.
    expect(fake.calls.filter((c) => c.token === TOKEN[T1])).toEqual([]);
  });

  it('a workspace that never installed the app gets no answer at all', async ({ fake }) => {
    const { body, responseId } = slashCommand(fake, { teamId: newWorkspaceId() }, 'list');
    await signedPost(base, 'form', body);
    await slack.idle();
    expect(responsesTo(fake, responseId)).toHaveLength(0);
  });

  it('T2’s export holds only T2’s projects', async ({ db }) => {
    const file = join(mkdtempSync(join(tmpdir(), 'dealclock-mw-')), 't2.csv');
    expect(await exportProjects(testContext(db, { workspaceId: T2 }), file)).toBe(1);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('ohio-fab');
    expect(csv).not.toContain('texas');
  });

  it('a reminder pass posts each workspace’s reminders with that workspace’s token only', async ({ fake }) => {
    const result = await runCheck(runtime, {
      date: DAY,
      output: process.stdout,
      poster: await posterFor(runtime.config, runtime.logger, process.stdout, runtime.db),
    });
    expect(result.sent).toMatchObject({ sent: 2, failed: 0 });
    const posts = fake.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    const byChannel = Object.fromEntries(posts.map((c) => [String(c.args.channel), c]));
    expect(byChannel.C0T1DEALS!.token).toBe(TOKEN[T1]);
    expect(JSON.stringify(byChannel.C0T1DEALS!.args)).toContain('texas-gulflink');
    expect(byChannel.C0T2DEALS!.token).toBe(TOKEN[T2]);
    expect(JSON.stringify(byChannel.C0T2DEALS!.args)).not.toContain('texas');
  });

  it('uninstall from T1 (app_uninstalled): token gone, T1’s pending reminders cancelled, T2 unaffected', async ({ db, fake }) => {
    // Plan (without sending) up to the next milestone, which both workspaces share.
    let next = DAY;
    for (let planned = 0; planned === 0; ) {
      const d = new Date(next + 'T00:00:00Z');
      d.setUTCDate(d.getUTCDate() + 1);
      next = d.toISOString().slice(0, 10);
      expect(next < '2026-04-24').toBe(true);
      planned = (await reconcile(db, next, null, reconcileSettings(runtime.config, runtime.logger))).milestones;
    }
    expect(await ledgerStatuses(db, T1)).toContain('pending');
    expect(await ledgerStatuses(db, T2)).toContain('pending');

    const event = {
      token: 'legacy-verification-token',
      team_id: T1,
      api_app_id: 'A0DEALCLOCK',
      event: { type: 'app_uninstalled', event_ts: '1700000100.000100' },
      type: 'event_callback',
      event_id: 'Ev0UNINSTALL1',
      event_time: 1700000100,
    };
    expect((await signedPost(base, 'event', event)).status).toBe(200);
    await expect.poll(async () => (await installationRow(db, T1))!.uninstalled_at, { timeout: 3000 }).not.toBeNull();
    const row = (await installationRow(db, T1))!;
    expect(row.bot_token_ciphertext).toBeNull();
    expect(row.bot_token_key_id).toBeNull();
    expect(await slack.installations!.tokenFor(T1)).toBeUndefined();
    expect(await ledgerStatuses(db, T1)).not.toContain('pending');
    expect((await db.query("SELECT last_error FROM reminder WHERE workspace_id = $1 AND status = 'cancelled'", [T1])).rows).toContainEqual({
      last_error: 'the app was uninstalled from the workspace',
    });

    // T2 is untouched: its installation, its pending reminder, its token on the next pass.
    expect((await installationRow(db, T2))!.uninstalled_at).toBeNull();
    expect(await ledgerStatuses(db, T2)).toContain('pending');
    const result = await runCheck(runtime, {
      date: next,
      output: process.stdout,
      poster: await posterFor(runtime.config, runtime.logger, process.stdout, runtime.db),
    });
    expect(result.sent!.failed).toBe(0);
    const posts = fake.callsTo('chat.postMessage');
    expect(posts.length).toBeGreaterThan(0);
    for (const p of posts) {
      expect(p.token).toBe(TOKEN[T2]);
      expect(p.args.channel).toBe('C0T2DEALS');
    }
    // Nothing more is planned for T1 while it is uninstalled, and its commands go unanswered.
    expect(await ledgerStatuses(db, T1)).not.toContain('pending');
    const { body, responseId } = slashCommand(fake, { teamId: T1 }, 'list');
    await signedPost(base, 'form', body);
    await slack.idle();
    expect(responsesTo(fake, responseId)).toHaveLength(0);
  });

  it('tokens_revoked for T2’s bot uninstalls T2 too', async ({ db }) => {
    const event = {
      token: 'legacy-verification-token',
      team_id: T2,
      api_app_id: 'A0DEALCLOCK',
      event: { type: 'tokens_revoked', tokens: { bot: [`U${T2}BOT`] }, event_ts: '1700000200.000100' },
      type: 'event_callback',
      event_id: 'Ev0REVOKED2',
      event_time: 1700000200,
    };
    expect((await signedPost(base, 'event', event)).status).toBe(200);
    await expect.poll(async () => (await installationRow(db, T2))!.uninstalled_at, { timeout: 3000 }).not.toBeNull();
    expect(await slack.installations!.tokenFor(T2)).toBeUndefined();
  });
});
