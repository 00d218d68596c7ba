import { describe, expect, it } from 'vitest';
import { parseClamscan, parseClamVersion } from '../../../electron/core/media/scanners/clamav';
import { defenderProfile, parseDefenderStatus, parseMpCmdRun } from '../../../electron/core/media/scanners/defender';
import { expandArgs } from '../../../electron/core/media/scanners/scanner-profile';

const CLAM_SUMMARY = (known: number, scanned: number, infected: number) => `
----------- SCAN SUMMARY -----------
Known viruses: ${known}
Engine version: 1.4.6
Scanned directories: 3
Scanned files: ${scanned}
Infected files: ${infected}
Data scanned: 12.31 MB
Data read: 10.02 MB (ratio 1.23:1)
Time: 18.402 sec (0 m 18 s)
Start Date: 2025:06:01 09:30:00
End Date:   2025:06:01 09:30:18
`;

describe('ClamAV clamscan output', () => {
  it('clean', () => {
    const stdout = `/media/usb0/README.txt: OK\n/media/usb0/setup.exe: OK\n${CLAM_SUMMARY(8708012, 2, 0)}`;
    expect(parseClamscan({ stdout, stderr: '', exitCode: 0 })).toEqual({
      result: 'clean',
      filesScanned: 2,
      detections: [],
      engineVersion: '1.4.6',
      errorText: '',
      errorReason: null,
    });
  });

  it('detections, including a path with ": " in it', () => {
    const stdout = [
      '/media/usb0/docs/a: b.doc: Doc.Dropper.Agent-1234 FOUND',
      '/media/usb0/eicar.com: Win.Test.EICAR_HDB-1 FOUND',
      '/media/usb0/ok.txt: OK',
      CLAM_SUMMARY(8708012, 3, 2),
    ].join('\n');
    const parsed = parseClamscan({ stdout, stderr: '', exitCode: 1 });
    expect(parsed.result).toBe('infected');
    expect(parsed.detections).toEqual([
      { file: '/media/usb0/docs/a: b.doc', name: 'Doc.Dropper.Agent-1234' },
      { file: '/media/usb0/eicar.com', name: 'Win.Test.EICAR_HDB-1' },
    ]);
  });

  it('errors: exit 2, and a scan with no signatures', () => {
    const stderr = 'LibClamAV Error: cl_load(): No such file or directory: /opt/sigs/daily.cvd\nERROR: Can\'t open file or directory\n';
    expect(parseClamscan({ stdout: CLAM_SUMMARY(0, 0, 0), stderr, exitCode: 2 })).toMatchObject({ result: 'error', errorText: expect.stringContaining('cl_load') });
    expect(parseClamscan({ stdout: CLAM_SUMMARY(0, 5, 0), stderr: '', exitCode: 0 })).toMatchObject({ result: 'error', errorText: 'no signatures loaded' });
    expect(parseClamscan({ stdout: '', stderr: '', exitCode: null })).toMatchObject({ result: 'error', errorText: 'exit code null' });
  });

  it('versions, with and without the official daily database', () => {
    expect(parseClamVersion('ClamAV 1.4.6/27500/Tue Jan  7 09:29:48 2025\n')).toEqual({ engineVersion: '1.4.6', signatureVersion: 'daily 27500 (Tue Jan 7 09:29:48 2025)' });
    expect(parseClamVersion('ClamAV 1.4.6\n')).toEqual({ engineVersion: '1.4.6', signatureVersion: null });
    expect(parseClamVersion('')).toEqual({ engineVersion: null, signatureVersion: null });
  });
});

describe('Microsoft Defender MpCmdRun output', () => {
  it('clean', () => {
    const stdout = 'Scan starting...\r\nScan finished.\r\nScanning E:\\ found no threats.\r\n';
    expect(parseMpCmdRun({ stdout, stderr: '', exitCode: 0 })).toEqual({ result: 'clean', filesScanned: null, detections: [], engineVersion: null, errorText: '', errorReason: null });
  });

  it('threats, with every resource of each', () => {
    const stdout = [
      'Scan starting...',
      'Scan finished.',
      'Scanning E:\\ found 2 threats.',
      '',
      '<===========================LIST OF DETECTED THREATS==========================>',
      '----------------------------- Threat Info Starting ---------------------------',
      'Threat                  : Virus:DOS/EICAR_Test_File',
      'Resources               : 2 total',
      '    file                : E:\\tools\\eicar.com',
      '    file                : E:\\backup\\eicar copy.com',
      '----------------------------- Threat Info Ending -----------------------------',
      '----------------------------- Threat Info Starting ---------------------------',
      'Threat                  : Trojan:Win32/Wacatac.B!ml',
      'Resources               : 1 total',
      '    containerfile       : E:\\setup.zip',
      '----------------------------- Threat Info Ending -----------------------------',
      '',
    ].join('\r\n');
    const parsed = parseMpCmdRun({ stdout, stderr: '', exitCode: 2 });
    expect(parsed.result).toBe('infected');
    expect(parsed.detections).toEqual([
      { file: 'E:\\tools\\eicar.com', name: 'Virus:DOS/EICAR_Test_File' },
      { file: 'E:\\backup\\eicar copy.com', name: 'Virus:DOS/EICAR_Test_File' },
      { file: 'E:\\setup.zip', name: 'Trojan:Win32/Wacatac.B!ml' },
    ]);
  });

  it('a failure is an error, never clean', () => {
    const stdout = 'Scan starting...\r\nCmdTool: Failed with hr = 0x80508023. Check C:\\Users\\op\\AppData\\Local\\Temp\\MpCmdRun.log for more information\r\n';
    expect(parseMpCmdRun({ stdout, stderr: '', exitCode: 2 })).toMatchObject({ result: 'error', errorText: 'MpCmdRun failed with hr = 0x80508023' });
    expect(parseMpCmdRun({ stdout: 'Scanning E:\\ found no threats.', stderr: '', exitCode: 1 }).result).toBe('error');
  });

  it('engine and signature versions from Get-MpComputerStatus', () => {
    const json = '\uFEFF{\r\n    "AMEngineVersion":  "1.1.24030.4",\r\n    "AntivirusSignatureVersion":  "1.409.250.0",\r\n    "AntivirusSignatureLastUpdated":  "\\/Date(1717200000000)\\/"\r\n}\r\n';
    expect(parseDefenderStatus(json)).toEqual({
      engineVersion: '1.1.24030.4', signatureVersion: '1.409.250.0 (2024-06-01)', signatures: '1.409.250.0', signaturesUpdatedAt: '2024-06-01T00:00:00.000Z',
      definitions: [{ name: 'Microsoft Defender Antivirus', version: '1.409.250.0', updatedAt: '2024-06-01T00:00:00.000Z', signatures: null, verified: null }],
    });
    expect(parseDefenderStatus('Get-MpComputerStatus : 操作を完了できませんでした')).toEqual({ engineVersion: null, signatureVersion: null, signatures: null, signaturesUpdatedAt: null, definitions: [] });
  });

  it('builds the command from its template: the medium path is one argument, never a shell string', () => {
    const target = 'E:\\evil" & del C:\\*';
    expect(expandArgs(defenderProfile.scanArgs, { target, database: '' })).toEqual(['-Scan', '-ScanType', '3', '-File', target, '-DisableRemediation']);
  });
});

