/**
 * The weekly digest carries the timeline picture: uploaded (three steps) just before the
 * post and shown by file id in the one message that carries the ledger id. Retries still
 * post once; an upload failure or a refused image sends the text digest; `picture=off`
 * turns it off.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { checkDay, FAST, ledger, run, slackPoster } from './setup.ts';

let db: Database;
let fake: FakeSlack;
beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
  await db?.close();
});
beforeEach(() => fake.reset());

const CHANNEL = 'C0PICTURE';
const MONDAY = '2026-03-02';

async function subscribed(subscribe = 'subscribe weekly'): Promise<string> {
  const ws = newWorkspaceId();
  await run(db, ws, 'add "Texas GulfLink" deal=JP');
  await run(db, ws, 'select texas notice=2026-02-17');
  await run(db, ws, 'add "Ulsan Yards" deal=KR');
  await run(db, ws, 'select ulsan notice=2026-02-20');
  const reply = await executeCommand(subscribe, testContext(db, { workspaceId: ws, channelId: CHANNEL, source: 'slack', today: MONDAY }));
  expect(reply.isError, renderText(reply)).toBeFalsy();
  return ws;
}

type Block = { type: string; slack_file?: { id: string } };
const digestPosts = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
const imagesOf = (c: { args: Record<string, unknown> }) => ((c.args.blocks ?? []) as Block[]).filter((b) => b.type === 'image');

describe(`digest picture (${engineName})`, () => {
  it('a weekly digest uploads the PNG and shows it by file id, in the one message with the ledger id', async () => {
    const ws = await subscribed();
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    const posts = digestPosts();
    expect(posts).toHaveLength(1);
    const [upload] = [...fake.uploads.values()];
    expect(upload?.completed).toBe(true);
    expect(upload!.body.includes(Buffer.from('\x89PNG', 'latin1'))).toBe(true);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(imagesOf(posts[0]!).map((b) => b.slack_file?.id)).toEqual([upload!.id]);
    expect((posts[0]!.args.metadata as { event_payload: { ledger_id: number } }).event_payload.ledger_id).toBeGreaterThan(0);
    // The text is all there too: the picture is an addition, not a replacement.
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('texas-gulflink');
    const rows = (await ledger(db, ws)).filter((r) => r.kind === 'digest');
    expect(rows.map((r) => r.status)).toEqual(['sent']);
  });

  it('a Japanese channel gets the picture in Japanese', async () => {
    const ws = await subscribed();
    const lang = await executeCommand('lang ja channel', testContext(db, { workspaceId: ws, channelId: CHANNEL, source: 'slack', today: MONDAY }));
    expect(lang.isError, renderText(lang)).toBeFalsy();
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    const [image] = imagesOf(digestPosts()[0]!) as (Block & { title?: { text: string }; alt_text?: string })[];
    expect(image?.title?.text).toBe('タイムライン');
    expect(image?.alt_text).toContain('出資期限2件');
  });

  it('posts once across a timed-out post: the retry finds the message instead of posting again', async () => {
    const ws = await subscribed();
    // Slack takes the post but the answer never arrives: the sender must look before posting again.
    // It lands 1.5 s in; the client gives up at 0.5 s; the sender reads the channel after 2.5 s.
    fake.failNext('chat.postMessage', { hangMs: 1_500 });
    const settle = { ...FAST, ambiguousSettleMs: 2_500 };
    await checkDay(db, ws, slackPoster(fake, 500), MONDAY, settle);
    await checkDay(db, ws, slackPoster(fake, 500), MONDAY, settle);
    const stored = fake.messages.get(CHANNEL) ?? [];
    expect(stored).toHaveLength(1);
    expect(digestPosts()).toHaveLength(1);
    expect(fake.callsTo('conversations.history').length).toBeGreaterThan(0);
    expect(((stored[0]!.blocks ?? []) as Block[]).some((b) => b.type === 'image')).toBe(true);
    // One upload for the one message: a retry within the pass does not upload again.
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect((await ledger(db, ws)).filter((r) => r.kind === 'digest').map((r) => r.status)).toEqual(['sent']);
  });

  it('an upload failure posts the text digest, once', async () => {
    const ws = await subscribed();
    fake.failNext('files.getUploadURLExternal', { error: 'not_allowed_token_type' });
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    const posts = digestPosts();
    expect(posts).toHaveLength(1);
    expect(imagesOf(posts[0]!)).toHaveLength(0);
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('texas-gulflink');
    expect((await ledger(db, ws)).filter((r) => r.kind === 'digest').map((r) => r.status)).toEqual(['sent']);
  });

  it('a message refused with its image goes again as text at once, and is sent', async () => {
    const ws = await subscribed();
    fake.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    const posts = digestPosts();
    expect(posts).toHaveLength(2);
    expect(imagesOf(posts[0]!)).toHaveLength(1);
    expect(imagesOf(posts[1]!)).toHaveLength(0);
    expect(fake.messages.get(CHANNEL)).toHaveLength(1);
    expect((await ledger(db, ws)).filter((r) => r.kind === 'digest').map((r) => r.status)).toEqual(['sent']);
  });

  it('`picture=off` sends the weekly digest without a picture; daily digests never carry one', async () => {
    const ws = await subscribed('subscribe weekly picture=off');
    const out = renderText(await executeCommand('subscriptions', testContext(db, { workspaceId: ws, channelId: CHANNEL, source: 'slack', today: MONDAY })));
    expect(out).toContain('without the picture');
    await checkDay(db, ws, slackPoster(fake), MONDAY);
    expect(digestPosts()).toHaveLength(1);
    expect(imagesOf(digestPosts()[0]!)).toHaveLength(0);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);

    const bad = await executeCommand(
      'subscribe weekly picture=maybe',
      testContext(db, { workspaceId: ws, channelId: CHANNEL, source: 'slack', today: MONDAY }),
    );
    expect(bad.isError).toBe(true);
    expect(renderText(bad)).toContain('`on` or `off`'.replace(/`/g, ''));

    const daily = await subscribed('subscribe daily');
    await checkDay(db, daily, slackPoster(fake), MONDAY);
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});
