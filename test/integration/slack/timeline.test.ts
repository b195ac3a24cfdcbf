/**
 * `/invest timeline` in Slack: the picture goes up through the three-step upload
 * (files.getUploadURLExternal, the bytes to the URL it returned, files.completeUploadExternal)
 * and the reply shows it with an image block naming the file; when the upload fails the
 * reply is the text list.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { createSlackApp } from '../../../src/slack/app.ts';
import {
  appHomeOpened,
  inProcessSlack,
  responsesTo,
  SIGNING_SECRET,
  slackConfig,
  slashCommand,
  testRuntime,
  type InProcessSlack,
} from '../../helpers/slack.ts';

let db: Database;
let fake: FakeSlack;
let s: InProcessSlack;

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeSlack().start();
  s = inProcessSlack(db, fake);
});
afterAll(async () => {
  await fake?.stop();
  await db?.close();
});
beforeEach(() => fake.reset());

async function seed(): Promise<string> {
  const ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws, today: '2026-03-02' });
  for (const text of [
    'add "Texas GulfLink" deal=JP cost=2.1B',
    'select texas-gulflink notice=2026-02-17',
    'add "東京湾 水素" deal=JP slug=tokyo-bay-h2',
    'select tokyo-bay-h2 notice=2026-01-05',
  ]) {
    const reply = await executeCommand(text, ctx);
    expect(reply.isError, text).toBeFalsy();
  }
  return ws;
}

type Block = { type: string; slack_file?: { id?: string }; alt_text?: string; title?: { text: string } };
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/invest timeline', () => {
  it('uploads the PNG in three steps and answers ephemerally with an image block naming the file', async () => {
    const ws = await seed();
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'timeline');
    await s.receiver.send(body);

    const asked = fake.callsTo('files.getUploadURLExternal');
    expect(asked).toHaveLength(1);
    expect(String(asked[0]!.args.filename)).toMatch(/^timeline-2026-03-02\.png$/);
    const uploads = [...fake.uploads.values()];
    expect(uploads).toHaveLength(1);
    const upload = uploads[0]!;
    // The bytes reached the upload URL: a whole PNG, of the length announced in step one.
    expect(fake.callsTo('upload')).toHaveLength(1);
    expect(upload.body.indexOf(PNG_SIGNATURE)).toBeGreaterThanOrEqual(0);
    expect(upload.body.length).toBeGreaterThanOrEqual(Number(asked[0]!.args.length));
    expect(upload.completed).toBe(true);
    const completed = fake.callsTo('files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    // No channel: the file stays private to the bot until a message shows it.
    expect(completed[0]!.args.channel_id).toBeUndefined();
    expect(completed[0]!.args.channels).toBeUndefined();

    const [reply] = responsesTo(fake, responseId);
    const p = reply!.args as { response_type: string; text: string; blocks: Block[] };
    expect(p.response_type).toBe('ephemeral');
    const img = p.blocks.find((b) => b.type === 'image');
    expect(img?.slack_file?.id).toBe(upload.id);
    expect(img?.alt_text).toContain('2 running funding clocks');
    expect(p.text).toContain('2 running');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('`share` posts the picture in the channel', async () => {
    const ws = await seed();
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'timeline JP share');
    await s.receiver.send(body);
    const [reply] = responsesTo(fake, responseId);
    const p = reply!.args as { response_type: string; blocks: Block[] };
    expect(p.response_type).toBe('in_channel');
    expect(p.blocks.find((b) => b.type === 'image')?.slack_file?.id).toBe([...fake.uploads.keys()][0]);
  });

  it('an upload refused by Slack falls back to the text list, with no error', async () => {
    const ws = await seed();
    fake.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'timeline');
    await s.receiver.send(body);
    const [reply] = responsesTo(fake, responseId);
    const p = reply!.args as { response_type: string; text: string; blocks: Block[] };
    expect(p.response_type).toBe('ephemeral');
    expect(p.blocks.some((b) => b.type === 'image')).toBe(false);
    const shown = JSON.stringify(p.blocks);
    expect(shown).toContain('texas-gulflink');
    expect(shown).toContain('could not be uploaded');
    expect(shown).not.toMatch(/warning|error id/i);
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(0);
  });

  it('bytes refused at the upload URL fall back to the text list too', async () => {
    const ws = await seed();
    fake.failNext('upload', { status: 500 });
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'timeline');
    await s.receiver.send(body);
    const [reply] = responsesTo(fake, responseId);
    const p = reply!.args as { blocks: Block[] };
    expect(p.blocks.some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(p.blocks)).toContain('texas-gulflink');
  });

  it('with no running clock it says so, and uploads nothing', async () => {
    const ws = newWorkspaceId();
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'timeline');
    await s.receiver.send(body);
    const [reply] = responsesTo(fake, responseId);
    expect(JSON.stringify(reply!.args)).toContain('No clock is running');
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});

describe('the App Home', () => {
  const homeBlocks = () => (fake.callsTo('views.publish').at(-1)!.args.view as { blocks: Block[] }).blocks;

  it('shows the timeline as an image block, uploading it again only when the clocks change', async () => {
    const ws = await seed();
    await s.receiver.send(appHomeOpened({ teamId: ws }));
    const image = homeBlocks().find((b) => b.type === 'image');
    expect(image?.slack_file?.id).toBe([...fake.uploads.keys()][0]);
    expect(fake.uploads.size).toBe(1);
    // Opened again with nothing changed: the same file.
    await s.receiver.send(appHomeOpened({ teamId: ws }));
    expect(fake.uploads.size).toBe(1);
    expect(homeBlocks().find((b) => b.type === 'image')?.slack_file?.id).toBe(image!.slack_file!.id);
    // A new clock: a new picture.
    await executeCommand('add "Ohio Fab" deal=JP', testContext(db, { workspaceId: ws, today: '2026-03-02' }));
    await executeCommand('select ohio-fab notice=2026-02-27', testContext(db, { workspaceId: ws, today: '2026-03-02' }));
    await s.receiver.send(appHomeOpened({ teamId: ws }));
    expect(fake.uploads.size).toBe(2);
  });

  it('is published without the picture when the upload fails', async () => {
    const ws = await seed();
    fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    await s.receiver.send(appHomeOpened({ teamId: ws }));
    const blocks = homeBlocks();
    expect(blocks.some((b) => b.type === 'image')).toBe(false);
    expect(JSON.stringify(blocks)).toContain('texas-gulflink');
  });
});

describe('over signed HTTP', () => {
  it('`/invest timeline share` uploads the PNG and posts it in the channel', async () => {
    const ws = await seed();
    const slack = createSlackApp(testRuntime(db, slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
    await slack.start();
    try {
      const base = `http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}`;
      const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'timeline share');
      const body = new URLSearchParams(fields as Record<string, string>).toString();
      const now = Math.floor(Date.now() / 1000);
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${now}:${body}`).digest('hex')}`;
      const res = await fetch(`${base}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now), 'x-slack-signature': signature },
        body,
      });
      expect(res.status).toBe(200);
      await slack.idle();
      await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
      const p = responsesTo(fake, responseId)[0]!.args as { response_type: string; blocks: Block[] };
      expect(p.response_type).toBe('in_channel');
      const [upload] = [...fake.uploads.values()];
      expect(upload?.completed).toBe(true);
      expect(upload!.body.indexOf(PNG_SIGNATURE)).toBeGreaterThanOrEqual(0);
      expect(p.blocks.find((b) => b.type === 'image')?.slack_file?.id).toBe(upload!.id);
    } finally {
      await slack.stop();
    }
  });
});
