/**
 * Bolt's installation store on Postgres (OAuth mode). Bolt calls it when a workspace
 * installs the app (storeInstallation) and on every request (fetchInstallation, through
 * its authorize step); the reminder sender calls `tokenFor` outside any request, since
 * scheduled work has no listener-injected client.
 *
 * Tokens are sealed with the TokenCipher before they reach the database and opened only
 * here. One sealed under DEALCLOCK_ENCRYPTION_KEY_PREVIOUS is sealed again under the
 * current key when it is read, so a rotation completes by itself as workspaces are used
 * (or at once with `dealclock rotate-key`). No token or key is ever logged.
 */
import type { AuthorizeResult, AuthorizeSourceData, Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Database } from '../db/database.ts';
import * as db from '../db/installations.ts';
import { createStore } from '../db/store.ts';
import { ensureWorkspace } from '../db/workspaces.ts';
import type { Logger } from '../log.ts';
import { TokenCipher } from './token-cipher.ts';

export interface Installations extends InstallationStore {
  /** The bot token of an active installation in the workspace, or undefined. */
  tokenFor(workspaceId: string): Promise<string | undefined>;
  /**
   * The app was uninstalled (or its bot token revoked): drop the token, mark the
   * installation uninstalled and cancel the workspace's pending reminders.
   */
  uninstall(key: db.InstallationKey, reason: string): Promise<{ uninstalled: boolean; cancelled: number }>;
  /** Seals every token not under the current key again; returns how many were rotated. */
  rotateKey(): Promise<{ rotated: number; failed: number }>;
  /** Bolt's authorize for a receiver without Bolt's installer (tests drive one). */
  authorize(source: AuthorizeSourceData<boolean>): Promise<AuthorizeResult>;
}

export class NoInstallationError extends Error {
  override name = 'NoInstallationError';
}

/** What a ciphertext is bound to (the GCM additional data): the row's team or org. */
function sealContext(key: db.InstallationKey): string {
  return 'teamId' in key ? `slack_installation:team:${key.teamId}` : `slack_installation:org:${key.enterpriseId}`;
}

function keyOf(row: Pick<db.StoredInstallation, 'teamId' | 'enterpriseId'>): db.InstallationKey {
  return row.teamId !== null ? { teamId: row.teamId } : { enterpriseId: row.enterpriseId! };
}

function describeKey(key: db.InstallationKey): string {
  return 'teamId' in key ? `workspace ${key.teamId}` : `org ${key.enterpriseId}`;
}

