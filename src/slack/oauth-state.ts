/**
 * The OAuth install flow's `state`, single-use. Bolt's default store signs the state and
 * checks only its signature and age, so a state (with its cookie) could be replayed for
 * ten minutes and install again. Here a state is a random value whose HMAC is stored in
 * the database (so every replica knows it) and deleted when the redirect uses it: a
 * second use finds nothing and is refused with Bolt's "invalid state" (400).
 *
 * SLACK_STATE_SECRET keys the HMAC, so the table alone (a backup, a read replica) does not
 * give anyone a state to use.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { Database } from '../db/database.ts';
import { consumeOAuthState, insertOAuthState } from '../db/request-replay.ts';

/** As long as Bolt's state cookie lives: an install not finished by then starts again. */
export const STATE_TTL_SECONDS = 600;

/** Bolt's installer answers this code with 400 and "invalid state" (@slack/oauth ErrorCode.InvalidStateError). */
const INVALID_STATE = 'slack_oauth_invalid_state';

export function createStateStore(db: Database, stateSecret: string, ttlSeconds = STATE_TTL_SECONDS): StateStore {
  const hash = (state: string) => createHmac('sha256', stateSecret).update(state).digest();
  return {
    async generateStateParam(installOptions: InstallURLOptions, now: Date) {
      const state = randomBytes(32).toString('base64url');
      await insertOAuthState(db, hash(state), installOptions, new Date(now.getTime() + ttlSeconds * 1000));
      return state;
    },
    async verifyStateParam(_now: Date, state: string) {
      const installOptions = await consumeOAuthState(db, hash(state));
      if (installOptions === undefined) {
        throw Object.assign(new Error('The state parameter is unknown, expired or already used.'), { code: INVALID_STATE });
      }
      return installOptions as InstallURLOptions;
    },
  };
}
