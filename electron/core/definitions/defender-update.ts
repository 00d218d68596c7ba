/**
 * Applying an offline Microsoft Defender definitions package (`mpam-fe.exe`).
 * PLACEHOLDER until the Defender part lands: the signature callers use.
 */
export interface DefenderVersions {
  engineVersion: string | null;
  /** AntivirusSignatureVersion. */
  signatures: string | null;
  /** AntivirusSignatureLastUpdated, ISO. */
  signaturesUpdatedAt: string | null;
}

export interface DefenderUpdateResult {
  before: DefenderVersions;
  after: DefenderVersions;
  /** The commands run and what they printed. */
  log: string;
}

export interface DefenderUpdateOptions {
  /** The folder holding mpam-fe.exe (MpCmdRun takes a folder). */
  packageFolder: string;
  /** MpCmdRun.exe to run. */
  mpCmdRun: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export async function applyDefenderPackage(_options: DefenderUpdateOptions): Promise<DefenderUpdateResult> {
  throw new Error('applyDefenderPackage: not built yet');
}
