import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { KEY_TYPE, keyFromBlob } from './keys';
import { sshString, sshUint32, WireReader } from './ssh-wire';

/**
 * OpenSSH signatures (PROTOCOL.sshsig), as `ssh-keygen -Y sign` makes them,
 * so anyone can check a bundle with stock OpenSSH:
 *
 *   "SSHSIG" uint32(1) string(publickey) string(namespace) string(reserved)
 *   string(hash_algorithm) string(signature)
 *
 * signed over "SSHSIG" string(namespace) string(reserved)
 * string(hash_algorithm) string(H(message)).
 */
const MAGIC = Buffer.from('SSHSIG');
const VERSION = 1;
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const HASHES = new Set(['sha512', 'sha256']);

function signedData(namespace: string, hashAlgorithm: string, message: Buffer): Buffer {
  const digest = createHash(hashAlgorithm).update(message).digest();
  return Buffer.concat([MAGIC, sshString(namespace), sshString(''), sshString(hashAlgorithm), sshString(digest)]);
}

/** An armored SSHSIG signature of `message`, wrapped at 70 columns like ssh-keygen. */
export function signSshsig(privateKey: KeyObject, publicBlob: Buffer, namespace: string, message: Buffer): string {
  const raw = sign(null, signedData(namespace, 'sha512', message), privateKey);
  const blob = Buffer.concat([
    MAGIC,
    sshUint32(VERSION),
    sshString(publicBlob),
    sshString(namespace),
    sshString(''),
    sshString('sha512'),
    sshString(Buffer.concat([sshString(KEY_TYPE), sshString(raw)])),
  ]);
  const b64 = blob.toString('base64');
  const lines = b64.match(/.{1,70}/g) ?? [];
  return `${BEGIN}\n${lines.join('\n')}\n${END}\n`;
}

export type SshsigCheck =
  | { ok: true; publicBlob: Buffer; namespace: string }
  | { ok: false; problem: 'malformed' | 'bad_signature'; detail: string };

function unarmor(text: string): Buffer {
  const trimmed = text.trim();
  if (!trimmed.startsWith(BEGIN) || !trimmed.endsWith(END)) throw new Error('not an armored SSH signature');
  const body = trimmed.slice(BEGIN.length, trimmed.length - END.length).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error('signature is not base64');
  return Buffer.from(body, 'base64');
}

/**
 * Checks that `armored` is a well-formed SSHSIG over `message` made by the key
 * it names. Whether that key is trusted, and whether the namespace is the
 * expected one, the caller decides: those are different failures.
 */
export function checkSshsig(armored: Buffer, message: Buffer): SshsigCheck {
  let publicBlob: Buffer;
  let namespace: string;
  let hashAlgorithm: string;
  let sigType: string;
  let sigRaw: Buffer;
  try {
    const r = new WireReader(unarmor(armored.toString('latin1')));
    if (!r.bytes(6).equals(MAGIC)) throw new Error('no SSHSIG magic');
    if (r.uint32() !== VERSION) throw new Error('unsupported SSHSIG version');
    publicBlob = Buffer.from(r.string());
    namespace = r.text();
    r.string();
    hashAlgorithm = r.text();
    const inner = new WireReader(r.string());
    if (!r.done) throw new Error('trailing bytes after the signature');
    sigType = inner.text();
    sigRaw = inner.string();
    if (!inner.done) throw new Error('trailing bytes in the signature blob');
  } catch (err) {
    return { ok: false, problem: 'malformed', detail: (err as Error).message };
  }
  if (!HASHES.has(hashAlgorithm)) return { ok: false, problem: 'malformed', detail: `hash algorithm ${hashAlgorithm}` };
  if (sigType !== KEY_TYPE || sigRaw.length !== 64) return { ok: false, problem: 'malformed', detail: `signature type ${sigType}` };
  let key: KeyObject;
  try {
    key = keyFromBlob(publicBlob);
  } catch (err) {
    return { ok: false, problem: 'malformed', detail: (err as Error).message };
  }
  const valid = verify(null, signedData(namespace, hashAlgorithm, message), key, sigRaw);
  return valid ? { ok: true, publicBlob, namespace } : { ok: false, problem: 'bad_signature', detail: 'signature does not verify' };
}
