import { createInstallationStore } from '../slack/installation-store.ts';
import { TokenCipher } from '../slack/token-cipher.ts';
import type { CliAction } from './cli-command.ts';

/**
 * Finishes a key rotation at once: every stored token still under
 * DEALCLOCK_ENCRYPTION_KEY_PREVIOUS is sealed again under DEALCLOCK_ENCRYPTION_KEY.
 * Without it the rotation completes workspace by workspace as tokens are read; after it
 * the previous key can be removed.
 */
export const rotateKey: CliAction = {
  async run(_args, { runtime, tr }) {
    const rt = runtime!;
    const cipher = TokenCipher.fromConfig(rt.config);
    if (!cipher) {
      process.stderr.write(tr.text('cli.rotate_key.no_key', { variable: 'DEALCLOCK_ENCRYPTION_KEY' }) + '\n');
      return 2;
    }
    const { rotated, failed } = await createInstallationStore(rt.db, cipher, rt.logger).rotateKey();
    process.stdout.write(tr.text('cli.rotate_key.done', { n: rotated, key: cipher.currentKeyId, failed }) + '\n');
    return failed ? 1 : 0;
  },
};
