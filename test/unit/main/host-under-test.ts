import fs from 'node:fs';
import path from 'node:path';
import type { HostEnvironment } from '../../../electron/main/electron-api';
import { startApp } from '../../../electron/main/start-app';
import { electronStandIn, type ElectronStandIn } from './electron-stand-in';

export const INDEX_HTML = '<!doctype html><html><head><script type="module" src="./assets/a.js"></script></head><body></body></html>\n';
export const PRELOAD_PATH = '/opt/hoan/out/electron/preload/preload.js';

export interface HostUnderTest {
  standIn: ElectronStandIn;
  dataDir: string;
  /** Settles when startApp has created the window or given up. */
  started: Promise<void>;
  /** What Electron does on quitting: will-quit closes the database. */
  quit(): void;
}

/**
 * startApp over the stand-in, in a fresh folder: a built renderer under
 * <app>/out/ui (and a secret beside it that traversal must never reach), a
 * data folder passed as --data-dir, a real database once ready.
 */
export function hostUnderTest(
  root: string,
  options: { singleInstance?: boolean; platform?: NodeJS.Platform; ready?: boolean } = {},
): HostUnderTest {
  const appPath = path.join(root, 'app');
  fs.mkdirSync(path.join(appPath, 'out', 'ui', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(appPath, 'out', 'ui', 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(appPath, 'out', 'ui', 'assets', 'a.js'), 'console.log("hoan");\n');
  fs.writeFileSync(path.join(appPath, 'out', 'secret.txt'), 'outside the renderer folder\n');
  const dataDir = path.join(root, 'data');
  const standIn = electronStandIn({
    userData: path.join(root, 'userData'),
    appPath,
    ...(options.singleInstance !== undefined ? { singleInstance: options.singleInstance } : {}),
  });
  const host: HostEnvironment = {
    argv: ['/opt/hoan/hoan', '--data-dir', dataDir],
    env: {},
    platform: options.platform ?? 'linux',
    resourcesPath: path.join(root, 'resources'),
    preloadPath: PRELOAD_PATH,
  };
  const started = startApp(standIn.electron, host);
  if (options.ready !== false) standIn.ready();
  return { standIn, dataDir, started, quit: () => void standIn.fireApp('will-quit') };
}
