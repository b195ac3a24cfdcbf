/**
 * `data status` and `data apply`: which pack the workspace has, what a pack file would
 * change, and applying it. Both surfaces (the CLI and `/invest data`) use these.
 */
import { basename } from 'node:path';
import { isUserError, UserError } from '../../core/errors.ts';
import type { PublicDataState } from '../../db/public-data.ts';
import type { CommandContext } from '../context.ts';
import { planPack, writePack, type ApplyResult, type PackPlan } from './apply.ts';
import { packActor } from './pack-actor.ts';
import { isOlderPack, readPack, SHIPPED_PACK_FILE } from './pack.ts';

export interface PublicDataStatusView {
  file: string;
  /** The pack file's version and as-of date, when it reads and validates. */
  pack: { version: string; asOf: string } | undefined;
  /** Why the pack file was refused, when it was. */
  packError: string | undefined;
  state: PublicDataState | undefined;
  /** What applying the pack file would change; undefined when it was refused. */
  plan: PackPlan | undefined;
}

export async function publicDataStatus(ctx: CommandContext, file: string = SHIPPED_PACK_FILE): Promise<PublicDataStatusView> {
  const deals = await ctx.deals();
  const state = await ctx.store.publicData.state();
  try {
    const pack = readPack(file, deals.keys());
    const { operations: _ops, projectIds: _ids, ...plan } = await planPack(ctx, ctx.store, pack);
    return { file, pack: { version: pack.version, asOf: pack.asOf }, packError: undefined, state, plan };
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { file, pack: undefined, packError: err.userMessage(), state, plan: undefined };
  }
}

export interface ApplyOptions {
  /** Apply a pack older than the workspace's (it would set changed fields back). */
  allowOlder?: boolean;
  /** Plan only: print the diff, write nothing. */
  dryRun?: boolean;
}

/**
 * Validates the file, refuses a pack older than the workspace's, and writes it in one
 * transaction; a refused pack changes nothing. The audit events name the pack's version.
 */
export async function applyPackFile(ctx: CommandContext, file: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const pack = readPack(file, (await ctx.deals()).keys());
  const state = await ctx.store.publicData.state();
  if (
    state?.status === 'loaded' &&
    state.packVersion &&
    state.packAsOf &&
    !options.allowOlder &&
    isOlderPack(pack, { version: state.packVersion, asOf: state.packAsOf })
  ) {
    throw new UserError('pack_older', { file, version: pack.version, asOf: pack.asOf, current: state.packVersion, currentAsOf: state.packAsOf });
  }
  if (options.dryRun) {
    const { operations: _ops, projectIds: _ids, ...plan } = await planPack(ctx, ctx.store, pack);
    return { ...plan, moved: [] };
  }
  return ctx.write((store) => writePack(ctx, store, pack, packActor(pack.version, ctx.actor.source), { file: basename(file), appliedBy: ctx.actor.userId }));
}
