/**
 * Before the app takes requests in single-token mode, Slack is asked who the bot is
 * (auth.test): retried every few seconds at most while Slack cannot be reached, refused at
 * once when Slack refuses the token, and given up when the process is stopping.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.ts';
import { SlackTokenRefused, waitForSlack } from '../../../src/slack/slack-ready.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { BOT_TOKEN } from '../../helpers/slack.ts';

let fake: FakeSlack;
const lines: string[] = [];
const logger = createLogger({ level: 'info', secrets: [BOT_TOKEN], write: (l) => lines.push(l) });
beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
});
beforeEach(() => {
  fake.reset();
  lines.length = 0;
});

const options = () => ({ token: BOT_TOKEN, apiUrl: fake.apiUrl, logger, firstDelayMs: 50, maxDelayMs: 100 });

describe('waitForSlack', () => {
  it('retries a Slack that fails (500) and returns the bot’s ids once it answers, each failure logged', async () => {
    fake.failNext('auth.test', { status: 500 }, { status: 500 }, { status: 500 });
    expect(await waitForSlack(options())).toEqual({ botId: 'B0BOT', botUserId: 'U0BOT' });
    expect(fake.callsTo('auth.test')).toHaveLength(4);
    expect(lines.filter((l) => l.includes('slack: Web API not reachable yet; retrying'))).toHaveLength(3);
    expect(lines.join('\n')).not.toContain(BOT_TOKEN);
  });

  it('a token Slack refuses (invalid_auth) stops the start with a message saying so', async () => {
    fake.on('auth.test', () => ({ ok: false, error: 'invalid_auth' }));
    await expect(waitForSlack(options())).rejects.toThrow(SlackTokenRefused);
    await expect(waitForSlack(options())).rejects.toThrow('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
  });

  it('gives up (undefined) when stopped while Slack is unreachable', async () => {
    const stopping = new AbortController();
    setTimeout(() => stopping.abort(), 300);
    const started = Date.now();
    expect(await waitForSlack({ ...options(), apiUrl: 'http://127.0.0.1:1/api/', signal: stopping.signal })).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
