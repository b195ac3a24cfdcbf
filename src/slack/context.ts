/**
 * The per-request command context for a Slack user. Admins are the users named in
 * DEALCLOCK_ADMINS and the members of the DEALCLOCK_ADMIN_GROUP user group; the workspace
 * is the payload's team. Contexts are built after `ack()`; the group, when configured, costs one cached Web API call, and the
 * language one indexed read and one cached `users.info`.
 */
import { translator, type Translator } from '../i18n/translator.ts';
import type { webApi } from '@slack/bolt';
import { publicBaseUrl } from '../config.ts';
import { createContext, type CommandContext } from '../usecases/context.ts';
import type { Runtime } from '../runtime.ts';
import { localeFrom, type Locale } from '../core/locale.ts';
import { createStore } from '../db/store.ts';
import { FORM_LOCALE_WAIT_MS, userLocales } from './user-locale.ts';

export interface SlackActor {
  teamId: string;
  userId: string;
  channelId?: string | undefined;
}

type WebClient = webApi.WebClient;

/**
 * Membership changes rarely and a refusal is cheap to retry, so a minute of staleness is
 * an acceptable price for not calling Slack on every click. Keyed by workspace and group:
 * the same group id means nothing in another workspace.
 */
export const GROUP_CACHE_MS = 60_000;
const groupCache = new Map<string, { at: number; members: ReadonlySet<string> }>();

/** Forgets cached group memberships (tests; a deliberate refresh). */
export function clearAdminGroupCache(): void {
  groupCache.clear();
}

async function groupMembers(client: WebClient, teamId: string, groupId: string): Promise<ReadonlySet<string>> {
  const key = `${teamId}:${groupId}`;
  const hit = groupCache.get(key);
  if (hit && Date.now() - hit.at < GROUP_CACHE_MS) return hit.members;
  const res = await client.usergroups.users.list({ usergroup: groupId });
  if (!res.ok || !Array.isArray(res.users)) throw new Error(`usergroups.users.list: ${res.error ?? 'no users in the answer'}`);
  const members = new Set(res.users);
  if (groupCache.size > 1000) groupCache.clear();
  groupCache.set(key, { at: Date.now(), members });
  return members;
}

export interface AdminDecision {
  isAdmin: boolean;
  /** Who may change data, in the reader's words (describeAdmins); undefined when everyone may. */
  description: ((tr: Translator) => string) | undefined;
}

/**
 * Decides whether a user may change data. With neither setting, everyone may. A group
 * that cannot be read (API error, missing scope, no client) fails closed: only the users
 * named in DEALCLOCK_ADMINS keep write access, and the refusal says why.
 */
export async function adminDecision(runtime: Runtime, who: { teamId: string; userId: string }, client?: WebClient): Promise<AdminDecision> {
  const admins = runtime.config.DEALCLOCK_ADMINS;
  const group = runtime.config.DEALCLOCK_ADMIN_GROUP;
  if (admins.length === 0 && !group) return { isAdmin: true, description: undefined };
  const described = (tr: Translator) => describeAdmins(tr, admins, group);
  if (admins.includes(who.userId)) return { isAdmin: true, description: described };
  if (!group) return { isAdmin: false, description: described };
  try {
    if (!client) throw new Error('no Slack client for this request');
    const members = await groupMembers(client, who.teamId, group);
    return { isAdmin: members.has(who.userId), description: described };
  } catch (error) {
    runtime.logger.warn('slack: admin group could not be read; changes refused', { error, team: who.teamId, group });
    return { isAdmin: false, description: (tr) => tr.text('admins.group_unreadable', { admins: described(tr) }) };
  }
}

/** "<@U1>, <@U2> or members of <!subteam^S1>" / "<@U1>、<@U2>、<!subteam^S1> のメンバー" for the refusal message. */
export function describeAdmins(tr: Translator, admins: readonly string[], group: string | undefined): string {
  const names = admins.map((id) => `<@${id}>`);
  if (group) names.push(tr.text('admins.group', { group: `<!subteam^${group}>` }));
  if (names.length === 1) return names[0]!;
  return tr.text('admins.either', { first: names.slice(0, -1).join(tr.separator), last: names[names.length - 1]! });
}

