import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyDefenderPackage, DefenderUpdateError, type DefenderUpdateOptions } from '../../../electron/core/definitions/defender-update';
import { readPeMachine, windowsArch } from '../../../electron/core/definitions/pe-machine';
import { translate } from '../../../electron/core/i18n/translate';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';
import { installStandIn, recorded, writePe, type Reply, type StandIn } from './defender-stand-ins';

const STATUS_ARGV = [
  '-NoProfile',
  '-NonInteractive',
  '-Command',
  'Get-MpComputerStatus | Select-Object AMEngineVersion,AntivirusSignatureVersion,AntivirusSignatureLastUpdated | ConvertTo-Json',
];
const X64 = 0x8664;
const X86 = 0x014c;

const dirs = tempDirs('hoan-defender-');
let dir: string;
let staging: string;
let usb: string;
beforeEach(() => {
  dir = dirs.make();
  staging = path.join(dir, 'tmp');
  usb = path.join(dir, 'usb');
  fs.mkdirSync(staging);
  fs.mkdirSync(usb);
});
afterEach(() => dirs.cleanup());

const systemRoot = () => path.join(dir, 'Windows');
const powershell = (replies: Reply[]) => installStandIn(path.join(systemRoot(), 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'), replies);
const mpCmdRun = (replies: Reply[]) => installStandIn(path.join(dir, 'Program Files', 'Windows Defender', 'MpCmdRun.exe'), replies);
const status = (name: string): Reply => ({ stdout: recorded(name) });
const BEFORE_AFTER = [status('status-ps5-before.json'), status('status-ps5-after.json')];

function options(over: Partial<DefenderUpdateOptions> = {}): DefenderUpdateOptions {
  return {
    packageFolder: usb,
    mpCmdRun: path.join(dir, 'Program Files', 'Windows Defender', 'MpCmdRun.exe'),
    env: { SystemRoot: systemRoot(), PROCESSOR_ARCHITECTURE: 'AMD64' },
    stagingDir: staging,
    ...over,
  };
}

/** The error an update ends with, log included; fails the test if it succeeds or fails otherwise. */
async function thrown(p: Promise<unknown>): Promise<DefenderUpdateError> {
  const err = await p.then(
    () => new Error('expected a DefenderUpdateError, but the update succeeded'),
    (e: unknown) => e,
  );
  if (!(err instanceof DefenderUpdateError)) throw err;
  return err;
}

/** The one MpCmdRun call, its argv checked exactly, and the files it found in the folder it was given. */
function updateCall(stand: StandIn): Record<string, string> {
  const calls = stand.calls();
  expect(calls).toHaveLength(1);
  const [call] = calls;
  expect(call!.argv).toHaveLength(4);
  expect(call!.argv.slice(0, 3)).toEqual(['-SignatureUpdate', '-UNC', '-Path']);
  const folder = call!.argv[3]!;
  expect(path.dirname(folder)).toBe(staging);
  return call!.folders[folder]!;
}

describe('[#12.2] applying an offline Defender package', () => {
  it('[#12.2] reads the versions, hands MpCmdRun a copy laid out as <folder>\\x64\\mpam-fe.exe, reads them again, and reports before, after and the log', async () => {
    const pkg = writePe(path.join(usb, 'mpam-fe.exe'), X64);
    const ps = powershell(BEFORE_AFTER);
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);

    const result = await applyDefenderPackage(options());

    expect(result.before).toEqual({ engineVersion: '1.1.25030.1', signatures: '1.427.112.0', signaturesUpdatedAt: '2025-05-20T03:14:15.000Z' });
    expect(result.after).toEqual({ engineVersion: '1.1.25040.2', signatures: '1.429.201.0', signaturesUpdatedAt: '2025-06-01T00:20:11.000Z' });
    expect(result.package).toEqual({ path: pkg, sha256: sha256OfFile(pkg), size: fs.statSync(pkg).size, arch: 'x64' });
    // PowerShell twice, with the script as one argument; MpCmdRun once, with the staged copy and nothing else in its folder.
    expect(ps.calls().map((c) => c.argv)).toEqual([STATUS_ARGV, STATUS_ARGV]);
    expect(updateCall(mp)).toEqual({ 'x64/mpam-fe.exe': sha256OfFile(pkg) });
    expect(result.log).toContain('Get-MpComputerStatus');
    expect(result.log).toContain('-SignatureUpdate -UNC -Path');
    expect(result.log).toContain('Signature update finished.');
    expect(result.log).toContain(sha256OfFile(pkg));
    // The copy is gone; the medium's file is untouched.
    expect(fs.readdirSync(staging)).toEqual([]);
    expect(fs.existsSync(pkg)).toBe(true);
  });

  it('[#12.2] PowerShell 7 prints the update time as ISO with an offset: read the same', async () => {
    writePe(path.join(usb, 'mpam-fe.exe'), X64);
    powershell([status('status-ps5-before.json'), status('status-ps7-after.json')]);
    mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);
    const result = await applyDefenderPackage(options());
    expect(result.after).toEqual({ engineVersion: '1.1.25040.2', signatures: '1.429.201.0', signaturesUpdatedAt: '2025-06-01T00:20:11.523Z' });
  });

  it('[#12.2] Microsoft\'s share layout (x64\\ and x86\\ side by side): a 32-bit laptop gets the x86 package, in an x86 folder', async () => {
    writePe(path.join(usb, 'x64', 'mpam-fe.exe'), X64);
    const x86 = writePe(path.join(usb, 'x86', 'mpam-fe.exe'), X86);
    powershell(BEFORE_AFTER);
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);
    const result = await applyDefenderPackage(options({ env: { SystemRoot: systemRoot(), PROCESSOR_ARCHITECTURE: 'x86' } }));
    expect(result.package).toMatchObject({ path: x86, arch: 'x86' });
    expect(updateCall(mp)).toEqual({ 'x86/mpam-fe.exe': sha256OfFile(x86) });
  });

  it('[#12.2] the laptop\'s architecture is the system\'s, also when Hoan runs as a 32-bit process', () => {
    expect(windowsArch({ PROCESSOR_ARCHITECTURE: 'AMD64' })).toBe('x64');
    expect(windowsArch({ PROCESSOR_ARCHITECTURE: 'x86', PROCESSOR_ARCHITEW6432: 'AMD64' })).toBe('x64');
    expect(windowsArch({ PROCESSOR_ARCHITECTURE: 'x86' })).toBe('x86');
    expect(windowsArch({ PROCESSOR_ARCHITECTURE: 'ARM64' })).toBe('arm64');
    expect(windowsArch({}, 'ia32')).toBe('x86');
  });
});

