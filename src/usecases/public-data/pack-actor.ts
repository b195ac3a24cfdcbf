/** Who a pack's writes are recorded as in the audit trail, and how a reply recognises it. */
import type { Actor } from '../../db/audit.ts';

const PACK_ACTOR_PREFIX = 'public data ';

/** The pack's actor in the audit trail: the pack version, from where it was applied. */
export function packActor(version: string, source: Actor['source']): Actor {
  return { userId: `${PACK_ACTOR_PREFIX}${version}`, source };
}

/** The pack version of a pack's actor (`public data 2026.11.09`), or undefined for anyone else. */
export function packVersionOfActor(userId: string): string | undefined {
  return userId.startsWith(PACK_ACTOR_PREFIX) ? userId.slice(PACK_ACTOR_PREFIX.length) : undefined;
}
