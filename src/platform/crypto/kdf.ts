import { pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { VrmError } from '../errors.js';

const pbkdf2Async = promisify(pbkdf2);

/**
 * Key derivation matches SQLCipher 4 exactly (PBKDF2-HMAC-SHA512, 256,000 iterations, the 16-byte
 * salt that opens the database file). So the key vrm derives is the key stock `sqlcipher` derives
 * from the same passphrase: a person can always open their store without vrm, and vrm can hand out
 * the derived key as a session token without ever keeping the passphrase.
 */
export const KDF_ITERATIONS = 256_000;
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
export const MIN_PASSPHRASE_LENGTH = 8;

export const newSalt = (): Buffer => randomBytes(SALT_BYTES);

export async function deriveKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return pbkdf2Async(passphrase.normalize('NFC'), salt, KDF_ITERATIONS, KEY_BYTES, 'sha512');
}

/** Rejects passphrases too short to resist guessing; the message names the rule. */
export function assertAcceptablePassphrase(passphrase: string): void {
  if (Array.from(new Intl.Segmenter().segment(passphrase)).length < MIN_PASSPHRASE_LENGTH) {
    throw new VrmError(
      'invalid_input',
      `passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long`,
      { details: [{ path: 'passphrase', message: `shorter than ${MIN_PASSPHRASE_LENGTH} characters` }] },
    );
  }
}

const TOKEN_PREFIX = 'vrm1.';

/** A session token carries the derived key (never the passphrase), so it skips key derivation. */
export const encodeSessionToken = (key: Buffer): string => TOKEN_PREFIX + key.toString('base64url');

export function decodeSessionToken(token: string): Buffer {
  const trimmed = token.trim();
  const key = trimmed.startsWith(TOKEN_PREFIX)
    ? Buffer.from(trimmed.slice(TOKEN_PREFIX.length), 'base64url')
    : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) {
    throw new VrmError(
      'unauthorized',
      'the session token is malformed (expected the output of `vrm unlock`)',
    );
  }
  return key;
}