/** Synchronous view of the DEALCLOCK_ADMINS list alone (no group lookup). */
export function isAdmin(runtime: Runtime, userId: string): boolean {
  const admins = runtime.config.DEALCLOCK_ADMINS;
  return (admins.length === 0 && !runtime.config.DEALCLOCK_ADMIN_GROUP) || admins.includes(userId);
}

/**
 * The language of a reply. A person's own reply: their `/invest lang` setting, else their
 * Slack client's language, else DEALCLOCK_LOCALE. A reply posted in the channel (shared):
 * the channel's setting, else DEALCLOCK_LOCALE — everyone there reads it.
 */
export async function replyLocale(
  runtime: Runtime,
  who: SlackActor,
  client: WebClient | undefined,
  options: { forChannel?: boolean; stored?: boolean } = {},
): Promise<Locale> {
  const fallback = runtime.config.DEALCLOCK_LOCALE;
  try {
    const store = createStore(runtime.db, who.teamId);
    if (options.forChannel) return who.channelId ? (localeFrom(await store.language.get('channel', who.channelId)) ?? fallback) : fallback;
    // The add form: its trigger_id expires 3 s after the command, so no database read
    // before it opens and at most FORM_LOCALE_WAIT_MS for Slack; a `/invest lang` setting
    // is applied once the form is open (command.ts).
    if (options.stored === false) return (await userLocales.localeOf(client, who.teamId, who.userId, FORM_LOCALE_WAIT_MS)) ?? fallback;
    return localeFrom(await store.language.get('user', who.userId)) ?? (await userLocales.localeOf(client, who.teamId, who.userId)) ?? fallback;
  } catch (error) {
    // The database is down: the reply (likely an apology) still goes out, in the default language.
    runtime.logger.warn('slack: reply language not read; using the default', { error, team: who.teamId, user: who.userId });
    return fallback;
  }
}

/**
 * The language of an answer that goes out before any database read or Slack call (a
 * "busy" reply in the ack): the person's cached Slack language, else DEALCLOCK_LOCALE.
 * Their `/invest lang` setting is a database read, so it is not consulted here.
 */
export function cachedReplyLocale(runtime: Runtime, who: Pick<SlackActor, 'teamId' | 'userId'>): Locale {
  return userLocales.cached(who.teamId, who.userId).locale ?? runtime.config.DEALCLOCK_LOCALE;
}

export async function slackContext(
  runtime: Runtime,
  who: SlackActor,
  client?: WebClient,
  /**
   * `forChannel`: the reply is posted in the channel (its language, not the person's).
   * `stored: false`: no database read and a short wait on Slack (FORM_LOCALE_WAIT_MS): the
   * add form must open within Slack's 3 seconds.
   */
  options: { forChannel?: boolean; stored?: boolean } = {},
): Promise<CommandContext> {
  const [decision, locale] = await Promise.all([adminDecision(runtime, who, client), replyLocale(runtime, who, client, options)]);
  return createContext({
    locale,
    db: runtime.db,
    workspaceId: who.teamId,
    actor: {
      userId: who.userId,
      source: 'slack',
      channelId: who.channelId,
      isAdmin: decision.isAdmin,
      ...(decision.description ? { adminsDescription: decision.description(translator(locale)) } : {}),
    },
    today: runtime.today(),
    commandName: runtime.config.DEALCLOCK_COMMAND,
    logger: runtime.logger.child({ team: who.teamId, user: who.userId }),
    feedBase: publicBaseUrl(runtime.config),
    prepare: () => runtime.prepareWorkspace(who.teamId),
  });
}

/** The team of any Slack payload: commands carry `team_id`, interactions `team.id`, events both. */
export function teamIdOf(body: unknown): string | undefined {
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null; user?: { team_id?: unknown } | null };
  if (typeof b.team_id === 'string') return b.team_id;
  if (b.team && typeof b.team.id === 'string') return b.team.id;
  if (b.user && typeof b.user.team_id === 'string') return b.user.team_id;
  return undefined;
}
