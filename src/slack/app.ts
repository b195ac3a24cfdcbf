/**
 * The Slack surface: one Bolt app built from configuration. Socket Mode when an app token
 * is set (no public URL needed), else HTTP with request signing at /slack/events. Every
 * Web API call, the Socket Mode handshake included, goes to SLACK_API_URL, so the same
 * build runs on slack.com, on GovSlack and against a local fake.
 *
 * Two ways to hold tokens. Single-token mode: SLACK_BOT_TOKEN, one workspace. OAuth mode
 * (SLACK_CLIENT_ID/SECRET/STATE_SECRET): any number of workspaces install the app at
 * /slack/install, Bolt's installer stores each installation in Postgres (token encrypted)
 * and authorizes every request with the token of the workspace it came from. Bolt refuses
 * a token together with OAuth, and so does the configuration.
 *
 * Handlers live one per surface (command, actions, modal, home); each acks first and
 * keeps nothing in memory between requests, so any number of replicas can serve.
 */
import type { Server, ServerResponse } from 'node:http';
import { guardHttpReceiver } from './signature-guard.ts';
import { App, HTTPReceiver, SocketModeReceiver, type HTTPReceiverOptions, type Receiver, type webApi } from '@slack/bolt';
import { isOAuthMode, oauthAuthorizeUrl } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import { registerActions } from './actions.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerCommand } from './command.ts';
import { createCommandQueue } from './command-queue.ts';
import { registerHome, type HomeOptions } from './home.ts';
import { createInstallationStore, type Installations } from './installation-store.ts';
import { registerModal } from './modal.ts';
import { prometheusEndpoint } from './prometheus.ts';
import { BOT_SCOPES } from './scopes.ts';
import { TokenCipher } from './token-cipher.ts';
import { registerUninstall } from './uninstall.ts';
import type { ShutdownReport, WorkQueue } from './work-queue.ts';

// Slack's own payloads are a few kB; a modal submission with every field is under 50 kB.
// The cap stops a large unsigned body from being buffered before the signature is checked.
export const BODY_LIMIT = '512kb';

export interface SlackAppOptions {
  /** A receiver of the caller's (tests drive the app through `app.processEvent`). */
  receiver?: Receiver;
  /** Extra Web API client options (tests turn retries off). */
  clientOptions?: Partial<webApi.WebClientOptions>;
  home?: HomeOptions;
  /** OAuth mode: the installation store (default: Postgres, tokens sealed with DEALCLOCK_ENCRYPTION_KEY). */
  installations?: Installations;
}

export interface SlackApp {
  app: App;
  client: webApi.WebClient;
  mode: 'socket' | 'http' | 'custom';
  /** OAuth mode only. */
  installations: Installations | undefined;
  start(): Promise<void>;
  /**
   * Stops taking requests, lets queued and running work finish for up to
   * DEALCLOCK_SHUTDOWN_DRAIN_SECONDS, tells the queued rest it was not run, and reports.
   */
  stop(): Promise<ShutdownReport>;
  /** The post-ack queue (work-queue.ts). */
  queue: WorkQueue;
  /**
   * Resolves once every request taken so far has finished, its work after the ack included.
   * A request that was refused before any listener ran (bad signature, unknown workspace)
   * leaves nothing to wait for.
   */
  idle(): Promise<void>;
  /** The HTTP server once started in HTTP mode. */
  readonly server: Server | undefined;
}

/**
 * Commands and button clicks whose post-ack work runs at once; the rest wait their turn.
 * Two keep the database busy while this thread renders; more only compete with the acks
 * for this one thread (and, on a small machine, with Postgres for the cores). Measured on
 * 2 cores with 20 commands in flight: 4 at a time gave acks a p50 of 9-24 ms on a Postgres
 * server, 2 at a time 1.6-3.8 ms, with replies no slower (BENCHMARKS.md).
 */
export const AFTER_ACK_CONCURRENCY = 2;