describe('[#12.2] a package that is not for this laptop is refused before anything runs', () => {
  async function refused(over: Partial<DefenderUpdateOptions> = {}) {
    const ps = powershell(BEFORE_AFTER);
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);
    const err = await thrown(applyDefenderPackage(options(over)));
    expect(ps.calls()).toEqual([]);
    expect(mp.calls()).toEqual([]);
    expect(fs.readdirSync(staging)).toEqual([]);
    return err;
  }

  it('[#12.2] an x86 package on an x64 laptop names the file and both architectures', async () => {
    const file = writePe(path.join(usb, 'mpam-fe.exe'), X86);
    const err = await refused();
    expect(err).toMatchObject({ code: 'validation', messageKey: 'media.defenderUpdate.errors.wrongArch', params: { file, found: 'x86', expected: 'x64' } });
    expect(translate('ja', err.messageKey, err.params)).toContain('x86 用');
  });

  it('[#12.2] a file named mpam-fe.exe that is not a Windows program, and one cut inside its header', async () => {
    const text = path.join(usb, 'mpam-fe.exe');
    fs.writeFileSync(text, 'this is a text file, not a package\n'.repeat(4));
    expect(await refused()).toMatchObject({ messageKey: 'media.defenderUpdate.errors.notPe', params: { file: text } });
    const cut = writePe(text, X64);
    fs.truncateSync(cut, 0x84);
    expect(await refused()).toMatchObject({ messageKey: 'media.defenderUpdate.errors.notPeTruncated', params: { file: cut } });
  });

  it('[#12.2] no package in the folder, two for the same architecture, an unsupported architecture, no MpCmdRun.exe', async () => {
    expect(await refused()).toMatchObject({ messageKey: 'media.defenderUpdate.errors.packageMissing', params: { folder: usb } });
    writePe(path.join(usb, 'mpam-fe.exe'), X64);
    writePe(path.join(usb, 'x64', 'mpam-fe.exe'), X64, 'another build');
    expect(await refused()).toMatchObject({ messageKey: 'media.defenderUpdate.errors.ambiguous', params: { arch: 'x64' } });
    expect(await refused({ arch: 'arm64' })).toMatchObject({ messageKey: 'media.defenderUpdate.errors.archUnsupported', params: { arch: 'arm64' } });
    const elsewhere = path.join(dir, 'nowhere', 'MpCmdRun.exe');
    expect(await refused({ mpCmdRun: elsewhere })).toMatchObject({ code: 'io', messageKey: 'media.defenderUpdate.errors.mpCmdRunMissing', params: { path: elsewhere } });
    // A configured program that is not MpCmdRun is not run either.
    expect(await refused({ mpCmdRun: process.execPath })).toMatchObject({ messageKey: 'media.defenderUpdate.errors.mpCmdRunMissing' });
  });
});

