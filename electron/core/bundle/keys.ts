import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { toSingleLine } from '../text-schema';
import { sshString, WireReader } from './ssh-wire';

export const KEY_TYPE = 'ssh-ed25519';
/** The SSHSIG namespace of every bundle signature; `ssh-keygen -Y verify -n hoan-bundle`. */
export const BUNDLE_NAMESPACE = 'hoan-bundle';

export interface GeneratedKey {
  /** PKCS#8 PEM: what is written (encrypted where possible) to the private key file. */
  privatePem: string;
  /** The OpenSSH public key blob: string "ssh-ed25519", string key. */
  publicBlob: Buffer;
}

export function generateKey(): GeneratedKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicBlob: publicKeyBlob(publicKey),
  };
}

export function publicKeyBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an Ed25519 key');
  return Buffer.concat([sshString(KEY_TYPE), sshString(Buffer.from(jwk.x, 'base64url'))]);
}

/** The public key inside an OpenSSH blob; throws unless it is a well-formed Ed25519 key. */
export function keyFromBlob(blob: Buffer): KeyObject {
  const r = new WireReader(blob);
  const type = r.text();
  const raw = r.string();
  if (type !== KEY_TYPE || raw.length !== 32 || !r.done) throw new Error('not an ssh-ed25519 public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** As `ssh-keygen -l` prints it: SHA256 of the blob, base64 without padding. */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function openSshPublicKey(blob: Buffer): string {
  return `${KEY_TYPE} ${blob.toString('base64')}`;
}

/**
 * One line of an OpenSSH allowed_signers file, restricted to bundle
 * signatures. The comment is the installation's name, for people; the
 * principal is what `ssh-keygen -Y verify -I` matches.
 */
export function allowedSignersLine(principal: string, blob: Buffer, comment: string): string {
  const cleanComment = toSingleLine(comment, 300);
  return `${principal} namespaces="${BUNDLE_NAMESPACE}" ${openSshPublicKey(blob)}${cleanComment ? ` ${cleanComment}` : ''}`;
}
