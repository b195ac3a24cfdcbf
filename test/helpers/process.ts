/**
 * Running `dealclock` as a real process (test/e2e): the binary, the environment a user
 * would set and nothing inherited, waiting until it serves, and signed Slack requests
 * posted to its HTTP port as Slack sends them.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from './fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET, signatureHeaders, slashCommand, type Who } from './slack.ts';

export { freePort } from './tcp-proxy.ts';

export const BIN = fileURLToPath(new URL('../../bin/dealclock.js', import.meta.url));

/**
 * Only what a user would set: no inherited Slack or database variables. The public data
 * stays off, so that the projects a test adds are the only ones.
 */
export function userEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DEALCLOCK_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    DEALCLOCK_TIMEZONE: 'Asia/Tokyo',
    DEALCLOCK_PUBLIC_DATA: 'off',
    ...extra,
  };
}

/** The variables of `start` in HTTP mode on `port`, with the Slack Web API at `apiUrl`. */
export function slackEnv(apiUrl: string, port: number): NodeJS.ProcessEnv {
  return { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, PORT: String(port) };
}

/** Waits until the process answers /healthz with 200; fails with its log if it exits first or `timeoutMs` passes. */
export async function untilServing(child: ChildProcess, port: number, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`dealclock start did not come up:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface SignedPostOptions {
  /** Signs with another secret (a forged request). */
  secret?: string;
  /** Gives up after this long (AbortSignal.timeout). */
  timeoutMs?: number;
}

/** A signed form POST to /slack/events, on a connection of its own. */
export function postSigned(port: number, body: string, options: SignedPostOptions = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close', ...signatureHeaders(body, { secret: options.secret }) },
    body,
    signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
  });
}

/** A signed `/invest <text>` from `who`, timed: the response, milliseconds to it, and where the reply will arrive. */
export async function postSlashCommand(
  port: number,
  fake: FakeSlack,
  who: Who,
  text: string,
  options: SignedPostOptions = {},
): Promise<{ res: Response; ms: number; responseId: string }> {
  const { body: fields, responseId } = slashCommand(fake, who, text);
  const started = Date.now();
  const res = await postSigned(port, new URLSearchParams(fields).toString(), options);
  return { res, ms: Date.now() - started, responseId };
}
