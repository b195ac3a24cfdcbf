/**
 * Single-token mode: before the app takes requests, ask Slack who the bot is
 * (`auth.test`). Bolt would do it on its own, with the Web API client's retry schedule
 * (ten tries over about half an hour, the gaps growing to minutes); meanwhile every
 * request waited for it and got Bolt's 404 after three seconds, and after Slack came back
 * requests kept failing until the next scheduled try. Here the call is retried every few
 * seconds at most, the HTTP server answers 503 with Retry-After meanwhile, and the app is
 * built with the answer, so Bolt has nothing left to ask.
 */
import { webApi } from '@slack/bolt';
import type { Logger } from '../log.ts';

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

export interface WaitForSlackOptions {
  token: string;
  apiUrl: string;
  logger: Logger;
  signal?: AbortSignal | undefined;
  /** Test seam: the first and the longest pause between tries. */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** One try's limit. */
  timeoutMs?: number;
}

/** Slack's answers that no wait will change: the token itself is refused. */
const TOKEN_REFUSED = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type', 'invalid_token']);

export class SlackTokenRefused extends Error {
  override name = 'SlackTokenRefused';
}

/** Resolves with the bot's ids, or undefined when stopped (signal) before Slack answered. */
export async function waitForSlack(o: WaitForSlackOptions): Promise<BotIdentity | undefined> {
  const client = new webApi.WebClient(o.token, {
    slackApiUrl: o.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? 10_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  let delay = o.firstDelayMs ?? 1_000;
  const started = Date.now();
  for (let attempt = 1; !o.signal?.aborted; attempt++) {
    try {
      const r = await client.auth.test();
      if (attempt > 1) o.logger.info('slack: Web API reachable', { attempts: attempt, waitedMs: Date.now() - started });
      return { botId: r.bot_id ?? '', botUserId: r.user_id ?? '' };
    } catch (err) {
      const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
      const slackError = e.code === webApi.ErrorCode.PlatformError ? e.data?.error : undefined;
      if (slackError && TOKEN_REFUSED.has(slackError)) {
        throw new SlackTokenRefused(`Slack refused SLACK_BOT_TOKEN (${slackError}): reinstall the app or check the token`);
      }
      const retryInMs = e.code === webApi.ErrorCode.RateLimitedError && e.retryAfter ? e.retryAfter * 1000 : delay;
      o.logger.warn('slack: Web API not reachable yet; retrying', { attempt, retryInMs, waitedMs: Date.now() - started, error: e.message ?? String(err) });
      await sleep(retryInMs, o.signal);
      delay = Math.min(delay * 2, o.maxDelayMs ?? 5_000);
    }
  }
  return undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
