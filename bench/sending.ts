/**
 * Sending: a daily digest to 200 subscribed channels through the real Slack poster
 * against a fake Slack that answers every call in 50 ms. The ideal, given Slack's pacing
 * of one message a second per channel, is one round trip (all channels at once); sending
 * one channel after another would take 200 round trips.
 */
import { createLogger } from '../src/log.ts';
import { reconcile } from '../src/reminders/reconcile.ts';
import { createSlackPoster } from '../src/slack/slack-poster.ts';
import { createSender } from '../src/reminders/sender.ts';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { BOT_TOKEN } from '../test/helpers/slack.ts';
import { benchDatabase, engines, int, ms, now, ratio, seedProjects, size, table } from './lib.ts';

const TODAY = '2026-03-02';

export async function sendingBench(): Promise<void> {
  const channels = size(200, 40);
  const latency = 50;
  const rows: (string | number)[][] = [];
  let base = 0;
  const fake = await new FakeSlack().start();
  fake.latencyMs = latency;
  const logger = createLogger({ level: 'silent' });
  for (const engine of await engines())
    for (const lat of [0, latency]) {
      const db = await benchDatabase(engine, 'dealclock_bench_sending', 20);
      const ws = 'TSEND';
      await seedProjects(db, { workspaceId: ws, count: 300, runningShare: 0.6 });
      await db.query(
        `INSERT INTO subscription (workspace_id, channel_id, frequency, weekday, deal_code, created_by)
       SELECT $1, 'CDIGEST' || g, 'daily', NULL, NULL, 'UBENCH' FROM generate_series(1, $2::int) g`,
        [ws, channels],
      );
      // Only the digests: no milestone reminders in the queue.
      await reconcile(db, TODAY, null, { reminderTime: '09:00', milestones: [], workspaceIds: [ws] });
      await db.query(`UPDATE reminder SET status = 'cancelled' WHERE kind <> 'digest'`);
      void 0;
      fake.reset();
      fake.latencyMs = lat;
      const poster = createSlackPoster({ token: BOT_TOKEN, apiUrl: fake.apiUrl, logger });
      const t0 = now();
      const result = await createSender(db, poster, logger, {}).run(TODAY);
      const wall = now() - t0;
      const posts = fake.callsTo('chat.postMessage').length;
      const serial = channels * lat;
      if (lat === 0) base = wall;
      // Slack's 50 ms is hidden when the channels go out in parallel: the wall time then
      // grows by about one round trip per claimed batch (50 rows), not one per channel.
      const added = wall - base;
      const batches = Math.ceil(channels / 50);
      rows.push([
        `${engine}, Slack ${lat} ms`,
        int(result.sent),
        int(posts),
        ms(wall),
        lat ? ms(added) : '–',
        lat ? ms(batches * lat) : '–',
        lat ? ratio(added, batches * lat) : '–',
        lat ? ms(serial) : '–',
        lat ? ratio(wall, serial) : '–',
        lat === 0 ? 'cost without Slack latency' : added <= 3 * batches * lat ? 'met (parallel)' : 'NOT met',
      ]);
      await db.close();
    }
  await fake.stop();
  table(
    `Sending: digest to ${channels} channels, fake Slack answering in ${latency} ms (ms)`,
    [
      'run',
      'sent',
      'posts',
      'wall',
      'Slack wait added (wall − wall at 0 ms)',
      'ideal added (1 round trip per 50-row batch)',
      'ratio',
      'one after another (200 × 50)',
      'wall / serial',
      'goal: in parallel',
    ],
    rows,
  );
}
