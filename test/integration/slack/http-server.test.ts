/**
 * The HTTP server on PORT: the address it binds (DEALCLOCK_LISTEN_HOST, loopback unless
 * told otherwise) and how long it lets a client take over a request. A client trickling
 * its headers or its body a byte at a time is cut off after the configured timeouts.
 */
import { createHmac } from 'node:crypto';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterAll, describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { loadConfig } from '../../../src/config.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { SIGNING_SECRET, slackConfig, testRuntime } from '../../helpers/slack.ts';
import { it } from '../../helpers/fixtures.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';

async function started(db: Database, fake: FakeSlack, env: Record<string, string> = {}): Promise<SlackApp> {
  const slack = createSlackApp(testRuntime(db, slackConfig(fake, env)), { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  return slack;
}

describe('listen address', () => {
  it('defaults to loopback (127.0.0.1), not every interface', async ({ db, fake }) => {
    expect(loadConfig({}, '').DEALCLOCK_LISTEN_HOST).toBe('127.0.0.1');
    const slack = await started(db, fake);
    try {
      expect((slack.server!.address() as AddressInfo).address).toBe('127.0.0.1');
    } finally {
      await slack.stop();
    }
  });

  it('binds what DEALCLOCK_LISTEN_HOST names (0.0.0.0 in a container)', async ({ db, fake }) => {
    const slack = await started(db, fake, { DEALCLOCK_LISTEN_HOST: '0.0.0.0' });
    try {
      const { address, port } = slack.server!.address() as AddressInfo;
      expect(address).toBe('0.0.0.0');
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      await slack.stop();
    }
  });

  it('refuses something that is not an address, naming the variable', () => {
    expect(() => loadConfig({ DEALCLOCK_LISTEN_HOST: 'http://0.0.0.0:3000' }, '')).toThrow(
      /^Configuration error: DEALCLOCK_LISTEN_HOST is invalid; expected an IP address/,
    );
  });
});

describe('a request no listener acknowledges', () => {
  it('gets 503 with Retry-After after Slack’s 3 seconds, not Bolt’s 404', async ({ db, fake }) => {
    const slack = await started(db, fake);
    try {
      const port = (slack.server!.address() as AddressInfo).port;
      // A command the app has no listener for: nothing acks it.
      const body = new URLSearchParams({
        command: '/not-ours',
        text: 'x',
        team_id: 'T0NOBODY',
        user_id: 'U0X',
        channel_id: 'C0X',
        response_url: `${fake.url}respond/none`,
      }).toString();
      const ts = Math.floor(Date.now() / 1000);
      const signature = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': signature,
          connection: 'close',
        },
        body,
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await slack.stop();
    }
  });
});

describe('slow clients', () => {
  const env = { DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS: '1000', DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS: '2000' };
  let slack: SlackApp;
  let port: number;
  it.beforeAll(async ({ db, fake }) => {
    slack = await started(db, fake, env);
    port = (slack.server!.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await slack?.stop();
  });

  /** Writes `head` then `trickle` one byte every 100 ms; resolves when the server ends the connection, with what it answered. */
  function trickle(head: string, trickled: string): Promise<{ ms: number; answer: string; sent: number }> {
    return new Promise((resolve) => {
      const socket: Socket = connect(port, '127.0.0.1');
      const started = Date.now();
      let answer = '';
      let sent = 0;
      let timer: NodeJS.Timeout | undefined;
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ ms: Date.now() - started, answer, sent });
      });
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= trickled.length || socket.destroyed) return;
        socket.write(trickled[sent++]!);
      }, 100);
      // Whatever happens, give up after 20 s (the server's defaults would hold it for minutes).
      setTimeout(() => socket.destroy(), 20_000).unref();
    });
  }

  it('headers trickled byte by byte: cut off (408) after DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS', async () => {
    const r = await trickle('POST /slack/events HTTP/1.1\r\nHost: dealclock\r\n', 'X-Slow: ' + 'a'.repeat(500) + '\r\n\r\n');
    expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
    // 1 s, checked every second at most.
    expect(r.ms).toBeLessThan(3_500);
    expect(r.sent).toBeLessThan(500);
  });

  it('a body trickled byte by byte: cut off (408) after DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS', async () => {
    const body = 'text=' + 'a'.repeat(995);
    const r = await trickle(
      `POST /slack/events HTTP/1.1\r\nHost: dealclock\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    );
    expect(r.answer).toMatch(/^HTTP\/1\.1 408/);
    expect(r.ms).toBeLessThan(4_500);
    expect(r.sent).toBeLessThan(body.length);
  });

  it('an ordinary request is unaffected', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  });

  it('the headers timeout may not exceed the request timeout (Node refuses it)', () => {
    expect(() => loadConfig({ DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS: '30000', DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS: '20000' }, '')).toThrow(
      /DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS is invalid; expected at most DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS/,
    );
  });
});
