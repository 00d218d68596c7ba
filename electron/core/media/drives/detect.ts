import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DriveDetection } from '../media-types';
import { detectLinuxDrives } from './linux';
import { parseDiskutilList } from './macos';
import { parseWindowsDrives, WINDOWS_DRIVES_SCRIPT } from './windows';

const run = promisify(execFile);
const TIMEOUT_MS = 15_000;

/**
 * Removable drives on this machine, one interface for every OS. Detection is
 * a convenience: when it fails the user chooses a folder, so errors are
 * returned, not thrown.
 */
export async function detectDrives(platform: NodeJS.Platform = process.platform): Promise<DriveDetection> {
  try {
    switch (platform) {
      case 'linux':
        return { platform: 'linux', drives: detectLinuxDrives(), error: null };
      case 'win32': {
        const exe = path.win32.join(process.env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
        const { stdout } = await run(exe, ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_DRIVES_SCRIPT], { timeout: TIMEOUT_MS, windowsHide: true });
        return { platform: 'windows', drives: parseWindowsDrives(stdout), error: null };
      }
      case 'darwin': {
        const { stdout } = await run('/usr/sbin/diskutil', ['list', '-plist', 'external', 'physical'], { timeout: TIMEOUT_MS });
        return { platform: 'macos', drives: parseDiskutilList(stdout), error: null };
      }
      default:
        return { platform: 'other', drives: [], error: 'unsupported' };
    }
  } catch (err) {
    const name = platform === 'win32' ? 'windows' : platform === 'darwin' ? 'macos' : platform === 'linux' ? 'linux' : 'other';
    return { platform: name, drives: [], error: (err as Error).message.slice(0, 500) };
  }
}
