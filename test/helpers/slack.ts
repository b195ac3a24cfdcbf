/**
 * Driving the real Bolt app in-process: a receiver that hands fixture payloads to
 * `app.processEvent` and records what was acked, a runtime on the test database that
 * counts queries (to prove the ack went out before any database work), and payload
 * fixtures whose response_url points at the fake Slack.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { App, Receiver } from '@slack/bolt';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database, Queryable } from '../../src/db/database.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import type { Runtime } from '../../src/runtime.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import type { HomeOptions } from '../../src/slack/home.ts';
import type { FakeSlack } from './fake-slack.ts';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-1-test-token';

/** The headers that sign a request as Slack does: an HMAC of "v0:<timestamp>:<body>" under the signing secret. */
export function signatureHeaders(body: string, options: { timestamp?: number; secret?: string } = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature =
    'v0=' +
    createHmac('sha256', options.secret ?? SIGNING_SECRET)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export interface AckRecord {
  called: boolean;
  value: unknown;
  /** Queries the handler had run when it acked. */
  queriesBeforeAck: number;
  /** Date.now() when it acked. */
  at: number;
}

export class TestReceiver implements Receiver {
  private app: App | undefined;
  constructor(private readonly counter: { count: number }) {}
  init(app: App): void {
    this.app = app;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** Delivers one payload and waits for every listener to finish. */
  async send(body: Record<string, unknown>): Promise<AckRecord> {
    const record: AckRecord = { called: false, value: undefined, queriesBeforeAck: -1, at: 0 };
    const start = this.counter.count;
    await this.app!.processEvent({
      body,
      ack: async (value?: unknown) => {
        if (record.called) throw new Error('acked twice');
        record.called = true;
        record.value = value;
        record.queriesBeforeAck = this.counter.count - start;
        record.at = Date.now();
      },
    });
    return record;
  }
}

/** The database with a query counter (transactions count their statements too). */
export function countingDatabase(db: Database): { db: Database; counter: { count: number } } {
  const counter = { count: 0 };
  const wrapQ = (q: Queryable): Queryable => ({
    query: (text, values) => {
      counter.count++;
      return q.query(text, values);
    },
  });
  const wrapped: Database = {
    get engine() {
      return db.engine;
    },
    get pool() {
      return db.pool;
    },
    query: (text, values) => {
      counter.count++;
      return db.query(text, values);
    },
    transaction: (fn) => db.transaction((tx) => fn(wrapQ(tx))),
    close: () => db.close(),
  };
  return { db: wrapped, counter };
}

export function slackConfig(fake: FakeSlack, env: Record<string, string> = {}): Config {
  return loadConfig(
    { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'silent', PORT: '0', ...env },
    '',
  );
}

export function testRuntime(db: Database, config: Config, options: { today?: string; logger?: Logger } = {}): Runtime {
  return {
    config,
    logger: options.logger ?? createLogger({ level: 'silent' }),
    db,
    today: () => options.today ?? '2026-03-02',
    // Slack tests start from an empty workspace; public data has tests of its own.
    prepareWorkspace: async () => {},
    localContext: () => Promise.reject(new Error('not used in Slack tests')),
    close: async () => {},
  };
}

export interface InProcessSlack {
  slack: SlackApp;
  receiver: TestReceiver;
  counter: { count: number };
  runtime: Runtime;
}

export function inProcessSlack(
  db: Database,
  fake: FakeSlack,
  o: { env?: Record<string, string>; today?: string; logger?: Logger; home?: HomeOptions } = {},
): InProcessSlack {
  const { db: counted, counter } = countingDatabase(db);
  const runtime = testRuntime(counted, slackConfig(fake, o.env), o);
  const receiver = new TestReceiver(counter);
  const slack = createSlackApp(runtime, { receiver, clientOptions: { retryConfig: { retries: 0 } }, ...(o.home ? { home: o.home } : {}) });
  return { slack, receiver, counter, runtime };
}

let seq = 0;
function nextId(prefix: string): string {
  seq += 1;
  return `${prefix}${randomBytes(3).toString('hex').toUpperCase()}${seq}`;
}

export interface Who {
  teamId: string;
  userId?: string;
  channelId?: string;
}

/** A slash command body as the HTTP receiver parses it from the form post. */
export function slashCommand(fake: FakeSlack, who: Who, text: string, command = '/invest') {
  const responseId = nextId('cmd');
  return {
    responseId,
    body: {
      token: 'legacy-verification-token',
      team_id: who.teamId,
      team_domain: 'acme',
      channel_id: who.channelId ?? 'C0DEALS',
      channel_name: 'deals',
      user_id: who.userId ?? 'U0ADMIN',
      user_name: 'aiko',
      command,
      text,
      api_app_id: 'A0DEALCLOCK',
      is_enterprise_install: 'false',
      response_url: fake.responseUrl(responseId),
      trigger_id: `${nextId('')}.trigger`,
    },
  };
}

export function blockAction(fake: FakeSlack, who: Who, action: { actionId: string; value: string; blockId?: string }) {
  const responseId = nextId('act');
  const userId = who.userId ?? 'U0ADMIN';
  return {
    responseId,
    body: {
      type: 'block_actions',
      user: { id: userId, username: 'aiko', name: 'aiko', team_id: who.teamId },
      api_app_id: 'A0DEALCLOCK',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: who.channelId ?? 'C0DEALS', is_ephemeral: true },
      trigger_id: `${nextId('')}.trigger`,
      team: { id: who.teamId, domain: 'acme' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: who.channelId ?? 'C0DEALS', name: 'deals' },
      response_url: fake.responseUrl(responseId),
      actions: [
        {
          action_id: action.actionId,
          block_id: action.blockId ?? 'project:1',
          text: { type: 'plain_text', text: 'button', emoji: true },
          value: action.value,
          type: 'button',
          action_ts: '1700000001.000200',
        },
      ],
    },
  };
}

type StateValue = {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_date?: string | null;
  selected_conversation?: string | null;
};

export function viewSubmission(who: Who, callbackId: string, values: Record<string, StateValue>, privateMetadata = '') {
  const userId = who.userId ?? 'U0ADMIN';
  return {
    type: 'view_submission',
    team: { id: who.teamId, domain: 'acme' },
    user: { id: userId, username: 'aiko', name: 'aiko', team_id: who.teamId },
    api_app_id: 'A0DEALCLOCK',
    token: 'legacy-verification-token',
    trigger_id: `${nextId('')}.trigger`,
    view: {
      id: nextId('V'),
      team_id: who.teamId,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values: Object.fromEntries(Object.entries(values).map(([block, v]) => [block, { value: v }])) },
      hash: '1700000000.abc',
      title: { type: 'plain_text', text: 'Add a project' },
      blocks: [],
      app_id: 'A0DEALCLOCK',
      bot_id: 'B0BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export function appHomeOpened(who: Who, tab: 'home' | 'messages' = 'home') {
  return {
    token: 'legacy-verification-token',
    team_id: who.teamId,
    api_app_id: 'A0DEALCLOCK',
    event: { type: 'app_home_opened', user: who.userId ?? 'U0ADMIN', channel: 'D0HOME', tab, event_ts: '1700000002.000300' },
    type: 'event_callback',
    event_id: nextId('Ev'),
    event_time: 1700000002,
    authorizations: [{ enterprise_id: null, team_id: who.teamId, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
  };
}

/** The response_url posts of one payload, by the id in its URL. */
export function responsesTo(fake: FakeSlack, responseId: string) {
  return fake.callsTo('response_url').filter((c) => c.path === `/respond/${responseId}`);
}
