/**
 * The bot scopes dealclock asks for: the OAuth install flow requests exactly these, and
 * a test holds manifest.yml's oauth_config.scopes.bot to the same list (manifest.yml says
 * what each one is for).
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'channels:history', 'groups:history', 'usergroups:read', 'users:read', 'files:write'] as const;
