import { execFileSync, spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllowedSigners } from '../../../electron/core/bundle/allowed-signers';
import { allowedSignersLine, BUNDLE_NAMESPACE, fingerprintOf, generateKey, openSshPublicKey } from '../../../electron/core/bundle/keys';
import { checkSshsig, signSshsig } from '../../../electron/core/bundle/sshsig';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-sshsig-');
afterEach(() => dirs.cleanup());

const MESSAGE = Buffer.from('0000000000000000000000000000000000000000000000000000000000000000  bagit.txt\n');

function keyPair() {
  const key = generateKey();
  return { ...key, privateKey: createPrivateKey(key.privatePem) };
}

/** Runs stock ssh-keygen -Y verify on a message and signature; true when it accepts. */
function sshKeygenVerifies(dir: string, line: string, principal: string, namespace: string, signature: string, message: Buffer): boolean {
  fs.writeFileSync(path.join(dir, 'allowed_signers'), `${line}\n`);
  fs.writeFileSync(path.join(dir, 'msg.sig'), signature);
  const r = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', path.join(dir, 'allowed_signers'), '-I', principal, '-n', namespace, '-s', path.join(dir, 'msg.sig')], { input: message });
  return r.status === 0;
}

describe('keys', () => {
  it('prints the fingerprint exactly as ssh-keygen -l does', () => {
    const dir = dirs.make();
    const key = keyPair();
    fs.writeFileSync(path.join(dir, 'k.pub'), `${openSshPublicKey(key.publicBlob)} test\n`);
    const printed = execFileSync('ssh-keygen', ['-l', '-f', path.join(dir, 'k.pub')]).toString();
    expect(printed.split(' ')[1]).toBe(fingerprintOf(key.publicBlob));
    expect(fingerprintOf(key.publicBlob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('reads allowed_signers lines, with every problem named by its line', () => {
    const a = keyPair();
    const b = keyPair();
    const text = [
      '# head office',
      allowedSignersLine('hoan-a', a.publicBlob, '北関東ソーラー発電所 PC'),
      '',
      `"user@host" ${openSshPublicKey(b.publicBlob)}`,
      'just-a-name ssh-rsa AAAAB3NzaC1yc2E= rsa',
      `x cert-authority ${openSshPublicKey(a.publicBlob)}`,
      `x namespaces="file,git" ${openSshPublicKey(a.publicBlob)}`,
      `x namespaces="hoan-*" ${openSshPublicKey(b.publicBlob)}`,
      'x ssh-ed25519 AAAAnotbase64!',
      'only-a-name',
    ].join('\n');
    const { signers, errors } = parseAllowedSigners(text);
    expect(signers.map((s) => [s.principal, s.name, s.fingerprint])).toEqual([
      ['hoan-a', '北関東ソーラー発電所 PC', fingerprintOf(a.publicBlob)],
      ['user@host', 'user@host', fingerprintOf(b.publicBlob)],
    ]);
    expect(errors).toEqual([
      { line: 5, problem: 'unsupported_key' },
      { line: 6, problem: 'cert_authority' },
      { line: 7, problem: 'namespace_excluded' },
      { line: 9, problem: 'bad_key' },
      { line: 10, problem: 'malformed' },
    ]);
  });
});

describe('SSHSIG', () => {
  it('signatures made here verify with stock ssh-keygen -Y verify, and only for their namespace, key and message', () => {
    const dir = dirs.make();
    const key = keyPair();
    const line = allowedSignersLine('hoan-site', key.publicBlob, 'Site PC');
    const signature = signSshsig(key.privateKey, key.publicBlob, BUNDLE_NAMESPACE, MESSAGE);
    expect(signature).toMatch(/^-----BEGIN SSH SIGNATURE-----\n/);
    expect(sshKeygenVerifies(dir, line, 'hoan-site', BUNDLE_NAMESPACE, signature, MESSAGE)).toBe(true);
    expect(sshKeygenVerifies(dir, line, 'hoan-site', 'file', signature, MESSAGE)).toBe(false);
    expect(sshKeygenVerifies(dir, line, 'hoan-site', BUNDLE_NAMESPACE, signature, Buffer.concat([MESSAGE, Buffer.from('x')]))).toBe(false);
    const other = keyPair();
    expect(sshKeygenVerifies(dir, allowedSignersLine('hoan-site', other.publicBlob, ''), 'hoan-site', BUNDLE_NAMESPACE, signature, MESSAGE)).toBe(false);
  });

  it('accepts signatures made by stock ssh-keygen -Y sign', () => {
    const dir = dirs.make();
    const keyFile = path.join(dir, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'office', '-f', keyFile]);
    fs.writeFileSync(path.join(dir, 'msg'), MESSAGE);
    execFileSync('ssh-keygen', ['-Y', 'sign', '-n', BUNDLE_NAMESPACE, '-f', keyFile, path.join(dir, 'msg')], { stdio: 'pipe' });
    const check = checkSshsig(fs.readFileSync(path.join(dir, 'msg.sig')), MESSAGE);
    expect(check.ok).toBe(true);
    const pub = fs.readFileSync(`${keyFile}.pub`, 'utf8').split(' ')[1]!;
    expect(check.ok && fingerprintOf(check.publicBlob)).toBe(fingerprintOf(Buffer.from(pub, 'base64')));
    expect(check.ok && check.namespace).toBe(BUNDLE_NAMESPACE);
  });

  it('tells a tampered signature from a malformed one', () => {
    const key = keyPair();
    const signature = Buffer.from(signSshsig(key.privateKey, key.publicBlob, BUNDLE_NAMESPACE, MESSAGE));
    expect(checkSshsig(signature, Buffer.from('other'))).toMatchObject({ ok: false, problem: 'bad_signature' });
    expect(checkSshsig(Buffer.from('not a signature'), MESSAGE)).toMatchObject({ ok: false, problem: 'malformed' });
    const truncated = Buffer.from(signature.toString().replace(/\n[A-Za-z0-9+/=]+\n-----END/, '\n-----END'));
    expect(checkSshsig(truncated, MESSAGE)).toMatchObject({ ok: false, problem: 'malformed' });
  });
});
