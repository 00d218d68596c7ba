import fs from 'node:fs';
import path from 'node:path';

export const NATIVE_FILE_NAME = 'better_sqlite3.node';
/** Where build/scripts/build-electron-native.mjs writes the Electron-ABI build, relative to the project. */
export const DEV_NATIVE_PATH = path.join('out', 'native', 'electron', NATIVE_FILE_NAME);

export interface NativeBindingContext {
  isPackaged: boolean;
  /** `process.resourcesPath`: electron-builder's extraResources land there. */
  resourcesPath: string;
  /** `app.getAppPath()`: the project folder in development. */
  appPath: string;
}

/**
 * better-sqlite3 built for Electron's ABI, which differs from Node's. The
 * copy in node_modules stays built for Node so vitest and the CLI keep
 * working; Electron loads its own copy from here instead. Undefined when it
 * has not been built (development) or is missing (broken install).
 */
export function findNativeBinding(ctx: NativeBindingContext): string | undefined {
  const file = ctx.isPackaged
    ? path.join(ctx.resourcesPath, 'native', NATIVE_FILE_NAME)
    : path.join(ctx.appPath, DEV_NATIVE_PATH);
  return fs.existsSync(file) ? file : undefined;
}
