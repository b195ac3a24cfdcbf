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
import type { RequestListener, Server } from 'node:http';
import { guardHttpReceiver } from './signature-guard.ts';
import { App, HTTPReceiver, SocketModeReceiver, type HTTPReceiverOptions, type Receiver, type webApi } from '@slack/bolt';
import { isOAuthMode, oauthAuthorizeUrl } from '../config.ts';
import type { Runtime } from '../runtime.ts';
import { registerActions } from './actions.ts';
import { boltLogger } from './bolt-logger.ts';
import { feedRoute, type FeedRoute } from './feed-route.ts';
import { registerCommand } from './command.ts';
import { createCommandQueue } from './command-queue.ts';
import { registerHome, type HomeOptions } from './home.ts';
import { createHttpFront, httpFrontOptions, RETRY_AFTER_SECONDS, type HttpFront } from './http-front.ts';
import { createInstallationStore, type Installations } from './installation-store.ts';
import { registerModal } from './modal.ts';
import { createStateStore } from './oauth-state.ts';
import { createReplayGuard, signedRequestProperties } from './replay-guard.ts';
import type { BotIdentity } from './slack-ready.ts';
import { prometheusEndpoint, type MetricsEndpoint } from './prometheus.ts';
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
  /**
   * The HTTP server on PORT, already listening and answering 503 while the app was being
   * built (runSlack). Without it, start() makes and starts one.
   */
  front?: HttpFront;
  /** Single-token mode: the bot's ids from auth.test (waitForSlack), so Bolt does not ask again. */
  botIdentity?: BotIdentity;
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
  /** The HTTP server on PORT (/healthz; /slack/events in HTTP mode) once started. */
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
  // Work after an ack (queries, rendering, the reply) runs a few at a time: every request's
  // signature check and ack share this thread with it, and under a burst an ack queued
  // behind twenty commands' rendering would be late, while one behind a few is not. The
  // queue is bounded by count and age, and users take turns (work-queue.ts).
  const queue = createCommandQueue(runtime, AFTER_ACK_CONCURRENCY);
  // Served beside /healthz by the HTTP server on PORT: in HTTP mode and in Socket Mode alike.
  const metricsEndpoint = config.DEALCLOCK_METRICS ? prometheusEndpoint(runtime, queue) : undefined;
  let installations: Installations | undefined;
  let oauthOptions: { clientId: string; clientSecret: string; scopes: string[]; installationStore: Installations } | undefined;
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
      scopes: [...BOT_SCOPES],
      installationStore: installations,
    };
    installerOptions = {
      // Single-use states in the database (Bolt's own store accepts one again until it expires).
      stateStore: createStateStore(runtime.db, config.SLACK_STATE_SECRET!),
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
  // What the HTTP server hands to Bolt once the app is ready (none: /healthz only).
  let boltListener: RequestListener | undefined;
  if (options.receiver) {
    mode = 'custom';
    receiver = options.receiver;
  } else if (config.SLACK_APP_TOKEN) {
    mode = 'socket';
    const socket = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger,
      ...oauthOptions,
      // The Socket Mode client opens its connection with apps.connections.open; it takes
      // its Web API options from here, not from the app's clientOptions.
      installerOptions: { ...installerOptions, port: config.PORT, clientOptions },
    });
    boltListener = takeInstallPages(socket);
    receiver = socket;
  } else {
    mode = 'http';
    if (!config.SLACK_SIGNING_SECRET) throw new Error('SLACK_SIGNING_SECRET is not set');
    // Bolt refuses stale timestamps only; the guard also refuses far-future ones.
    const http = guardHttpReceiver(
      new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET,
        endpoints: '/slack/events',
        logger,
        bodyLimit: BODY_LIMIT,
        // Signature verification stays on: it is what makes a request Slack's.
        signatureVerification: true,
        // The signature reaches the listeners, which refuse a replayed copy (replay-guard.ts).
        customPropertiesExtractor: signedRequestProperties,
        // A request no listener acknowledged in time (the database slow to authorize it, in
        // OAuth mode) is a service problem, not a missing route: 503, never Bolt's 404.
        unhandledRequestHandler: ({ logger: log, response }) => {
          log.error('slack: a request was not acknowledged within 3 seconds');
          if (response.headersSent) return;
          response.writeHead(503, { 'retry-after': String(RETRY_AFTER_SECONDS) });
          response.end();
        },
        ...oauthOptions,
        installerOptions,
      }),
      { onRefused: (reason) => runtime.logger.warn('slack: request refused', { reason }) },
    );
    boltListener = http.requestListener;
    receiver = http;
  }

  // OAuth: Bolt's installer authorizes each request from the store; a custom receiver has
  // no installer, so it gets the store's own authorize. Never a token next to OAuth.
  const auth = !installations ? { token: config.SLACK_BOT_TOKEN! } : mode === 'custom' ? { authorize: installations.authorize } : {};
  // No conversation store: nothing here keeps per-conversation state, and Bolt's default
  // in-memory one runs on every request before the listeners (a miss builds an Error).
  // With the bot's ids known (waitForSlack asked Slack before the app was built), Bolt
  // skips its own auth.test and its half-hour retry schedule.
  const identity = options.botIdentity && !installations ? { botId: options.botIdentity.botId, botUserId: options.botIdentity.botUserId } : {};
  const app = new App({ receiver, ...auth, ...identity, logger, clientOptions, convoStore: false });
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

  const { firstDelivery } = createReplayGuard(runtime.db, runtime.logger.child({ component: 'slack' }));
  registerCommand(app, runtime, { home: options.home, queue, firstDelivery });
  registerActions(app, runtime, { home: options.home, queue, firstDelivery });
  registerModal(app, runtime, { home: options.home, firstDelivery });
  registerHome(app, runtime, options.home);
  registerUninstall(app, runtime, installations);

  let front: HttpFront | undefined;
  return {
    app,
    client: app.client,
    mode,
    installations,
    queue,
    async start() {
      // Counting starts before the first request can arrive.
      await metricsEndpoint?.ready;
      if (mode !== 'custom') {
        front = options.front ?? createHttpFront(httpFrontOptions(config, runtime.logger.child({ component: 'http' })));
        if (!front.server.listening) await front.listen();
      }
      if (mode === 'socket') await app.start();
      if (front) {
        front.serve(withFeeds(feedRoute(runtime), withRoute(metricsEndpoint?.route, boltListener)), () => runtime.db.query('select 1'));
        const address = front.server.address();
        runtime.logger.info(mode === 'http' ? 'slack: serving HTTP' : 'slack: connected over Socket Mode', {
          host: typeof address === 'object' && address ? address.address : config.DEALCLOCK_LISTEN_HOST,
          port: typeof address === 'object' && address ? address.port : config.PORT,
          ...(mode === 'http' ? { endpoint: '/slack/events' } : {}),
          ...(installations ? { install: '/slack/install' } : {}),
        });
      } else {
        await app.start();
        runtime.logger.info('slack: started');
      }
    },
    async stop() {
      // Stop taking requests first, then let those in flight finish (bounded), then tell
      // the queued rest they were not run. In HTTP mode Bolt's receiver never listened (the
      // front did), so there is nothing of it to stop.
      if (mode !== 'http') await app.stop();
      await front?.close();
      front = undefined;
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
      return front?.server;
    },
  };
}

