import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { BOT_SCOPES } from '../../../src/slack/scopes.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Manifest {
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: { command: string; usage_hint: string; should_escape: boolean }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

// The bot scope each Web API method needs (docs.slack.dev/reference/methods). A method
// the code starts to call that is missing here fails the test, so the manifest follows.
const METHOD_SCOPES: Record<string, string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.history': ['channels:history', 'groups:history'],
  // Who the bot is, asked once at start (src/slack/slack-ready.ts); any token may ask.
  'auth.test': [],
  'views.open': [],
  'views.publish': [],
  'views.update': [],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  // The timeline picture (src/slack/picture.ts): WebClient.filesUploadV2 calls these two.
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
};

/** Helpers of WebClient that call several Web API methods. */
const HELPER_METHODS: Record<string, string[]> = {
  filesUploadV2: ['files.getUploadURLExternal', 'files.completeUploadExternal'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('manifest.yml', () => {
  const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')) as Manifest;

  it('is valid YAML with the command, the Home tab, interactivity, the event and Socket Mode', () => {
    expect(manifest.features.slash_commands).toEqual([expect.objectContaining({ command: '/invest', should_escape: true })]);
    expect(manifest.features.slash_commands[0]!.usage_hint.length).toBeGreaterThan(0);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: false });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'app_uninstalled', 'tokens_revoked']);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks for every scope the code uses, and no other', () => {
    const used = new Set<string>(['commands']);
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      // Web API calls go through a WebClient: `client.chat.postMessage(`, `this.client.views.open(`.
      for (const m of text.matchAll(/\bclient\s*\.\s*([a-z]+)\s*\.\s*([a-zA-Z]+(?:\.[a-zA-Z]+)?)\s*\(/gi)) {
        const method = `${m[1]}.${m[2]}`;
        expect(METHOD_SCOPES, `scope of ${method} (${file})`).toHaveProperty([method]);
        for (const scope of METHOD_SCOPES[method]!) used.add(scope);
      }
      for (const m of text.matchAll(/\.\s*(filesUploadV2)\s*\(/g)) {
        for (const method of HELPER_METHODS[m[1]!]!) for (const scope of METHOD_SCOPES[method]!) used.add(scope);
      }
    }
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...used].sort());
  });

  it('the OAuth install flow asks for the manifest scopes (one list, BOT_SCOPES)', () => {
    expect([...BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });
});

describe('Slack configuration', () => {
  const error = (env: Record<string, string>) => {
    try {
      loadConfig(env, '');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error('accepted');
  };

  it('defaults: no Slack, the public API, port 3000, everyone an admin', () => {
    const c = loadConfig({}, '');
    expect(c.SLACK_BOT_TOKEN).toBeUndefined();
    expect(c.SLACK_API_URL).toBe('https://slack.com/api/');
    expect(c.PORT).toBe(3000);
    expect(c.DEALCLOCK_ADMINS).toEqual([]);
  });

  it('a wrong token format is one line naming the variable, never echoing the value', () => {
    const message = error({ SLACK_BOT_TOKEN: 'xoxp-user-token-123', SLACK_SIGNING_SECRET: 'abcdef0123456789abcdef0123456789' });
    expect(message).toBe(
      'Configuration error: SLACK_BOT_TOKEN is invalid; expected a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token).',
    );
    expect(message).not.toContain('xoxp-user-token-123');
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toContain(
      'SLACK_APP_TOKEN is invalid; expected an app-level token starting with xapp-',
    );
  });

  it('HTTP mode needs the signing secret; Socket Mode needs the bot and the app token', () => {
    expect(error({ SLACK_BOT_TOKEN: 'xoxb-1-2' })).toBe(
      'Configuration error: SLACK_SIGNING_SECRET is missing; expected the signing secret for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
    expect(error({ SLACK_APP_TOKEN: 'xapp-1-2' })).toContain('SLACK_BOT_TOKEN is missing');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-2' }, '').SLACK_APP_TOKEN).toBe('xapp-1-2');
  });

  it('SLACK_API_URL is normalised to end in /api/ and must be http(s)', () => {
    expect(loadConfig({ SLACK_API_URL: 'https://slack-gov.com/api' }, '').SLACK_API_URL).toBe('https://slack-gov.com/api/');
    expect(loadConfig({ SLACK_API_URL: 'http://127.0.0.1:4000/api/' }, '').SLACK_API_URL).toBe('http://127.0.0.1:4000/api/');
    expect(error({ SLACK_API_URL: 'ftp://slack.com/api/' })).toContain('SLACK_API_URL is invalid');
    expect(error({ SLACK_API_URL: 'https://slack.com/' })).toContain('ending in /api/');
  });

  it('PORT and DEALCLOCK_ADMINS', () => {
    expect(loadConfig({ PORT: '8080' }, '').PORT).toBe(8080);
    expect(error({ PORT: '70000' })).toContain('PORT is invalid');
    expect(error({ PORT: 'http' })).toContain('PORT is invalid');
    expect(loadConfig({ DEALCLOCK_ADMINS: 'U0BOSS, U0CHIEF' }, '').DEALCLOCK_ADMINS).toEqual(['U0BOSS', 'U0CHIEF']);
    expect(error({ DEALCLOCK_ADMINS: 'U0BOSS,@aiko' })).toContain('DEALCLOCK_ADMINS is invalid');
  });

  it('.env.example lists the Slack variables', () => {
    const example = readFileSync(join(ROOT, '.env.example'), 'utf8');
    const listed = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'DEALCLOCK_ADMINS']) {
      expect(listed.has(name), `${name} in .env.example`).toBe(true);
    }
  });
});