describe('[#12.2] failures of Defender itself are explained', () => {
  beforeEach(() => {
    writePe(path.join(usb, 'mpam-fe.exe'), X64);
  });

  it('[#12.2] "Failed with hr = 0x80070005": run as administrator; the versions are not read again, the log has MpCmdRun\'s words', async () => {
    const ps = powershell(BEFORE_AFTER);
    mpCmdRun([{ stdout: recorded('signature-update-hr-access-denied.txt'), exitCode: 2 }]);
    const err = await thrown(applyDefenderPackage(options()));
    expect(err).toMatchObject({ code: 'io', messageKey: 'media.defenderUpdate.errors.failedAccessDenied', params: { hr: '0x80070005' } });
    expect(err.log).toContain('CmdTool: Failed with hr = 0x80070005');
    expect(ps.calls()).toHaveLength(1);
    expect(translate('en', err.messageKey, err.params)).toContain('administrator');
    expect(fs.readdirSync(staging)).toEqual([]);
  });

  it('[#12.2] an HRESULT without advice is still named, never taken for success', async () => {
    powershell(BEFORE_AFTER);
    mpCmdRun([{ stdout: recorded('signature-update-hr-other.txt'), exitCode: 2 }]);
    expect(await thrown(applyDefenderPackage(options()))).toMatchObject({ messageKey: 'media.defenderUpdate.errors.failedHr', params: { hr: '0x80508026' } });
  });

  it('[#12.2] MpCmdRun exits 0 but Defender\'s versions did not change: reported as not updated', async () => {
    const ps = powershell([status('status-ps5-before.json'), status('status-ps5-before.json')]);
    mpCmdRun([{ stdout: recorded('signature-update-no-updates.txt') }]);
    const err = await thrown(applyDefenderPackage(options()));
    expect(err).toMatchObject({ code: 'conflict', messageKey: 'media.defenderUpdate.errors.unchanged', params: { version: '1.427.112.0', engine: '1.1.25030.1' } });
    expect(ps.calls()).toHaveLength(2);
  });

  it('[#12.2] no PowerShell where Windows keeps it: nothing is run', async () => {
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);
    const err = await thrown(applyDefenderPackage(options()));
    expect(err).toMatchObject({ code: 'io', messageKey: 'media.defenderUpdate.errors.powershellMissing' });
    expect(String(err.params!.path)).toBe(path.join(systemRoot(), 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'));
    expect(mp.calls()).toEqual([]);
  });

  it('[#12.2] Get-MpComputerStatus fails (Defender service off, as a Japanese Windows prints it): nothing is applied', async () => {
    powershell([{ stderr: recorded('status-service-off.stderr.txt'), exitCode: 1 }]);
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);
    const err = await thrown(applyDefenderPackage(options()));
    expect(err).toMatchObject({ code: 'io', messageKey: 'media.defenderUpdate.errors.statusUnreadable', params: { exitCode: '1' } });
    expect(err.log).toContain('HRESULT 0x800106ba');
    expect(mp.calls()).toEqual([]);
  });

  it('[#12.2] MpCmdRun that does not finish in time is stopped, and the staged copy removed', async () => {
    powershell(BEFORE_AFTER);
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt'), sleepMs: 60_000 }]);
    const err = await thrown(applyDefenderPackage(options({ timeoutMs: 300 })));
    expect(err).toMatchObject({ code: 'io', messageKey: 'media.defenderUpdate.errors.timeout' });
    expect(mp.calls()).toHaveLength(1);
    expect(fs.readdirSync(staging)).toEqual([]);
  });
});

describe('[#12.2] the PE header read', () => {
  // Real Windows programs that ship in node_modules (electron-winstaller's vendor folder), when present.
  const vendor = path.resolve(__dirname, '../../../node_modules/electron-winstaller/vendor');
  it.skipIf(!fs.existsSync(vendor))('[#12.2] reads the Machine field of real x64, x86 and ARM64 programs', () => {
    expect(readPeMachine(path.join(vendor, '7z-x64.exe'))).toEqual({ ok: true, machine: 0x8664, arch: 'x64' });
    expect(readPeMachine(path.join(vendor, 'Setup.exe'))).toEqual({ ok: true, machine: 0x014c, arch: 'x86' });
    expect(readPeMachine(path.join(vendor, '7z-arm64.exe'))).toEqual({ ok: true, machine: 0xaa64, arch: 'arm64' });
  });

  it('[#12.2] a PE offset beyond the end of the file is refused before it is read', () => {
    const file = writePe(path.join(dir, 'x.exe'), X64);
    const bytes = fs.readFileSync(file);
    bytes.writeUInt32LE(0xfffffff0, 0x3c);
    fs.writeFileSync(file, bytes);
    expect(readPeMachine(file)).toEqual({ ok: false, reason: 'bad_offset' });
  });
});
