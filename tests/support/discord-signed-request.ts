// Requests signed the way Discord signs interactions for an HTTP endpoint: Ed25519 over timestamp + body, with
// the application's public key shown as hex.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SigningKey {
  publicKeyHex: string;
  privateKey: KeyObject;
}

export function newSigningKey(): SigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  // The raw 32-byte key is the tail of the SPKI encoding; Discord shows it as hex.
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  return { publicKeyHex, privateKey };
}

export function signRequest(key: SigningKey, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body), key.privateKey).toString('hex');
}
