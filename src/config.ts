/**
 * Configuration: one zod schema, parsed once at start from the environment (and `.env`
 * when present). Nothing else in the program reads `process.env`. A missing or malformed
 * value stops the process with one line naming the variable and what is expected.
 */
import { LOCALES } from './core/locale.ts';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { parseEnv } from 'node:util';
import { z } from 'zod';

/** Business days remaining on a clock that get a reminder, unless DEALCLOCK_MILESTONES says otherwise. */
export const DEFAULT_MILESTONES: readonly number[] = [30, 15, 10, 5, 3, 2, 1, 0];

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A whole number within [min, max], written as digits only (no sign, fraction, exponent or
 * unit), or `fallback` when unset. The error reads "<what> from <min> to <max>".
 */
function wholeNumber(what: string, min: number, max: number, fallback: number) {
  const message = `${what} from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .default(String(fallback))
    .pipe(z.string().regex(/^\d{1,9}$/, message))
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));
}

/** An IP address (v4 or v6) or a host name to bind the HTTP server to. */
function isListenHost(value: string): boolean {
  return isIP(value) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/.test(value);
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
        .optional(),
    ),
    DEALCLOCK_DATA_DIR: z.string().trim().min(1, 'a folder path').default('./.dealclock'),
    DEALCLOCK_TIMEZONE: z.string().trim().default('Asia/Tokyo').refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo'),
    DEALCLOCK_LOCALE: z.enum(LOCALES, { message: `one of ${LOCALES.join(', ')}` }).default('en'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    DEALCLOCK_COMMAND: z
      .string()
      .trim()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command such as /invest')
      .default('/invest'),
    DEALCLOCK_DEFAULT_CHANNEL: optionalText.pipe(
      z
        .string()
        .regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel ID such as C0123456789')
        .optional(),
    ),
    DEALCLOCK_SHELL_USER: z.string().trim().min(1).default('shell'),
    // A new workspace starts with the public pipeline of data/public-data.json (docs/data.md).
    DEALCLOCK_PUBLIC_DATA: z.enum(['on', 'off'], { message: 'on or off' }).default('on'),
    DEALCLOCK_WORKSPACE: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,40}$/, 'a workspace (Slack team) ID such as T0123456789')
        .optional(),
    ),
    // Reminders (one setting for every workspace for now). The time is HH:MM in
    // DEALCLOCK_TIMEZONE; milestones are business days remaining on the clock calendar.
    DEALCLOCK_REMINDER_TIME: z
      .string()
      .trim()
      .default('09:00')
      .pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour), e.g. 09:00')),
    DEALCLOCK_MILESTONES: z
      .string()
      .trim()
      .default(DEFAULT_MILESTONES.join(','))
      .pipe(z.string().regex(/^\d{1,3}(\s*,\s*\d{1,3})*$/, `comma-separated business days remaining, e.g. ${DEFAULT_MILESTONES.join(',')}`))
      .transform((v) => [...new Set(v.split(',').map((n) => Number(n.trim())))].sort((a, b) => b - a)),
    // Channel ID that hears about reminders that could not be delivered.
    DEALCLOCK_OPS_CHANNEL: optionalText.pipe(
      z
        .string()
        .regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel ID such as C0123456789')
        .optional(),
    ),
    // Slack. With SLACK_BOT_TOKEN set, `start` connects to Slack: Socket Mode when
    // SLACK_APP_TOKEN is set, else HTTP on PORT (which needs SLACK_SIGNING_SECRET).
    SLACK_BOT_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xoxb-[A-Za-z0-9-]+$/, 'a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)')
        .optional(),
    ),
    SLACK_SIGNING_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{16,128}$/, 'the signing secret from Basic Information → App Credentials (letters and digits)')
        .optional(),
    ),
    SLACK_APP_TOKEN: optionalText.pipe(
      z
        .string()
        .regex(/^xapp-[A-Za-z0-9-]+$/, 'an app-level token starting with xapp- (Basic Information → App-Level Tokens, scope connections:write)')
        .optional(),
    ),
    SLACK_API_URL: z
      .string()
      .trim()
      .default('https://slack.com/api/')
      .transform(normaliseApiUrl)
      .pipe(
        z
          .string()
          .regex(
            /^https?:\/\/[^\s/]+(\/[^\s]*)?\/api\/$/,
            'an http(s) URL of the Slack Web API ending in /api/, e.g. https://slack.com/api/ or https://slack-gov.com/api/',
          ),
      ),
    // OAuth mode (several workspaces on one deployment): all three set, SLACK_BOT_TOKEN
    // empty. Each workspace's bot token then comes from its installation (docs/slack.md).
    SLACK_CLIENT_ID: optionalText.pipe(
      z
        .string()
        .regex(/^\d+\.\d+$/, 'the Client ID from Basic Information → App Credentials, e.g. 1234567890.1234567890')
        .optional(),
    ),
    SLACK_CLIENT_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{16,128}$/, 'the Client Secret from Basic Information → App Credentials (letters and digits)')
        .optional(),
    ),
    // Signs the OAuth state parameter (CSRF protection of the install flow); any random string.
    SLACK_STATE_SECRET: optionalText.pipe(
      z
        .string()
        .regex(/^[\x21-\x7e]{16,256}$/, 'a random string of at least 16 printable characters, e.g. from `openssl rand -hex 32`')
        .optional(),
    ),
    // Default: the Web API host's /oauth/v2/authorize (https://slack.com/oauth/v2/authorize).
    SLACK_OAUTH_AUTHORIZE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^https?:\/\/[^\s/]+\/\S*$/, 'an http(s) URL such as https://slack.com/oauth/v2/authorize')
        .optional(),
    ),
    // Encrypts the workspaces' bot tokens at rest (AES-256-GCM). The previous key only
    // decrypts: rows under it are re-encrypted with the current key when read.
    DEALCLOCK_ENCRYPTION_KEY: optionalText.pipe(
      z.string().refine(isEncryptionKey, 'a 32-byte key as base64 or 64 hex characters, e.g. from `openssl rand -base64 32`').optional(),
    ),
    DEALCLOCK_ENCRYPTION_KEY_PREVIOUS: optionalText.pipe(
      z.string().refine(isEncryptionKey, 'a 32-byte key as base64 or 64 hex characters (the key being rotated out)').optional(),
    ),
    PORT: z.coerce
      .number({ message: 'a TCP port number from 0 to 65535' })
      .int('a TCP port number from 0 to 65535')
      .min(0, 'a TCP port number from 0 to 65535')
      .max(65535, 'a TCP port number from 0 to 65535')
      .default(3000),
    // The bot's address as calendar apps reach it (a reverse proxy's https URL): the base of
    // the calendar feed URLs that `feed` hands out (docs/feeds.md). Unset: the local address.
    DEALCLOCK_PUBLIC_URL: optionalText.pipe(
      z
        .string()
        .regex(
          /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/,
          'the http(s) address calendar apps reach the bot at, e.g. https://dealclock.example.com (no query or #fragment)',
        )
        .transform((v) => v.replace(/\/+$/, ''))
        .optional(),
    ),
    // The HTTP server's bind address. Loopback by default: behind a reverse proxy on the
    // same host nothing else can reach it; a container sets 0.0.0.0 (docs/operations.md).
    DEALCLOCK_LISTEN_HOST: z
      .string()
      .trim()
      .default('127.0.0.1')
      .refine(isListenHost, 'an IP address to listen on, e.g. 127.0.0.1 (this host only), 0.0.0.0 (every IPv4 interface) or :: (every interface)'),
    // How long a client may take to send a request's headers, and the whole request.
    // Slack sends a request at once; a client trickling bytes is cut off after these.
    DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS: wholeNumber('milliseconds', 1, 600_000, 10_000),
    DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS: wholeNumber('milliseconds', 1, 600_000, 20_000),
    // Postgres server (DATABASE_URL) only. Connecting (and waiting for a free pooled
    // connection) gives up after the connect timeout; a statement after the statement
    // timeout (the server cancels it, and the client stops waiting for a frozen one).
    // At start, an unreachable server is waited for, with backoff, up to the wait.
    DEALCLOCK_DB_CONNECT_TIMEOUT_MS: wholeNumber('milliseconds', 100, 600_000, 5_000),
    DEALCLOCK_DB_STATEMENT_TIMEOUT_MS: wholeNumber('milliseconds', 100, 3_600_000, 30_000),
    DEALCLOCK_DB_START_WAIT_SECONDS: wholeNumber('seconds', 0, 86_400, 120),
    // Work after the ack (commands and buttons), see src/slack/work-queue.ts. Beyond the
    // count bounds a command is answered "busy" in its ack; work that waited longer than
    // the age bound is answered "not run" instead of run late. The age bound stays well
    // inside the 30 minutes a response_url is good for.
    DEALCLOCK_QUEUE_MAX: wholeNumber('the most commands waiting to run, a whole number', 1, 100_000, 500),
    DEALCLOCK_QUEUE_MAX_PER_USER: wholeNumber('the most commands one user may have waiting, a whole number', 1, 100_000, 50),
    DEALCLOCK_QUEUE_MAX_WAIT_SECONDS: z.coerce
      .number({ message: 'seconds a command may wait before it is answered "not run", above 0 and at most 1500 (25 minutes)' })
      .gt(0, 'seconds a command may wait before it is answered "not run", above 0 and at most 1500 (25 minutes)')
      .max(1500, 'at most 1500 seconds (25 minutes): a response_url expires after 30')
      .default(120),
    // On SIGTERM: how long queued and running work may finish before the rest is told it
    // was not run (and `start` exits 3).
    DEALCLOCK_SHUTDOWN_DRAIN_SECONDS: z.coerce
      .number({ message: 'seconds from 0 to 600' })
      .min(0, 'seconds from 0 to 600')
      .max(600, 'seconds from 0 to 600')
      .default(10),
    // Prometheus metrics at /metrics on the HTTP server (docs/operations.md).
    DEALCLOCK_METRICS: z
      .string()
      .trim()
      .toLowerCase()
      .default('off')
      .pipe(z.enum(['on', 'off'], { message: 'on or off' }))
      .transform((v) => v === 'on'),
    // Slack user IDs that may change data; empty means everyone may.
    DEALCLOCK_ADMINS: optionalText
      .transform((v) => (v === undefined ? [] : v.split(/[\s,]+/).filter(Boolean)))
      .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]+$/, 'comma-separated Slack user IDs such as U0123ABCD,U0456EFGH'))),
    // A Slack user group whose members may change data too (read with usergroups:read).
    DEALCLOCK_ADMIN_GROUP: optionalText.pipe(
      z
        .string()
        .regex(/^S[A-Z0-9]{2,}$/, 'a Slack user group ID such as S0123ABCD (not its @handle)')
        .optional(),
    ),
  })
  .loose()
  .superRefine((c, issues) => {
    // Node refuses a headers timeout longer than the request timeout.
    if (c.DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS > c.DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS) {
      issues.addIssue({
        code: 'custom',
        path: ['DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS'],
        message: `at most DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS (${c.DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS}): the headers are part of the request`,
      });
      return;
    }
    const oauth = [c.SLACK_CLIENT_ID, c.SLACK_CLIENT_SECRET, c.SLACK_STATE_SECRET];
    if (oauth.some(Boolean)) {
      if (c.SLACK_BOT_TOKEN) {
        // Bolt refuses a token together with OAuth; say so before it does, in our words.
        issues.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message:
            "it empty in OAuth mode (SLACK_CLIENT_ID/SLACK_CLIENT_SECRET/SLACK_STATE_SECRET are set): each workspace's token comes from its installation; choose one mode",
        });
        return;
      }
      const missing = (['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const).find((_, i) => !oauth[i]);
      if (missing) {
        issues.addIssue({ code: 'custom', path: [missing], message: 'it too: OAuth mode needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET' });
        return;
      }
      if (!c.DEALCLOCK_ENCRYPTION_KEY) {
        issues.addIssue({
          code: 'custom',
          path: ['DEALCLOCK_ENCRYPTION_KEY'],
          message: "a 32-byte key (base64 or 64 hex characters) in OAuth mode: the workspaces' tokens are stored encrypted with it",
        });
        return;
      }
      if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
        issues.addIssue({
          code: 'custom',
          path: ['SLACK_SIGNING_SECRET'],
          message: 'the signing secret for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
        });
      }
      return;
    }
    if (!c.SLACK_BOT_TOKEN) {
      if (c.SLACK_APP_TOKEN)
        issues.addIssue({
          code: 'custom',
          path: ['SLACK_BOT_TOKEN'],
          message: 'a bot token (xoxb-…) too: Socket Mode needs both SLACK_BOT_TOKEN and SLACK_APP_TOKEN',
        });
      return;
    }
    if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
      issues.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'the signing secret for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
  });

/**
 * The base of the calendar feed URLs: DEALCLOCK_PUBLIC_URL, else the HTTP server's own
 * address (reachable from this machine only; the `feed` reply says so).
 */
export function publicBaseUrl(c: Pick<Config, 'DEALCLOCK_PUBLIC_URL' | 'DEALCLOCK_LISTEN_HOST' | 'PORT'>): { url: string; configured: boolean } {
  if (c.DEALCLOCK_PUBLIC_URL) return { url: c.DEALCLOCK_PUBLIC_URL, configured: true };
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(c.DEALCLOCK_LISTEN_HOST) ? 'localhost' : c.DEALCLOCK_LISTEN_HOST;
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${c.PORT}`, configured: false };
}

