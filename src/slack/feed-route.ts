/**
 * GET /feeds/<token>.ics: a calendar feed, served by the HTTP server on PORT beside
 * /healthz and /slack/events (in Socket Mode too: calendars need a URL to poll).
 *
 * - A malformed, unknown or revoked token gets the same 404, byte for byte: the answer
 *   says nothing about which tokens exist or existed.
 * - Each token has a bucket of requests (feeds/rate-limit.ts): past it, 429.
 * - `If-None-Match` with the current ETag gets 304 from one aggregate query, without
 *   building the calendar; calendar apps that send it poll for almost nothing.
 * - The token is never logged; the feed's number is.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { slackWebUrl } from '../config.ts';
import { localeFrom } from '../core/locale.ts';
import { feedVersionTag, renderFeed, type FeedSettings, type FeedSource } from '../feeds/feed-calendar.ts';
import { createRateLimiter, type RateLimiter } from '../feeds/rate-limit.ts';
import type { Runtime } from '../runtime.ts';
import { feedForToken } from '../usecases/feeds.ts';
import { FEED_PATH_PREFIX } from './http-front.ts';

const FEED_PATH = /^\/feeds\/([^/]{1,200})\.ics$/;

/** Per token: 20 requests at once, then one every 10 seconds (docs/feeds.md). */
export const FEED_RATE = { burst: 20, refillMs: 10_000, maxKeys: 10_000 } as const;

export interface FeedRoute {
  matches(path: string): boolean;
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export function feedRoute(runtime: Runtime, limiter: RateLimiter = createRateLimiter(FEED_RATE)): FeedRoute {
  const logger = runtime.logger.child({ component: 'feeds' });
  const settings: FeedSettings = { slackWebUrl: slackWebUrl(runtime.config), commandName: runtime.config.DEALCLOCK_COMMAND, logger };
  return {
    matches: (path) => path.startsWith(FEED_PATH_PREFIX),
    handler(req, res) {
      serve(req, res).catch((error: unknown) => {
        logger.error('feeds: request failed', { error });
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' });
        res.end();
      });
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' });
      res.end();
      return;
    }
    const token = FEED_PATH.exec((req.url ?? '').split('?')[0]!)?.[1];
    if (!token) return notFound(res);
    if (!limiter.take(token)) {
      res.writeHead(429, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': String(Math.max(1, limiter.retryAfterSeconds(token))) });
      res.end('Too many requests for this feed; try again later.\n');
      return;
    }
    const feed = await feedForToken(runtime.db, token);
    if (!feed) return notFound(res);
    const source: FeedSource = {
      workspaceId: feed.workspaceId,
      dealCode: feed.dealCode,
      channelId: feed.channelId,
      milestones: feed.milestones,
      locale: localeFrom(feed.locale) ?? runtime.config.DEALCLOCK_LOCALE,
    };
    const now = new Date();
    const tag = await feedVersionTag(runtime.db, source, settings, now);
    const headers: Record<string, string> = {
      etag: tag.etag,
      // Every poll asks again; with the ETag an unchanged feed costs a 304.
      'cache-control': 'private, no-cache',
      'referrer-policy': 'no-referrer',
      'x-robots-tag': 'noindex',
    };
    if (tag.lastModified) headers['last-modified'] = tag.lastModified.toUTCString();
    if (matchesEtag(req.headers['if-none-match'], tag.etag)) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    const body = await renderFeed(runtime.db, source, settings, now);
    logger.debug('feeds: served', { feed: feed.id, workspace: feed.workspaceId, bytes: body.length });
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': 'inline; filename="dealclock.ics"',
      'content-length': String(Buffer.byteLength(body, 'utf8')),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}

/** `If-None-Match: "a", W/"b"` or `*` (RFC 9110 §13.1.2: weak comparison). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** One answer for every token that does not name a working feed. */
function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found\n');
}
