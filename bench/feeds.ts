/**
 * Calendar feeds: building the .ics of a workspace with 10,000 running clocks (read,
 * events, iCalendar text), and answering a poll whose ETag still matches (304) over HTTP,
 * as a calendar app does. Anchors, same run and database: the `status` command over the
 * same clocks; JSON.stringify of the same events (native code writing text of the same
 * size: what the machine does per megabyte right now); and a GET /healthz on the same
 * server (a request that does no query).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { executeCommand } from '../src/commands/router.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { feedEvents, forgetEventTexts, renderFeed, type FeedSource } from '../src/feeds/feed-calendar.ts';
import { writeIcs } from '../src/feeds/ics.ts';
import { createLogger } from '../src/log.ts';
import type { Runtime } from '../src/runtime.ts';
import { feedRoute } from '../src/slack/feed-route.ts';
import { createContext } from '../src/usecases/context.ts';
import { createFeed } from '../src/usecases/feeds.ts';
import { createRateLimiter } from '../src/feeds/rate-limit.ts';
import { benchDatabase, engines, int, ms, now, ratio, seedProjects, size, summary, table } from './lib.ts';

const logger = createLogger({ level: 'silent' });
const CLOCKS = size(10_000, 1_000);
const RUNS = size(15, 3);
const POLLS = size(300, 30);

function median(xs: number[]): number {
  return summary(xs).p50;
}

async function serve(db: Database): Promise<{ server: Server; base: string }> {
  const config = loadConfig({ LOG_LEVEL: 'silent' }, '');
  const runtime = { config, logger, db } as unknown as Runtime;
  // No limit here: the benchmark polls one token far more often than a calendar would.
  const feeds = feedRoute(runtime, createRateLimiter({ burst: 1e9, refillMs: 1, maxKeys: 10 }));
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    feeds.handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number; status: number; etag: string | null }> {
  const t = now();
  const res = await fetch(url, { headers });
  await res.arrayBuffer();
  return { ms: now() - t, status: res.status, etag: res.headers.get('etag') };
}

export async function feedsBench(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const engine of await engines()) {
    const db = await benchDatabase(engine, 'bench_feeds');
    const workspaceId = `TFEEDS${engine}`;
    await seedProjects(db, { workspaceId, count: CLOCKS, runningShare: 1 });
    const ctx = createContext({
      db,
      workspaceId,
      actor: { userId: 'bench', source: 'cli', isAdmin: true },
      today: '2026-03-02',
      commandName: '/invest',
      logger,
    });
    const { token } = await createFeed(ctx, { dealCode: null, channelId: null, milestones: false });
    const source: FeedSource = { workspaceId, dealCode: null, channelId: null, milestones: false, locale: 'en' };
    const settings = { slackWebUrl: 'https://slack.com', commandName: '/invest', logger };
    const withMilestones = { ...source, milestones: true };

    const projects = await ctx.store.feeds.projects(source, new Date(Date.now() - 30 * 86_400_000));
    const [deals, registry] = [await ctx.deals(), await ctx.calendars()];
    const samples: Record<string, number[]> = { cold: [], render: [], pure: [], json: [], milestones: [], status: [], poll304: [], get200: [], healthz: [] };
    let bytes = 0;
    let events = 0;
    for (let i = 0; i < RUNS; i++) {
      forgetEventTexts();
      let t = now();
      await renderFeed(db, source, settings, new Date());
      samples.cold!.push(now() - t);
      t = now();
      const text = await renderFeed(db, source, settings, new Date());
      samples.render!.push(now() - t);
      bytes = Buffer.byteLength(text);
      t = now();
      const evs = feedEvents(projects, deals, registry, source, settings);
      writeIcs({ name: 'bench', description: 'bench', refreshMinutes: 60, events: evs });
      samples.pure!.push(now() - t);
      t = now();
      JSON.stringify(evs);
      samples.json!.push(now() - t);
      t = now();
      events = (await renderFeed(db, withMilestones, settings, new Date())).split('BEGIN:VEVENT').length - 1;
      samples.milestones!.push(now() - t);
      t = now();
      await executeCommand('status', ctx);
      samples.status!.push(now() - t);
    }

    const { server, base } = await serve(db);
    const url = `${base}/feeds/${token}.ics`;
    const first = await timedGet(url);
    if (first.status !== 200 || !first.etag) throw new Error(`feed answered ${first.status}`);
    for (let i = 0; i < RUNS; i++) samples.get200!.push((await timedGet(url)).ms);
    for (let i = 0; i < POLLS; i++) {
      const r = await timedGet(url, { 'if-none-match': first.etag });
      if (r.status !== 304) throw new Error(`conditional poll answered ${r.status}`);
      samples.poll304!.push(r.ms);
      samples.healthz!.push((await timedGet(`${base}/healthz`)).ms);
    }
    await new Promise((resolve) => server.close(resolve));

    const status = median(samples.status!);
    const healthz = median(samples.healthz!);
    const n = int(projects.length);
    rows.push(
      [
        engine,
        `build the feed of ${n} running clocks (read + events + text, ${(bytes / 1048576).toFixed(1)} MB), events kept from the build before`,
        ms(median(samples.render!)),
        ratio(median(samples.render!), status),
      ],
      [engine, '  the same, cold: every event written afresh', ms(median(samples.cold!)), ratio(median(samples.cold!), status)],
      [engine, '  of which events + iCalendar text (no database)', ms(median(samples.pure!)), ratio(median(samples.pure!), status)],
      [engine, `  with milestones (${int(events)} events)`, ms(median(samples.milestones!)), ratio(median(samples.milestones!), status)],
      [engine, 'GET the feed over HTTP, 200 (token, version, build, send)', ms(median(samples.get200!)), ratio(median(samples.get200!), status)],
      [
        engine,
        `GET with a matching If-None-Match: 304, p50 (p99 ${ms(summary(samples.poll304!).p99)})`,
        ms(median(samples.poll304!)),
        ratio(median(samples.poll304!), status),
      ],
      [engine, `anchor: \`status\` over the same ${n} clocks`, ms(status), '1.00×'],
      [engine, `anchor: JSON.stringify of the same ${n} events`, ms(median(samples.json!)), ratio(median(samples.json!), status)],
      [engine, `anchor: GET /healthz on the same server, p50 (p99 ${ms(summary(samples.healthz!).p99)})`, ms(healthz), ratio(healthz, status)],
    );
    await db.close();
  }
  table(`Calendar feeds (median of ${RUNS} builds, ${POLLS} polls; ms)`, ['engine', 'step', 'ms', 'vs status'], rows);
}

if (process.argv[1]?.endsWith('feeds.ts')) await feedsBench();