export function createInstallationStore(database: Database, cipher: TokenCipher, logger: Logger): Installations {
  const log = logger.child({ component: 'installations' });

  /** The row's token, sealed again under the current key if an older key opened it. */
  async function openToken(row: db.StoredInstallation): Promise<string> {
    const sealed = { ciphertext: row.botTokenCiphertext!, keyId: row.botTokenKeyId! };
    const context = sealContext(keyOf(row));
    const opened = cipher.open(sealed, context);
    if (opened.stale) {
      try {
        await db.resealToken(database, row.id, sealed.ciphertext, cipher.seal(opened.plaintext, context));
        log.info('installation token re-encrypted under the current key', { team: row.teamId, enterprise: row.enterpriseId, key: cipher.currentKeyId });
      } catch (error) {
        // The token is usable either way; the next read tries again.
        log.warn('installation token re-encryption failed', { team: row.teamId, error });
      }
    }
    return opened.plaintext;
  }

  async function active(key: db.InstallationKey): Promise<db.StoredInstallation | undefined> {
    const row = await db.findInstallation(database, key);
    return row && row.uninstalledAt === null && row.botTokenCiphertext ? row : undefined;
  }

  function queryKey(query: InstallationQuery<boolean>): db.InstallationKey {
    if (query.isEnterpriseInstall && query.enterpriseId) return { enterpriseId: query.enterpriseId };
    if (!query.teamId) throw new NoInstallationError('the request names no workspace');
    return { teamId: query.teamId };
  }

  async function fetchActive(key: db.InstallationKey): Promise<{ row: db.StoredInstallation; token: string }> {
    const row = await active(key);
    if (!row) throw new NoInstallationError(`dealclock is not installed in ${describeKey(key)}`);
    return { row, token: await openToken(row) };
  }

  const store: Installations = {
    async storeInstallation(installation) {
      const token = installation.bot?.token;
      // dealclock asks for bot scopes only; an install without a bot token cannot post.
      if (!token) throw new Error('the installation carries no bot token');
      const isOrg = Boolean(installation.isEnterpriseInstall);
      const teamId = isOrg ? null : (installation.team?.id ?? null);
      const enterpriseId = installation.enterprise?.id ?? null;
      if (!teamId && !enterpriseId) throw new Error('the installation names neither a workspace nor an org');
      const key: db.InstallationKey = teamId ? { teamId } : { enterpriseId: enterpriseId! };
      const sealed = cipher.seal(token, sealContext(key));
      await database.transaction(async (tx) => {
        await db.upsertInstallation(tx, {
          teamId,
          teamName: installation.team?.name ?? null,
          enterpriseId,
          isEnterpriseInstall: isOrg,
          appId: installation.appId ?? null,
          botTokenCiphertext: sealed.ciphertext,
          botTokenKeyId: sealed.keyId,
          botUserId: installation.bot?.userId ?? null,
          botId: installation.bot?.id ?? null,
          botScopes: installation.bot?.scopes ?? [],
          installedBy: installation.user?.id ?? null,
        });
        if (teamId) await ensureWorkspace(tx, teamId, installation.team?.name);
      });
      log.info('slack: installed', { team: teamId, enterprise: enterpriseId, by: installation.user?.id, scopes: installation.bot?.scopes });
    },

    async fetchInstallation(query) {
      const { row, token } = await fetchActive(queryKey(query));
      const installation: Installation<'v2', boolean> = {
        team: row.teamId ? { id: row.teamId, ...(row.teamName ? { name: row.teamName } : {}) } : undefined,
        enterprise: row.enterpriseId ? { id: row.enterpriseId } : undefined,
        user: { id: row.installedBy ?? '', token: undefined, scopes: undefined },
        bot: { token, scopes: row.botScopes, id: row.botId ?? '', userId: row.botUserId ?? '' },
        tokenType: 'bot',
        isEnterpriseInstall: row.isEnterpriseInstall,
        ...(row.appId ? { appId: row.appId } : {}),
        authVersion: 'v2',
      };
      return installation;
    },

    async deleteInstallation(query) {
      const key = queryKey(query);
      await store.uninstall(key, 'the app was uninstalled from the workspace');
    },

    async tokenFor(workspaceId) {
      const row = await active({ teamId: workspaceId });
      return row ? openToken(row) : undefined;
    },

    async uninstall(key, reason) {
      const result = await database.transaction(async (tx) => {
        const uninstalled = await db.markUninstalled(tx, key);
        // An org-wide install serves workspaces this row does not name; the sender skips
        // them once no installation is active, so there is nothing to cancel by team here.
        const cancelled = 'teamId' in key ? await createStore(tx, key.teamId).reminders.cancelPending(reason) : 0;
        return { uninstalled, cancelled };
      });
      log.info('slack: uninstalled', { ...('teamId' in key ? { team: key.teamId } : { enterprise: key.enterpriseId }), reason, ...result });
      return result;
    },

    async rotateKey() {
      let rotated = 0;
      let failed = 0;
      for (let after = 0; ; ) {
        const page = await db.installationsNotUnderKey(database, cipher.currentKeyId, after, 100);
        if (page.length === 0) break;
        after = page[page.length - 1]!.id;
        for (const row of page) {
          try {
            await openToken(row);
            rotated++;
          } catch (error) {
            failed++;
            log.error('installation token could not be re-encrypted', { team: row.teamId, enterprise: row.enterpriseId, error });
          }
        }
      }
      return { rotated, failed };
    },

    async authorize(source) {
      const key: db.InstallationKey =
        source.isEnterpriseInstall && source.enterpriseId ? { enterpriseId: source.enterpriseId } : { teamId: source.teamId ?? '' };
      const { row, token } = await fetchActive(key);
      return {
        botToken: token,
        ...(row.botId ? { botId: row.botId } : {}),
        ...(row.botUserId ? { botUserId: row.botUserId } : {}),
        ...(source.teamId ? { teamId: source.teamId } : {}),
        ...(source.enterpriseId ? { enterpriseId: source.enterpriseId } : {}),
      };
    },
  };
  return store;
}

export { TokenCipher };