export function createSlackApp(runtime: Runtime, options: SlackAppOptions = {}): SlackApp {
  const { config } = runtime;
  const oauth = isOAuthMode(config);
  if (!oauth && !config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is not set (nor SLACK_CLIENT_ID for OAuth mode)');
  const logger = boltLogger(runtime.logger.child({ component: 'slack' }), config.LOG_LEVEL);
  const clientOptions: webApi.WebClientOptions = { slackApiUrl: config.SLACK_API_URL, ...options.clientOptions };
  const customRoutes = [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: unknown, res: ServerResponse) => void healthz(runtime, res),
    },
  ];
  // Work after an ack (queries, rendering, the reply) runs a few at a time: every request's
  // signature check and ack share this thread with it, and under a burst an ack queued
  // behind twenty commands' rendering would be late, while one behind a few is not. The
  // queue is bounded by count and age, and users take turns (work-queue.ts).
  const queue = createCommandQueue(runtime, AFTER_ACK_CONCURRENCY);
  // Served next to /healthz: on PORT in HTTP mode and in Socket Mode alike.
  const metricsEndpoint = config.DEALCLOCK_METRICS ? prometheusEndpoint(runtime, queue) : undefined;
  if (metricsEndpoint) customRoutes.push(metricsEndpoint.route);

  let installations: Installations | undefined;
  let oauthOptions: { clientId: string; clientSecret: string; stateSecret: string; scopes: string[]; installationStore: Installations } | undefined;
  let installerOptions: NonNullable<HTTPReceiverOptions['installerOptions']> = {};
  if (oauth) {
    const cipher = TokenCipher.fromConfig(config);
    // The configuration refuses this already; a caller building Config by hand must not
    // end up storing tokens in the clear.
    if (!cipher) throw new Error('DEALCLOCK_ENCRYPTION_KEY is not set: OAuth mode stores tokens encrypted with it');
    installations = options.installations ?? createInstallationStore(runtime.db, cipher, runtime.logger);
    oauthOptions = {
      clientId: config.SLACK_CLIENT_ID!,
      clientSecret: config.SLACK_CLIENT_SECRET!,
      stateSecret: config.SLACK_STATE_SECRET!,
      scopes: [...BOT_SCOPES],
      installationStore: installations,
    };
    installerOptions = {
      // GovSlack and test fakes authorize elsewhere than slack.com.
      authorizationUrl: oauthAuthorizeUrl(config),
      // oauth.v2.access (the code exchange) and auth.test go to SLACK_API_URL too.
      clientOptions,
      // /slack/install sends the browser straight to Slack's consent screen.
      directInstall: true,
    };
  }

  let mode: SlackApp['mode'];
  let receiver: Receiver;
  if (options.receiver) {
    mode = 'custom';
    receiver = options.receiver;
  } else if (config.SLACK_APP_TOKEN) {
    mode = 'socket';
    receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger,
      customRoutes,
      ...oauthOptions,
      // The Socket Mode client opens its connection with apps.connections.open; it takes
      // its Web API options from here, not from the app's clientOptions. PORT serves
      // /healthz (and, in OAuth mode, the install pages).
      installerOptions: { ...installerOptions, port: config.PORT, clientOptions },
    });
  } else {
    mode = 'http';
    if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is not set');
    // Bolt refuses stale timestamps only; the guard also refuses far-future ones.
    receiver = guardHttpReceiver(new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET,
      endpoints: '/slack/events',
      port: config.PORT,
      customRoutes,
      logger,
      bodyLimit: BODY_LIMIT,
      // Signature verification stays on: it is what makes a request Slack's.
      signatureVerification: true,
      ...oauthOptions,
      installerOptions,
    }), { onRefused: (reason) => runtime.logger.warn('slack: request refused', { reason }) });
  }

  // OAuth: Bolt's installer authorizes each request from the store; a custom receiver has
  // no installer, so it gets the store's own authorize. Never a token next to OAuth.
  const auth = !installations ? { token: config.SLACK_BOT_TOKEN! } : mode === 'custom' ? { authorize: installations.authorize } : {};
  // No conversation store: nothing here keeps per-conversation state, and Bolt's default
  // in-memory one runs on every request before the listeners (a miss builds an Error).
  const app = new App({ receiver, ...auth, logger, clientOptions, convoStore: false });
  app.error(async (error) => {
    runtime.logger.error('slack listener failed', { error });
  });
  // Every listener runs inside this middleware, past its ack too, so shutdown can wait for
  // the work Slack already handed us (a reply, a stage change) before the database closes.
  const inFlight = new Set<Promise<unknown>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  registerCommand(app, runtime, { home: options.home, queue });
  registerActions(app, runtime, { home: options.home, queue });
  registerModal(app, runtime, options.home);
  registerHome(app, runtime, options.home);
  registerUninstall(app, runtime, installations);

  let server: Server | undefined;
  return {
    app,
    client: app.client,
    mode,
    installations,
    queue,
    async start() {
      // Counting starts before the first request can arrive.
      await metricsEndpoint?.ready;
      if (mode === 'http') {
        server = (await app.start(config.PORT)) as Server;
        const address = server.address();
        runtime.logger.info('slack: serving HTTP', {
          port: typeof address === 'object' && address ? address.port : config.PORT,
          endpoint: '/slack/events',
          ...(installations ? { install: '/slack/install' } : {}),
        });
      } else {
        await app.start();
        runtime.logger.info(mode === 'socket' ? 'slack: connected over Socket Mode' : 'slack: started');
      }
    },
    async stop() {
      // Stop taking requests first, then let those in flight finish (bounded), then tell
      // the queued rest they were not run.
      await app.stop();
      server = undefined;
      const deadline = Date.now() + config.DEALCLOCK_SHUTDOWN_DRAIN_SECONDS * 1000;
      const report = await queue.shutdown(deadline);
      const drained = Promise.allSettled([...inFlight]);
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now())).unref())]);
      return { ...report, unfinished: queue.stats().running };
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    get server() {
      return server;
    },
  };
}

async function healthz(runtime: Runtime, res: ServerResponse): Promise<void> {
  let status = 200;
  let body: Record<string, unknown> = { ok: true, database: 'up' };
  try {
    await runtime.db.query('select 1');
  } catch (error) {
    runtime.logger.warn('healthz: database unreachable', { error });
    status = 503;
    body = { ok: false, database: 'down' };
  }
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
