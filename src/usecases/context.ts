/**
 * What a command handler gets: the workspace store, who is asking, "today", the deals and
 * the calendars. Built per request by the surface (shell, CLI, Slack); nothing here lives
 * between requests except derived, immutable calendar tables.
 */
import { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import type { Actor } from '../db/audit.ts';
import type { Database, Queryable } from '../db/database.ts';
import { listDeals } from '../db/deals.ts';
import { createStore, type Store } from '../db/store.ts';
import { ensureWorkspace } from '../db/workspaces.ts';
import type { Deal } from '../domain/project.ts';
import type { Locale } from '../core/locale.ts';
import { translator, type Translator } from '../i18n/translator.ts';
import type { Logger } from '../log.ts';

export interface CommandActor extends Actor {
  /** May change data. Everyone may read. */
  isAdmin: boolean;
  /** Who may change data, for the refusal message. */
  adminsDescription?: string;
}

export interface CommandContext {
  db: Database;
  workspaceId: string;
  actor: CommandActor;
  today: CivilDate;
  commandName: string;
  logger: Logger;
  /** The words and formats of the language the reply is in (the asker's, or the channel's for a shared reply). */
  tr: Translator;
  /** Where the bot's calendar feeds are reached (DEALCLOCK_PUBLIC_URL, or the local address); unset where none is served. */
  feedBase?: { url: string; configured: boolean } | undefined;
  /** A store on the pool, for reads. */
  store: Store;
  deals(): Promise<Map<string, Deal>>;
  calendars(q?: Queryable): Promise<CalendarRegistry>;
  /** Runs `fn` in one transaction with a store bound to it; nothing is half written. */
  write<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  /** Gets the workspace ready before its first command (a new workspace's public data); cheap after that. */
  ready(): Promise<void>;
}

export interface ContextOptions {
  db: Database;
  workspaceId: string;
  actor: CommandActor;
  today: CivilDate;
  commandName: string;
  logger: Logger;
  /** The reply's language; English unless the surface knows better. */
  locale?: Locale | undefined;
  feedBase?: { url: string; configured: boolean } | undefined;
  /** What `ready()` runs: the surface's preparation of a workspace, done once per process. */
  prepare?: (() => Promise<void>) | undefined;
}

let dealCache: { at: number; deals: Map<string, Deal> } | undefined;
const registries = new Map<string, CalendarRegistry>();

export function createContext(o: ContextOptions): CommandContext {
  const store = createStore(o.db, o.workspaceId);
  const { prepare, locale, ...options } = o;
  return {
    ...options,
    tr: translator(locale),
    store,
    ready: prepare ?? (async () => {}),
    async deals() {
      // Deals are reference data changed only by migrations: a short cache is safe.
      if (!dealCache || Date.now() - dealCache.at > 60_000) {
        dealCache = { at: Date.now(), deals: new Map((await listDeals(o.db)).map((d) => [d.code, d])) };
      }
      return dealCache.deals;
    },
    async calendars(q?: Queryable) {
      const overrides = await createStore(q ?? o.db, o.workspaceId).overrides.list();
      const key = JSON.stringify(overrides.map((x) => [x.calendar, x.date, x.action]));
      let registry = registries.get(key);
      if (!registry) {
        registry = new CalendarRegistry(overrides);
        if (registries.size > 64) registries.clear();
        registries.set(key, registry);
      }
      return registry;
    },
    async write(fn) {
      // Warm the deal cache first: PGlite has one connection, and the transaction holds it.
      await this.deals();
      return o.db.transaction(async (tx) => {
        await ensureWorkspace(tx, o.workspaceId);
        return fn(createStore(tx, o.workspaceId));
      });
    },
  };
}
