// Credentials Cuadra must use again (shop API keys, webhook secrets, mailbox passwords) are stored
// encrypted with a key derived from the service's shared secret: a database dump alone reveals nothing.
import crypto from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface CredentialCipher {
  /** Encrypts a credential; `purpose` (e.g. "store:consumer_secret") binds it to its column. */
  encrypt(plain: string, purpose: string): string;
  /** Decrypts what `encrypt` produced for the same purpose; throws when it was altered or the key changed. */
  decrypt(stored: string, purpose: string): string;
}

export class CredentialDecryptionError extends Error {
  constructor(purpose: string) {
    super(`The stored ${purpose} cannot be decrypted: the service secret changed or the value was altered. Enter it again.`);
    this.name = 'CredentialDecryptionError';
  }
}

/** HKDF-SHA256 of the shared secret → AES-256-GCM; each value gets its own random IV. */
export function createCredentialCipher(sharedSecret: string): CredentialCipher {
  const key = Buffer.from(crypto.hkdfSync('sha256', sharedSecret, 'cuadra-credentials', 'cuadra stored credentials v1', 32));
  return {
    encrypt(plain, purpose) {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(purpose, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    decrypt(stored, purpose) {
      const [version, payload] = stored.split(':', 2);
      if (version !== VERSION || !payload) throw new CredentialDecryptionError(purpose);
      const bytes = Buffer.from(payload, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) throw new CredentialDecryptionError(purpose);
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(purpose, 'utf8'));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new CredentialDecryptionError(purpose);
      }
    },
  };
}
