import { createInstallationStore } from '../slack/installation-store.ts';
import { TokenCipher } from '../slack/token-cipher.ts';
import { plural, type CliAction } from './cli-command.ts';

/**
 * Finishes a key rotation at once: every stored token still under
 * DEALCLOCK_ENCRYPTION_KEY_PREVIOUS is sealed again under DEALCLOCK_ENCRYPTION_KEY.
 * Without it the rotation completes workspace by workspace as tokens are read; after it
 * the previous key can be removed.
 */
export const rotateKey: CliAction = {
  async run(_args, { runtime }) {
    const rt = runtime!;
    const cipher = TokenCipher.fromConfig(rt.config);
    if (!cipher) {
      process.stderr.write('DEALCLOCK_ENCRYPTION_KEY is not set: there is no key to rotate to.\n');
      return 2;
    }
    const { rotated, failed } = await createInstallationStore(rt.db, cipher, rt.logger).rotateKey();
    process.stdout.write(
      `Re-encrypted ${plural(rotated, 'token')} under key ${cipher.currentKeyId}${failed ? `; ${failed} could not be decrypted (see the log)` : ''}.\n`,
    );
    return failed ? 1 : 0;
  },
};
