export interface BackupResult {
  path: string;
  bytes: number;
}
