import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Hoan';
export const DB_FILE_NAME = 'hoan.sqlite3';

/** Same folder Electron's `app.getPath('userData')` gives for productName "Hoan". */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  }
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir` wins over `HOAN_DATA_DIR`, which wins over the OS default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.HOAN_DATA_DIR || defaultDataDir(env);
  return path.resolve(chosen);
}
