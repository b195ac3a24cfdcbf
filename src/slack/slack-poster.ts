/**
 * Reminders posted to Slack through the Web API. A module of its own so that the Web API
 * client (a few hundred milliseconds to load) is loaded only when Slack is configured.
 */
import { ErrorCode, LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import type { Logger } from '../log.ts';
import { PostError, REMINDER_EVENT_TYPE, type MessagePoster } from '../reminders/poster.ts';

// Slack answers these with ok:false when it, not the request, is at fault.
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'team_added_to_org']);

export function classifySlackError(err: unknown, ambiguousIfUnsure: boolean): PostError {
  const e = err as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string };
  const message = e?.message ?? String(err);
  switch (e?.code) {
    case ErrorCode.RateLimitedError:
      return new PostError(message, 'rate_limited', false, Math.max(1, e.retryAfter ?? 1) * 1000);
    case ErrorCode.HTTPError: {
      const status = e.statusCode ?? 0;
      if (status >= 500 || status === 408) return new PostError(`HTTP ${status}`, 'transient', ambiguousIfUnsure);
      return new PostError(`HTTP ${status}`, 'permanent', false);
    }
    case ErrorCode.PlatformError: {
      const code = e.data?.error ?? 'unknown_error';
      if (code === 'ratelimited') return new PostError(code, 'rate_limited', false, 1000);
      if (TRANSIENT_PLATFORM_ERRORS.has(code)) return new PostError(code, 'transient', ambiguousIfUnsure);
      return new PostError(code, 'permanent', false);
    }
    default:
      // A timeout, a reset connection, DNS: the request may or may not have reached Slack.
      return new PostError(message, 'transient', ambiguousIfUnsure);
  }
}

export interface SlackPosterOptions {
  /** One bot token for every workspace (single-token mode). */
  token?: string;
  /**
   * The workspace's bot token (OAuth mode: its installation's); undefined when the app is
   * not installed there, which fails the post for good rather than retrying it.
   */
  tokenFor?: (workspaceId: string) => Promise<string | undefined>;
  apiUrl: string;
  logger: Logger;
  /** Per request; a post that takes longer is treated as "may have been posted". */
  timeoutMs?: number;
  /** How many pages of channel history a lookup reads (200 messages each). */
  historyPages?: number;
}

export function createSlackPoster(o: SlackPosterOptions): MessagePoster {
  if (!o.token && !o.tokenFor) throw new Error('createSlackPoster needs a token or tokenFor');
  const newClient = (token: string) =>
    new WebClient(token, {
      slackApiUrl: o.apiUrl,
      // Retries are the sender's: it must look for an ambiguous post before repeating it,
      // which the client's own retry would not do.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: o.timeoutMs ?? 10_000,
      logger: slackLogger(o.logger),
    });
  const single = o.token ? newClient(o.token) : undefined;
  // One client per token: a reinstall brings a new token, and so a new client.
  const clients = new Map<string, WebClient>();

  async function clientFor(workspaceId: string | undefined): Promise<WebClient> {
    if (single) return single;
    if (!workspaceId) throw new PostError('no workspace given, and there is one bot token per workspace', 'permanent', false);
    let token: string | undefined;
    try {
      token = await o.tokenFor!(workspaceId);
    } catch (err) {
      // The database is down, or the token does not decrypt (a key missing after rotation).
      throw new PostError(`the bot token of workspace ${workspaceId} is unavailable: ${(err as Error)?.message ?? String(err)}`, 'transient', false);
    }
    if (!token) throw new PostError(`dealclock is not installed in workspace ${workspaceId} (no active installation)`, 'permanent', false);
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= 1000) clients.clear();
      client = newClient(token);
      clients.set(token, client);
    }
    return client;
  }

  return {
    name: 'slack',
    async post(channel, message, metadata, workspaceId) {
      const client = await clientFor(workspaceId);
      try {
        const res = await client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(metadata ? { metadata } : {}),
        });
        if (!res.ts) throw new PostError('Slack returned no ts', 'transient', true);
        return { ts: res.ts };
      } catch (err) {
        if (err instanceof PostError) throw err;
        throw classifySlackError(err, true);
      }
    },
    async uploadPicture(picture, workspaceId) {
      const client = await clientFor(workspaceId);
      const res = await client.filesUploadV2({ file: picture.png, filename: picture.filename, title: picture.title, alt_text: picture.altText });
      const completed = (res.files ?? []) as { files?: { id?: string }[] }[];
      const id = completed[0]?.files?.[0]?.id;
      if (!id) throw new Error('Slack completed the upload without a file id');
      return id;
    },
    async findPosted(channel, ledgerId, since, workspaceId) {
      const client = await clientFor(workspaceId);
      // A reminder cannot be older than its ledger row; a minute's margin covers clock skew.
      const oldest = String(Math.floor(since.getTime() / 1000) - 60);
      let cursor: string | undefined;
      for (let page = 0; page < (o.historyPages ?? 5); page++) {
        let res: Awaited<ReturnType<typeof client.conversations.history>>;
        try {
          res = await client.conversations.history({ channel, oldest, limit: 200, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
        } catch (err) {
          throw classifySlackError(err, false);
        }
        for (const m of res.messages ?? []) {
          const meta = (m as { metadata?: { event_type?: string; event_payload?: Record<string, unknown> } }).metadata;
          if (meta?.event_type === REMINDER_EVENT_TYPE && String(meta.event_payload?.ledger_id) === String(ledgerId) && m.ts) return m.ts;
        }
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!res.has_more || !cursor) return undefined;
      }
      return undefined;
    },
  };
}

/** The Web API client's logger: its lines go to ours at debug level, whatever level it asks for. */
function slackLogger(logger: Logger): SlackLogger {
  // The client's own messages are detail: the sender logs what matters once, with context.
  const log = (...args: unknown[]) => logger.debug('slack web api', { detail: args.map(String).join(' ') });
  return {
    debug: log,
    info: log,
    warn: log,
    error: log,
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
