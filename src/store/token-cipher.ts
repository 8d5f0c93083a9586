// Encryption at rest for credentials the store keeps (Slack OAuth installations carry bot, user and refresh
// tokens): AES-256-GCM from node:crypto, with the key from the environment, never from the database. A stolen
// backup or a read-only SQL injection then yields ciphertext.
//
// Format: "enc:v1:<key id>:<iv>:<tag>:<ciphertext>" (base64url parts). The key id is the first 8 hex digits of the
// key's SHA-256, so a row names the key that sealed it and rotation needs no bookkeeping: decryption tries the key
// with that id among the current and previous keys; rows sealed with an old key are re-sealed with the current one
// when next read (see SlackInstallationRepository.find). Rotation is documented in docs/slack.md.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

const PREFIX = 'enc:v1:';
const KEY_BYTES = 32;
const IV_BYTES = 12;

/** A 32-byte key written as 64 hex digits or as base64 (44 characters); anything else is refused at start-up. */
export const encryptionKeySchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
    if (key.length !== KEY_BYTES) {
      ctx.addIssue({ code: 'custom', message: 'expected a 32-byte key: 64 hex digits or base64 (e.g. `openssl rand -base64 32`)' });
      return z.NEVER;
    }
    return key;
  });

export class TokenDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenDecryptionError';
  }
}

export interface TokenCipher {
  seal(plaintext: string): string;
  /** The plaintext of a sealed value; a value that is not sealed (written before encryption) is returned as is. */
  open(stored: string): string;
  /** Whether a stored value should be written again: plaintext, or sealed with a key that is no longer current. */
  needsResealing(stored: string): boolean;
}

function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function createTokenCipher(current: Buffer, previous: readonly Buffer[] = []): TokenCipher {
  const currentId = keyId(current);
  const keys = new Map<string, Buffer>([...previous.map((k) => [keyId(k), k] as const), [currentId, current]]);
  return {
    seal(plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), ciphertext].map((b) => b.toString('base64url'));
      return `${PREFIX}${currentId}:${parts.join(':')}`;
    },
    open(stored) {
      if (!isSealed(stored)) return stored;
      const [id, iv, tag, ciphertext] = stored.slice(PREFIX.length).split(':');
      const key = id ? keys.get(id) : undefined;
      if (!key || !iv || !tag || ciphertext === undefined) {
        throw new TokenDecryptionError(`sealed with key ${id ?? '?'}, which is neither the current nor a previous key (see docs/slack.md, "Rotating the token key")`);
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new TokenDecryptionError(`sealed value with key ${id} failed authentication (tampered or corrupt)`);
      }
    },
    needsResealing(stored) {
      return !isSealed(stored) || stored.slice(PREFIX.length, PREFIX.length + 8) !== currentId;
    },
  };
}

/** Without a key: values are stored as they are, and a sealed value cannot be read (the key went missing). */
export const plaintextTokens: TokenCipher = {
  seal: (plaintext) => plaintext,
  open(stored) {
    if (isSealed(stored)) throw new TokenDecryptionError('a stored Slack installation is encrypted, but SLACK_TOKEN_ENCRYPTION_KEY is not set');
    return stored;
  },
  needsResealing: () => false,
};
