/**
 * Slash-command latency over signed HTTP: the real bot (createSlackApp in HTTP mode on
 * port 0, fake Slack for the Web API and response_url) against a bare Bolt app with no
 * database answering the same signed request, measured back to back in the same run.
 * Latency = from the first byte of the request written to the HTTP response (the ack)
 * fully read. The time to the response_url post (the visible reply) is reported too.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createSlackApp } from '../src/slack/app.ts';
import { BOT_TOKEN, SIGNING_SECRET, slackConfig, testRuntime } from '../test/helpers/slack.ts';
import { loadWorker } from './load-client.ts';
import { benchDatabase, engines, mb, ms, note, now, ratio, seedProjects, size, summary, table } from './lib.ts';

const TODAY = '2026-03-02';
const PAUSE_MS = 5;

async function bareBolt(apiUrl: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', port: 0, logLevel: LogLevel.ERROR });
  const app = new App({ receiver, token: BOT_TOKEN, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/invest', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  return { port: (server.address() as AddressInfo).port, stop: () => app.stop() as Promise<void> };
}

export async function latencyBench(): Promise<void> {
  const load = await loadWorker();
  // slackConfig only reads `apiUrl` from the fake.
  const fake = { apiUrl: load.apiUrl } as Parameters<typeof slackConfig>[0];
  const bare = await bareBolt(load.apiUrl);
  const sizes = [size(1_000, 1_000), size(100_000, 10_000)];
  const commands = ['show project-77', 'status', 'list deal=JP'];
  const plan = [
    { concurrency: 1, total: size(150, 30) },
    { concurrency: 20, total: size(400, 80) },
  ];
  const rows: (string | number)[][] = [];
  const pausedRows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const engine of await engines()) {
    const db = await benchDatabase(engine, 'dealclock_bench_latency', 20);
    const runtime = testRuntime(db, slackConfig(fake), { today: TODAY });
    const slack = createSlackApp(runtime, { clientOptions: { retryConfig: { retries: 0 } } });
    await slack.start();
    const port = (slack.server!.address() as AddressInfo).port;
    let seeded = 0;
    for (const n of sizes) {
      const teamId = `TBENCH${n}`;
      const t0 = now();
      await seedProjects(db, { workspaceId: teamId, count: n, runningShare: 0.6 });
      seeded += n;
      note(`  [latency] ${engine}: seeded ${n} projects in ${ms(now() - t0)} ms (database now holds ${seeded})`);
      for (const text of commands) {
        // Warm both apps (JIT, connections, plan cache).
        await load.drive(bare.port, teamId, text, 10, 2, false);
        await load.drive(port, teamId, text, 10, 2, true);
        for (const { concurrency, total } of plan) {
          const anchor = summary((await load.drive(bare.port, teamId, text, total, concurrency, false)).ack);
          const run = await load.drive(port, teamId, text, total, concurrency, true);
          const s = summary(run.ack);
          const r = summary(run.reply);
          const ok = s.p50 <= 1.5 * anchor.p50 && s.p99 < 100;
          rows.push([
            engine,
            n.toLocaleString('en-US'),
            text,
            concurrency,
            s.n,
            ms(anchor.p50),
            ms(s.p50),
            ratio(s.p50, anchor.p50),
            ms(anchor.p99),
            ms(s.p99),
            ratio(s.p99, anchor.p99),
            ms(r.p50),
            ms(r.p99),
            ok ? 'met' : 'NOT met',
          ]);
          if (n === sizes[1] && !ok) verdicts.push(`${engine} ${text} c=${concurrency}`);
          if (concurrency === 1) {
            // The same user with a short pause after each reply: the bot has then finished the
            // previous command (the response_url round trip) when the next one arrives.
            const pausedAnchor = summary((await load.drive(bare.port, teamId, text, total, 1, false, PAUSE_MS)).ack);
            const paused = summary((await load.drive(port, teamId, text, total, 1, true, PAUSE_MS)).ack);
            pausedRows.push([
              engine,
              n.toLocaleString('en-US'),
              text,
              paused.n,
              ms(pausedAnchor.p50),
              ms(paused.p50),
              ratio(paused.p50, pausedAnchor.p50),
              ms(pausedAnchor.p99),
              ms(paused.p99),
            ]);
          }
        }
      }
    }
    await slack.stop();
    await db.close();
    note(`  [latency] ${engine}: process RSS after ${seeded} projects: ${mb(process.memoryUsage().rss)}`);
  }
  await bare.stop();
  await load.stop();
  table(
    'Slash command latency over signed HTTP (ms; ack = HTTP response; reply = response_url post received; concurrency = commands in progress)',
    [
      'engine',
      'projects',
      'command',
      'conc',
      'n',
      'bare p50',
      'bot p50',
      'p50 ratio',
      'bare p99',
      'bot p99',
      'p99 ratio',
      'reply p50',
      'reply p99',
      'goal (p50 ≤ 1.5× bare, p99 < 100 ms)',
    ],
    rows,
  );
  table(
    `Concurrency 1 with a ${PAUSE_MS} ms pause after each reply (bare: after each ack) before the next command (ms)`,
    ['engine', 'projects', 'command', 'n', 'bare p50', 'bot p50', 'p50 ratio', 'bare p99', 'bot p99'],
    pausedRows,
  );
  note(
    verdicts.length
      ? `Latency goal NOT met at the large size for: ${verdicts.join('; ')}`
      : 'Latency goal met at the large size for every command and concurrency.',
  );
}
