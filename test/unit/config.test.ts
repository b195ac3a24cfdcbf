import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const tmp = mkdtempSync(join(tmpdir(), 'dealclock-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The ConfigError thrown for `env`, or a failure if none is thrown. */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, '');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has defaults for everything but the Slack and database settings', () => {
    const config = loadConfig({}, '');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DEALCLOCK_DATA_DIR).toBe('./.dealclock');
    expect(config.DEALCLOCK_TIMEZONE).toBe('Asia/Tokyo');
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.DEALCLOCK_COMMAND).toBe('/invest');
    expect(config.DEALCLOCK_DEFAULT_CHANNEL).toBeUndefined();
    expect(config.DEALCLOCK_WORKSPACE).toBeUndefined();
    expect(config.DEALCLOCK_SHELL_USER).toBe('shell');
  });

  it('bounds the post-ack queue and keeps metrics off by default', () => {
    const config = loadConfig({}, '');
    expect(config.DEALCLOCK_QUEUE_MAX).toBe(500);
    expect(config.DEALCLOCK_QUEUE_MAX_PER_USER).toBe(50);
    expect(config.DEALCLOCK_QUEUE_MAX_WAIT_SECONDS).toBe(120);
    expect(config.DEALCLOCK_SHUTDOWN_DRAIN_SECONDS).toBe(10);
    expect(config.DEALCLOCK_METRICS).toBe(false);
    expect(loadConfig({ DEALCLOCK_METRICS: 'ON', DEALCLOCK_QUEUE_MAX_WAIT_SECONDS: '0.5' }, '')).toMatchObject({
      DEALCLOCK_METRICS: true,
      DEALCLOCK_QUEUE_MAX_WAIT_SECONDS: 0.5,
    });
  });

  it('refuses queue bounds that cannot work', () => {
    expect(configError({ DEALCLOCK_QUEUE_MAX: '0' }).message).toMatch(/DEALCLOCK_QUEUE_MAX is invalid; expected the most commands waiting/);
    expect(configError({ DEALCLOCK_QUEUE_MAX_PER_USER: '2.5' }).message).toMatch(/DEALCLOCK_QUEUE_MAX_PER_USER is invalid/);
    // Digits only, like every other count and timeout: no exponent or hex spelling.
    expect(configError({ DEALCLOCK_QUEUE_MAX: '1e3' }).message).toBe(
      'Configuration error: DEALCLOCK_QUEUE_MAX is invalid; expected the most commands waiting to run, a whole number from 1 to 100000.',
    );
    expect(loadConfig({ DEALCLOCK_QUEUE_MAX: ' 800 ', DEALCLOCK_QUEUE_MAX_PER_USER: '100000' }, '')).toMatchObject({
      DEALCLOCK_QUEUE_MAX: 800,
      DEALCLOCK_QUEUE_MAX_PER_USER: 100_000,
    });
    // A response_url expires after 30 minutes: an answer must leave time to be delivered.
    expect(configError({ DEALCLOCK_QUEUE_MAX_WAIT_SECONDS: '1800' }).message).toMatch(/at most 1500 seconds \(25 minutes\): a response_url expires after 30/);
    expect(configError({ DEALCLOCK_QUEUE_MAX_WAIT_SECONDS: '0' }).message).toMatch(/DEALCLOCK_QUEUE_MAX_WAIT_SECONDS is invalid/);
    expect(configError({ DEALCLOCK_SHUTDOWN_DRAIN_SECONDS: '-1' }).message).toMatch(/DEALCLOCK_SHUTDOWN_DRAIN_SECONDS is invalid/);
    expect(configError({ DEALCLOCK_METRICS: 'yes' }).message).toMatch(/DEALCLOCK_METRICS is invalid; expected on or off/);
  });

  it('accepts good values', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgresql://app:secret@db.internal:5432/dealclock',
        DEALCLOCK_DATA_DIR: '/var/lib/dealclock',
        DEALCLOCK_TIMEZONE: 'America/New_York',
        LOG_LEVEL: 'debug',
        DEALCLOCK_COMMAND: '/deal-clock',
        DEALCLOCK_DEFAULT_CHANNEL: 'C0123456789',
        DEALCLOCK_WORKSPACE: 'T0123456789',
      },
      '',
    );
    expect(config).toMatchObject({
      DATABASE_URL: 'postgresql://app:secret@db.internal:5432/dealclock',
      DEALCLOCK_DATA_DIR: '/var/lib/dealclock',
      DEALCLOCK_TIMEZONE: 'America/New_York',
      LOG_LEVEL: 'debug',
      DEALCLOCK_COMMAND: '/deal-clock',
      DEALCLOCK_DEFAULT_CHANNEL: 'C0123456789',
      DEALCLOCK_WORKSPACE: 'T0123456789',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x' }, '').DATABASE_URL).toBe('postgres://localhost/x');
  });

  it.each([
    ['DATABASE_URL', 'mysql://x', /postgres:\/\/ or postgresql:\/\//],
    ['DEALCLOCK_TIMEZONE', 'Mars/Olympus', /IANA time zone/],
    ['LOG_LEVEL', 'loud', /one of debug, info, warn, error, silent/],
    ['DEALCLOCK_COMMAND', 'invest', /slash command such as \/invest/],
    ['DEALCLOCK_DEFAULT_CHANNEL', 'general', /Slack channel ID such as C0123456789/],
    ['DEALCLOCK_WORKSPACE', 'my workspace!', /workspace/],
  ])('refuses %s=%s with one line naming it and what is expected', (name, value, expected) => {
    const err = configError({ [name]: value });
    expect(err.message).not.toContain('\n');
    expect(err.message).toContain(name);
    expect(err.message).toContain('is invalid');
    expect(err.message).toMatch(expected);
    expect(err.message).toMatch(/expected .+\.$/);
  });

  it('names the first bad variable when several are bad', () => {
    const err = configError({ LOG_LEVEL: 'loud', DEALCLOCK_TIMEZONE: 'Mars/Olympus' });
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toMatch(/LOG_LEVEL|DEALCLOCK_TIMEZONE/);
  });

  it('refuses a blank DEALCLOCK_DATA_DIR', () => {
    const err = configError({ DEALCLOCK_DATA_DIR: '   ' });
    expect(err.message).toMatch(/^Configuration error: DEALCLOCK_DATA_DIR .*expected a folder path\.$/);
  });

  it('treats an empty DATABASE_URL (and other optional values) as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', DEALCLOCK_DEFAULT_CHANNEL: '  ', DEALCLOCK_WORKSPACE: '' }, '');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DEALCLOCK_DEFAULT_CHANNEL).toBeUndefined();
    expect(config.DEALCLOCK_WORKSPACE).toBeUndefined();
  });

  it('reads a .env file, and the real environment wins over it', () => {
    const envFile = join(tmp, 'dotenv');
    writeFileSync(
      envFile,
      [
        '# local settings',
        'DEALCLOCK_TIMEZONE=Asia/Seoul',
        'LOG_LEVEL=warn',
        'DEALCLOCK_DATA_DIR="/srv/dealclock data"',
        'DEALCLOCK_COMMAND=/deals',
        'UNLISTED_SETTING=from-file',
        '',
      ].join('\n'),
    );
    const fromFile = loadConfig({}, envFile);
    expect(fromFile.DEALCLOCK_TIMEZONE).toBe('Asia/Seoul');
    expect(fromFile.LOG_LEVEL).toBe('warn');
    expect(fromFile.DEALCLOCK_DATA_DIR).toBe('/srv/dealclock data');
    expect(fromFile.DEALCLOCK_COMMAND).toBe('/deals');
    // Variables the schema does not list are kept.
    expect((fromFile as Record<string, unknown>).UNLISTED_SETTING).toBe('from-file');

    const both = loadConfig({ LOG_LEVEL: 'error', DEALCLOCK_COMMAND: '/invest' }, envFile);
    expect(both.LOG_LEVEL).toBe('error');
    expect(both.DEALCLOCK_COMMAND).toBe('/invest');
    expect(both.DEALCLOCK_TIMEZONE).toBe('Asia/Seoul');
  });

  it('reports a bad value that came from the .env file', () => {
    const envFile = join(tmp, 'bad-dotenv');
    writeFileSync(envFile, 'DEALCLOCK_TIMEZONE=Mars/Olympus\n');
    expect(() => loadConfig({}, envFile)).toThrow(/DEALCLOCK_TIMEZONE is invalid/);
    // …unless the environment overrides it.
    expect(loadConfig({ DEALCLOCK_TIMEZONE: 'UTC' }, envFile).DEALCLOCK_TIMEZONE).toBe('UTC');
  });

  it('ignores a .env file that does not exist', () => {
    expect(loadConfig({}, join(tmp, 'no-such-file')).LOG_LEVEL).toBe('info');
  });
});

