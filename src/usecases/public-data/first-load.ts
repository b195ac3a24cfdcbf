/**
 * A new workspace starts with the public pipeline: on its first command (shell, CLI or
 * Slack) the shipped pack is loaded into it, marked as public record. It happens once per
 * workspace whatever the number of processes: the load runs under a per-workspace lock
 * and `public_data_state` says it is done, so a second start or a second replica loads
 * nothing twice. With DEALCLOCK_PUBLIC_DATA=off the workspace is marked `off` and starts
 * empty; workspaces that existed before public data are marked `existing` by the
 * migration and keep what they have (`dealclock data apply` brings the pack in).
 */
import type { CommandContext } from '../context.ts';
import { writePack } from './apply.ts';
import { packActor } from './pack-actor.ts';
import { readPack, SHIPPED_PACK_FILE } from './pack.ts';

export type FirstLoad = 'loaded' | 'off' | 'already';

export async function loadPublicDataOnce(ctx: CommandContext, options: { enabled: boolean; file?: string }): Promise<FirstLoad> {
  // Cheap check first: after the first start this is the only query.
  if (await ctx.store.publicData.state()) return 'already';
  const deals = await ctx.deals();
  const pack = options.enabled ? readPack(options.file ?? SHIPPED_PACK_FILE, deals.keys()) : undefined;
  return ctx.write(async (store) => {
    await store.publicData.lock();
    if (await store.publicData.state()) return 'already';
    if (!pack) {
      await store.publicData.setState('off');
      return 'off';
    }
    await writePack(ctx, store, pack, packActor(pack.version, 'system'), { firstLoad: true });
    return 'loaded';
  });
}