/** Slack's web address for links (`https://slack.com`), from the Web API URL (GovSlack: slack-gov.com). */
export function slackWebUrl(c: Pick<Config, 'SLACK_API_URL'>): string {
  return c.SLACK_API_URL.replace(/\/api\/$/, '');
}

/** 32 bytes as 64 hex characters or as base64 (padded or not). */
export function decodeEncryptionKey(value: string): Buffer | undefined {
  const v = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(v)) return Buffer.from(v, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(v)) {
    const key = Buffer.from(v, 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

function isEncryptionKey(value: string): boolean {
  return decodeEncryptionKey(value) !== undefined;
}

/** OAuth mode: workspaces install the app; no single bot token. */
export function isOAuthMode(c: Pick<Config, 'SLACK_CLIENT_ID'>): boolean {
  return Boolean(c.SLACK_CLIENT_ID);
}

/** Whether `start` connects to Slack (one bot token, or OAuth installations). */
export function slackEnabled(c: Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_CLIENT_ID'>): boolean {
  return Boolean(c.SLACK_BOT_TOKEN) || isOAuthMode(c);
}

/**
 * Where the install flow sends the browser: SLACK_OAUTH_AUTHORIZE_URL, else the Web API
 * host's /oauth/v2/authorize, so GovSlack (slack-gov.com) and a local fake need no setting.
 */
export function oauthAuthorizeUrl(c: Pick<Config, 'SLACK_API_URL' | 'SLACK_OAUTH_AUTHORIZE_URL'>): string {
  return c.SLACK_OAUTH_AUTHORIZE_URL ?? c.SLACK_API_URL.replace(/\/api\/$/, '/oauth/v2/authorize');
}

/** `https://slack.com/api` and `https://slack.com/api/` are the same base; keep one form. */
function normaliseApiUrl(url: string): string {
  return /\/api$/.test(url) ? url + '/' : url;
}

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment. `.env` in the working directory is read when present; values
 * already in the environment win, as with dotenv.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const merged: Record<string, string | undefined> = { ...readEnvFile(envFile), ...env };
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const shown = merged[name];
    throw new ConfigError(`Configuration error: ${name} ${shown === undefined || shown === '' ? 'is missing' : 'is invalid'}; expected ${issue.message}.`);
  }
  return result.data;
}

function readEnvFile(path: string): Record<string, string> {
  if (!path || !existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}