describe('start-up, database and HTTP server settings', () => {
  const NAMES = [
    'DEALCLOCK_DB_START_WAIT_SECONDS',
    'DEALCLOCK_DB_CONNECT_TIMEOUT_MS',
    'DEALCLOCK_DB_STATEMENT_TIMEOUT_MS',
    'DEALCLOCK_LISTEN_HOST',
    'DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS',
    'DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS',
  ];

  it('have defaults: wait 2 minutes for a late database, 5 s to connect, 30 s a statement; loopback; 10 s for headers, 20 s a request', () => {
    expect(loadConfig({}, '')).toMatchObject({
      DEALCLOCK_DB_START_WAIT_SECONDS: 120,
      DEALCLOCK_DB_CONNECT_TIMEOUT_MS: 5_000,
      DEALCLOCK_DB_STATEMENT_TIMEOUT_MS: 30_000,
      DEALCLOCK_LISTEN_HOST: '127.0.0.1',
      DEALCLOCK_HTTP_HEADERS_TIMEOUT_MS: 10_000,
      DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS: 20_000,
    });
    expect(loadConfig({ DEALCLOCK_DB_START_WAIT_SECONDS: '0', DEALCLOCK_LISTEN_HOST: '::' }, '')).toMatchObject({
      DEALCLOCK_DB_START_WAIT_SECONDS: 0,
      DEALCLOCK_LISTEN_HOST: '::',
    });
  });

  it('refuse units, fractions and out-of-range values with one line naming the variable', () => {
    expect(configError({ DEALCLOCK_DB_CONNECT_TIMEOUT_MS: '5s' }).message).toBe(
      'Configuration error: DEALCLOCK_DB_CONNECT_TIMEOUT_MS is invalid; expected milliseconds from 100 to 600000.',
    );
    expect(configError({ DEALCLOCK_DB_STATEMENT_TIMEOUT_MS: '1.5' }).message).toContain('DEALCLOCK_DB_STATEMENT_TIMEOUT_MS is invalid');
    expect(configError({ DEALCLOCK_DB_START_WAIT_SECONDS: '-1' }).message).toContain(
      'DEALCLOCK_DB_START_WAIT_SECONDS is invalid; expected seconds from 0 to 86400',
    );
    expect(configError({ DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS: '0' }).message).toContain('DEALCLOCK_HTTP_REQUEST_TIMEOUT_MS is invalid');
    expect(configError({ DEALCLOCK_LISTEN_HOST: '0.0.0.0:3000' }).message).toContain('DEALCLOCK_LISTEN_HOST is invalid');
  });

  it('are documented in .env.example, the README and docs/operations.md', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const operations = readFileSync(join(root, 'docs/operations.md'), 'utf8');
    for (const name of NAMES) {
      expect(example, `${name} in .env.example`).toMatch(new RegExp(`^${name}=`, 'm'));
      expect(readme, `${name} in README.md`).toContain(`\`${name}\``);
      expect(operations, `${name} in docs/operations.md`).toContain(`\`${name}\``);
    }
  });
});
