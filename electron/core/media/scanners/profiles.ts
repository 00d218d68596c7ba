import type { ScannerProfileId } from '../media-schema';
import type { ScannerProfileInfo } from '../media-types';
import { clamavProfile } from './clamav';
import { defenderProfile } from './defender';
import type { ScannerProfile } from './scanner-profile';

/** The scanners Hoan knows out of the box. A new one is a profile file added here. */
export const SCANNER_PROFILES: Record<ScannerProfileId, ScannerProfile> = {
  clamav: clamavProfile,
  defender: defenderProfile,
};

export function profileInfos(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): ScannerProfileInfo[] {
  return Object.values(SCANNER_PROFILES).map((p) => ({
    id: p.id,
    name: p.name,
    defaultExecutable: p.defaultExecutable(platform, env),
    usesDatabasePath: p.usesDatabasePath,
  }));
}
