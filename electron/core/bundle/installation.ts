import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { HoanError } from '../errors';
import type { KeyProtector } from './key-protector';
import { allowedSignersLine, fingerprintOf, generateKey, openSshPublicKey, publicKeyBlob } from './keys';
import type { KeyInfo } from './bundle-types';
import { writeTransaction } from '../db/transactions';
import { makePrivateDir, OWNER_ONLY_FILE } from '../private-files';

const KEY_FILE = path.join('keys', 'installation_ed25519');
const SEALED_HEADER = 'hoan-protected-key v1 ';

export interface Installation {
  id: string;
  name: string;
  principal: string;
  publicBlob: Buffer;
  fingerprint: string;
  createdAt: string;
}

interface InstallationRow {
  id: string;
  name: string;
  principal: string;
  public_key: string;
  fingerprint: string;
  created_at: string;
}

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

export function getInstallation(db: Database.Database): Installation {
  const row = db.prepare('SELECT * FROM installation').get() as InstallationRow | undefined;
  if (!row) throw new HoanError('not_found', 'bundle.errors.noInstallation');
  return {
    id: row.id,
    name: row.name,
    principal: row.principal,
    publicBlob: Buffer.from(row.public_key, 'base64'),
    fingerprint: row.fingerprint,
    createdAt: row.created_at,
  };
}

/**
 * The installation, refused while nobody has named it: bundles and review
 * notes carry its name as the signer's (署名者), and a name nobody chose (the
 * host name, as before) tells head office nothing.
 */
export function namedInstallation(db: Database.Database): Installation {
  const inst = getInstallation(db);
  if (inst.name.trim() === '') throw new HoanError('validation', 'bundle.errors.noInstallationName');
  return inst;
}

function writeKeyFile(file: string, privatePem: string, protector: KeyProtector | undefined): void {
  const body = protector
    ? `${SEALED_HEADER}${protector.name}\n${protector.encrypt(Buffer.from(privatePem)).toString('base64')}\n`
    : privatePem;
  makePrivateDir(path.dirname(file));
  const temp = `${file}.${randomUUID()}.partial`;
  const fd = fs.openSync(temp, 'wx', OWNER_ONLY_FILE);
  try {
    // open's mode passes through the umask; fchmod sets it exactly.
    fs.fchmodSync(fd, OWNER_ONLY_FILE);
    fs.writeSync(fd, body);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

/**
 * On first run: an Ed25519 key pair for this installation. The write lock is
 * taken first, so a CLI and the app opening a fresh folder together make one
 * key, not two. The name stays empty until someone gives it (the first-run
 * screen, settings, `hoan setup`): the host name ("vm", "DESKTOP-4F2A") would
 * travel as the signer's name in every bundle.
 */
export function ensureInstallation(db: Database.Database, dataDir: string, now: Date, protector?: KeyProtector): void {
  if (db.prepare('SELECT 1 FROM installation').get()) return;
  writeTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM installation').get()) return;
    const id = randomUUID();
    const key = generateKey();
    writeKeyFile(keyFilePath(dataDir), key.privatePem, protector);
    const stamp = now.toISOString();
    db.prepare(
      `INSERT INTO installation (id, name, principal, public_key, fingerprint, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, '', `hoan-${id}`, key.publicBlob.toString('base64'), fingerprintOf(key.publicBlob), stamp, stamp);
  });
}

function readKeyFile(dataDir: string): string | null {
  try {
    return fs.readFileSync(keyFilePath(dataDir), 'utf8');
  } catch {
    return null;
  }
}

export interface KeyFileAccess {
  access: KeyInfo['access'];
  /** The permission bits in octal, e.g. `0600`; null where not checked or the file is missing. */
  mode: string | null;
}

/**
 * Whether anyone but the owner can open the private key file. Windows does not
 * keep these permission bits (Node reports 0666 or 0444 from the read-only
 * flag; the file's ACL decides, and a profile's AppData is the user's own), so
 * there it is not checked.
 */
export function keyFileAccess(file: string, platform: NodeJS.Platform = process.platform): KeyFileAccess {
  if (platform === 'win32') return { access: 'not_checked', mode: null };
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    return { access: 'not_checked', mode: null };
  }
  return { access: mode & 0o077 ? 'exposed' : 'owner_only', mode: `0${mode.toString(8).padStart(3, '0')}` };
}

/** The private key, to sign a bundle; a clear error where this host cannot open it, or where others can read it. */
export function loadSigningKey(dataDir: string, protector?: KeyProtector): KeyObject {
  const text = readKeyFile(dataDir);
  const file = keyFilePath(dataDir);
  if (text === null) throw new HoanError('io', 'bundle.errors.keyMissing', { path: file });
  const { access, mode } = keyFileAccess(file);
  if (access === 'exposed') throw new HoanError('io', 'bundle.errors.keyExposed', { path: file, mode: mode! });
  try {
    if (!text.startsWith(SEALED_HEADER)) return createPrivateKey(text);
    const [header, body] = text.split('\n');
    const name = header!.slice(SEALED_HEADER.length);
    if (!protector || protector.name !== name) throw new HoanError('io', 'bundle.errors.keyProtected', { protector: name });
    return createPrivateKey(protector.decrypt(Buffer.from(body ?? '', 'base64')).toString());
  } catch (err) {
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'bundle.errors.keyUnreadable', { path: keyFilePath(dataDir) });
  }
}

/**
 * The key that signs this installation's bundles: readable, owner-only, and
 * the private half of the public key recorded for the installation (the one
 * others trust). A key file swapped in from another installation or a backup
 * is refused here, before anything is written.
 */
export function signingKey(dataDir: string, protector: KeyProtector | undefined, self: Installation): KeyObject {
  const key = loadSigningKey(dataDir, protector);
  const blob = publicKeyBlob(createPublicKey(key));
  if (!blob.equals(self.publicBlob)) {
    throw new HoanError('conflict', 'bundle.errors.keyMismatch', { path: keyFilePath(dataDir), expected: self.fingerprint, found: fingerprintOf(blob) });
  }
  return key;
}

export function renameInstallation(db: Database.Database, name: string, now: Date): void {
  db.prepare('UPDATE installation SET name = ?, updated_at = ?').run(name, now.toISOString());
}

export function keyInfo(db: Database.Database, dataDir: string): KeyInfo {
  const inst = getInstallation(db);
  const text = readKeyFile(dataDir);
  return {
    installationId: inst.id,
    name: inst.name,
    principal: inst.principal,
    fingerprint: inst.fingerprint,
    publicKey: openSshPublicKey(inst.publicBlob),
    allowedSigners: allowedSignersLine(inst.principal, inst.publicBlob, inst.name),
    protection: text === null ? 'missing' : text.startsWith(SEALED_HEADER) ? 'os' : 'file',
    ...keyFileAccess(keyFilePath(dataDir)),
    keyFile: keyFilePath(dataDir),
  };
}