/**
 * Socket Mode serves the OAuth install pages from an HTTP server of Bolt's own, bound to
 * every interface with no timeouts. Its request handler is taken over by our server (on
 * DEALCLOCK_LISTEN_HOST, with timeouts) and Bolt's server is never started: the receiver
 * starts it only when it has one. Without install pages there is none to take.
 */
function takeInstallPages(receiver: SocketModeReceiver): RequestListener | undefined {
  const internals = receiver as unknown as { httpServer?: Server };
  const server = internals.httpServer;
  if (!server) return undefined;
  const [listener] = server.listeners('request') as RequestListener[];
  if (!listener) throw new Error("Socket Mode: the install pages' handler was not found (a Bolt upgrade?)");
  internals.httpServer = undefined;
  return listener;
}

/** A route of ours (GET /metrics) beside Bolt's: the HTTP server hands every request but /healthz here. */
function withRoute(route: MetricsEndpoint['route'] | undefined, listener: RequestListener | undefined): RequestListener | undefined {
  if (!route) return listener;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === route.path && route.method.includes(req.method ?? '')) return route.handler(req, res);
    if (listener) return listener(req, res);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end();
  };
}

/** The calendar feeds (GET /feeds/<token>.ics) in front of everything else the server hands on. */
function withFeeds(feeds: FeedRoute, listener: RequestListener | undefined): RequestListener {
  return (req, res) => {
    if (feeds.matches((req.url ?? '/').split('?')[0]!)) return feeds.handler(req, res);
    if (listener) return listener(req, res);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end();
  };
}