describe('[#11.8] scanner failures are read into reasons Hoan explains', () => {
  const clam = (stderr: string, stdout = CLAM_SUMMARY(0, 0, 0)) => parseClamscan({ stdout, stderr, exitCode: 2 }).errorReason;

  it('[#11.8] ClamAV: no database, a database that does not load, access denied, a file not there', () => {
    expect(clam('LibClamAV Error: cli_loaddbdir: No supported database files found in /var/lib/clamav\nERROR: Can\'t open file or directory\n')).toBe('no_database');
    expect(clam('LibClamAV Error: cl_load(): No such file or directory: /opt/sigs\nERROR: Can\'t get file status\n')).toBe('no_database');
    expect(clam('LibClamAV Error: Can\'t load /var/lib/clamav/daily.cvd: Can\'t verify database integrity\n')).toBe('database_invalid');
    expect(clam('LibClamAV Error: cli_loadhash: Problem parsing database at line 1\nERROR: Malformed database\n')).toBe('database_invalid');
    // clamscan prints an unreadable file on stdout, as a file line ending in ERROR.
    expect(clam('', `/media/usb0/secret.bin: Access denied. ERROR\n${CLAM_SUMMARY(8708012, 0, 0)}`)).toBe('permission_denied');
    expect(clam('LibClamAV Error: cli_loaddbdir(): Can\'t open directory /var/lib/clamav: Permission denied\n')).toBe('permission_denied');
    expect(clam('/media/usb0: No such file or directory\nWARNING: /media/usb0: Can\'t access file\n', CLAM_SUMMARY(8708012, 0, 0))).toBe('file_not_found');
    expect(parseClamscan({ stdout: CLAM_SUMMARY(0, 5, 0), stderr: '', exitCode: 0 }).errorReason).toBe('no_database');
    expect(clam('LibClamAV Error: something new\n', CLAM_SUMMARY(8708012, 0, 0))).toBe('unknown');
  });

  it('[#11.8] Defender: the HRESULTs MpCmdRun prints', () => {
    const hr = (code: string) => parseMpCmdRun({ stdout: `Scan starting...\r\nCmdTool: Failed with hr = ${code}. Check MpCmdRun.log for more information\r\n`, stderr: '', exitCode: 2 }).errorReason;
    expect(hr('0x80508023')).toBe('file_not_found');
    expect(hr('0x80070005')).toBe('permission_denied');
    expect(hr('0x8050800C')).toBe('database_invalid');
    expect(hr('0x800106ba')).toBe('not_installed');
    expect(hr('0x80004005')).toBe('unknown');
  });

  it('[#11.8] Defender status from PowerShell 7 (ISO time) reads the same', () => {
    const json = '{"AMEngineVersion":"1.1.24030.4","AntivirusSignatureVersion":"1.409.250.0","AntivirusSignatureLastUpdated":"2024-06-01T09:00:00+09:00"}';
    expect(parseDefenderStatus(json)).toMatchObject({ signatures: '1.409.250.0', signaturesUpdatedAt: '2024-06-01T00:00:00.000Z' });
  });
});

describe('argument templates', () => {
  it('pass optional arguments only when configured', () => {
    const template = ['-r', { ifSet: 'database' as const, args: ['--database={database}'] }, '{target}'];
    expect(expandArgs(template, { target: '/m', database: '' })).toEqual(['-r', '/m']);
    expect(expandArgs(template, { target: '/m', database: '/db/x.hdb' })).toEqual(['-r', '--database=/db/x.hdb', '/m']);
    expect(expandArgs(['{target}'], { target: '{database}', database: 'x' })).toEqual(['{database}']);
  });
});
