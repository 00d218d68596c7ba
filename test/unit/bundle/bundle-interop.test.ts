import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { keyInfo } from '../../../electron/core/bundle/installation';
import type { ExportResult } from '../../../electron/core/bundle/bundle-types';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, type PopulatedSite, type World } from './bundle-world';

const dirs = tempDirs('hoan-bundle-interop-');
let site: World;
let seeded: PopulatedSite;
let exported: ExportResult;
let bag: string;

beforeAll(async () => {
  site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  seeded = await populatedSite(site);
  exported = await exportBundle(site.core, seeded.site.id, dirs.make());
  bag = path.join(dirs.make(), 'bag');
  execFileSync('unzip', ['-q', exported.path, '-d', bag]);
});
afterAll(() => {
  site.core.close();
  dirs.cleanup();
});

const run = (cmd: string, args: string[], input?: Buffer) => spawnSync(cmd, args, { cwd: bag, ...(input ? { input } : {}) });

describe('a bundle checked with standard tools only', () => {
  it('is a BagIt 1.0 bag with the declared layout and bag-info fields', () => {
    expect(fs.readFileSync(path.join(bag, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    const info = fs.readFileSync(path.join(bag, 'bag-info.txt'), 'utf8');
    for (const label of ['Source-Organization', 'Bagging-Date', 'External-Identifier', 'Payload-Oxum', 'Bag-Software-Agent', 'Hoan-Site-Id', 'Hoan-Sequence', 'Hoan-Signer-Fingerprint', 'Hoan-Format-Version']) {
      expect(info).toMatch(new RegExp(`^${label}: \\S`, 'm'));
    }
    expect(info).toContain(`External-Identifier: ${exported.bundleId}`);
    expect(info).toContain(`Hoan-Signer-Fingerprint: ${keyInfo(site.core.db, site.core.dataDir).fingerprint}`);
    const records = fs.readdirSync(path.join(bag, 'data', 'records')).sort();
    expect(records).toEqual(['advisory-triage.json', 'assessments.json', 'audit.json', 'catalogues.json', 'inventory.json', 'media.json', 'registers.json', 'review-notes.json', 'site.json']);
    expect(fs.readdirSync(path.join(bag, 'data', 'evidence')).sort()).toEqual([...seeded.evidence].sort());
    expect(fs.readdirSync(path.join(bag, 'data', 'report'))).toEqual(expect.arrayContaining(['media-log.xlsx', 'inventory.xlsx', expect.stringMatching(/^checklist-01-.*\.xlsx$/)]));
    const readme = fs.readFileSync(path.join(bag, 'data', 'README.txt'), 'utf8');
    expect(readme).toContain('ssh-keygen -Y verify');
    expect(readme).toContain('sha256sum -c');
  });

  it('sha256sum -c accepts the tag manifest and the manifest, and catches a changed file', () => {
    for (const manifest of ['tagmanifest-sha256.txt', 'manifest-sha256.txt']) {
      const r = run('sha256sum', ['-c', '--strict', manifest]);
      expect(r.status, r.stdout.toString() + r.stderr.toString()).toBe(0);
    }
    const lines = fs.readFileSync(path.join(bag, 'manifest-sha256.txt'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(fs.readdirSync(path.join(bag, 'data'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length);
    const copy = path.join(dirs.make(), 'copy');
    fs.cpSync(bag, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, 'data', 'records', 'site.json'), ' ');
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: copy }).status).not.toBe(0);
  });

  it('ssh-keygen -Y verify accepts the signature with the exported allowed_signers line, as the README says', () => {
    const info = keyInfo(site.core.db, site.core.dataDir);
    const signers = path.join(dirs.make(), 'allowed_signers');
    fs.writeFileSync(signers, `${info.allowedSigners}\n`);
    const tag = fs.readFileSync(path.join(bag, 'tagmanifest-sha256.txt'));
    const ok = run('ssh-keygen', ['-Y', 'verify', '-f', signers, '-I', info.principal, '-n', 'hoan-bundle', '-s', 'tagmanifest-sha256.txt.sig'], tag);
    expect(ok.status, ok.stderr.toString()).toBe(0);
    expect(ok.stdout.toString()).toContain(info.principal);
    expect(execFileSync('ssh-keygen', ['-Y', 'find-principals', '-f', signers, '-s', path.join(bag, 'tagmanifest-sha256.txt.sig')]).toString().trim()).toBe(info.principal);
    const tampered = Buffer.from(tag.toString().replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect(run('ssh-keygen', ['-Y', 'verify', '-f', signers, '-I', info.principal, '-n', 'hoan-bundle', '-s', 'tagmanifest-sha256.txt.sig'], tampered).status).not.toBe(0);
  });

  it('unzip -t finds no errors: every CRC-32 is right', () => {
    expect(execFileSync('unzip', ['-t', exported.path]).toString()).toMatch(/No errors detected/);
  });
});
