/**
 * Bot tokens at rest: AES-256-GCM with DEALCLOCK_ENCRYPTION_KEY. Each ciphertext records
 * the id of the key that made it, so a key can be rotated: the new key goes in
 * DEALCLOCK_ENCRYPTION_KEY, the old one in DEALCLOCK_ENCRYPTION_KEY_PREVIOUS, and rows
 * under the old key still decrypt until they are re-encrypted (on read, or by
 * `dealclock rotate-key`).
 *
 * The key id is a truncated SHA-256 of the key: it tells keys apart without revealing
 * anything usable about them. The additional authenticated data binds a ciphertext to its
 * workspace, so a token copied onto another workspace's row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { decodeEncryptionKey, type Config } from '../config.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealed {
  /** iv ‖ tag ‖ ciphertext. */
  ciphertext: Buffer;
  keyId: string;
}

export interface Opened {
  plaintext: string;
  /** True when a previous key opened it: the caller should store it sealed again. */
  stale: boolean;
}

export class TokenCipherError extends Error {
  override name = 'TokenCipherError';
}

interface Key {
  id: string;
  bytes: Buffer;
}

export class TokenCipher {
  private readonly current: Key;
  private readonly previous: Key | undefined;

  constructor(current: Buffer, previous?: Buffer) {
    if (current.length !== 32 || (previous && previous.length !== 32)) throw new TokenCipherError('an encryption key must be 32 bytes');
    this.current = { id: keyId(current), bytes: current };
    this.previous = previous ? { id: keyId(previous), bytes: previous } : undefined;
  }

  /** From DEALCLOCK_ENCRYPTION_KEY(_PREVIOUS); undefined when no key is configured. */
  static fromConfig(config: Pick<Config, 'DEALCLOCK_ENCRYPTION_KEY' | 'DEALCLOCK_ENCRYPTION_KEY_PREVIOUS'>): TokenCipher | undefined {
    if (!config.DEALCLOCK_ENCRYPTION_KEY) return undefined;
    const current = decodeEncryptionKey(config.DEALCLOCK_ENCRYPTION_KEY);
    const previous = config.DEALCLOCK_ENCRYPTION_KEY_PREVIOUS ? decodeEncryptionKey(config.DEALCLOCK_ENCRYPTION_KEY_PREVIOUS) : undefined;
    // The configuration schema has validated both; this only guards direct callers.
    if (!current) throw new TokenCipherError('DEALCLOCK_ENCRYPTION_KEY is not a 32-byte key');
    return new TokenCipher(current, previous);
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  seal(plaintext: string, context: string): Sealed {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]), keyId: this.current.id };
  }

  open(sealed: Sealed, context: string): Opened {
    const key = sealed.keyId === this.current.id ? this.current : sealed.keyId === this.previous?.id ? this.previous : undefined;
    if (!key) {
      throw new TokenCipherError(
        `the token was encrypted with key ${sealed.keyId}, which is neither DEALCLOCK_ENCRYPTION_KEY (${this.current.id}) nor DEALCLOCK_ENCRYPTION_KEY_PREVIOUS${this.previous ? ` (${this.previous.id})` : ' (not set)'}`,
      );
    }
    const data = sealed.ciphertext;
    if (data.length < IV_BYTES + TAG_BYTES) throw new TokenCipherError('the stored token is truncated');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(data.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      return { plaintext, stale: key !== this.current };
    } catch {
      // GCM says only "unable to authenticate"; the cause is a wrong key or a tampered row.
      throw new TokenCipherError(`the stored token does not authenticate under key ${key.id} (tampered, or moved from another workspace)`);
    }
  }
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update('dealclock-token-key\0').update(key).digest('hex').slice(0, 16);
}
