import path from 'node:path';
import { CHANNELS } from '../api/contract/channel-names';
import type { Envelope } from '../api/contract/envelope';
import { createRouter, type Router } from '../api/router';
import { openCore, type Core } from '../core/core';
import { CHECK_AFTER_MS } from '../core/db/integrity-check';
import { defaultDataDir, resolveDataDir } from '../core/data-dir';
import { HoanError } from '../core/errors';
import { translate } from '../core/i18n/translate';
import { getSettings } from '../core/settings/settings-repository';
import type { LocaleId } from '../../renderer/locales';
import { registerAppScheme, rendererDir, serveAppProtocol } from './app-protocol';
import type { ElectronApi, HostEnvironment, WindowApi } from './electron-api';
import { safeStorageProtector } from './key-protector';
import { findNativeBinding } from './native-binding';
import { APP_ENTRY_URL, hardenApp, hardenSession, isTrustedSender, secureWebPreferences } from './security';

const FORBIDDEN_SENDER: Envelope<never> = {
  ok: false,
  error: { code: 'internal', messageKey: 'errors.forbiddenSender' },
};

/** Both languages at once: the dialog appears before the user's language setting can be read. */
const NATIVE_MODULE_MISSING = {
  dev:
    'better-sqlite3 の Electron 用ネイティブモジュールがありません。`npm run rebuild:electron-native` を実行してから起動してください。\n\n' +
    'The better-sqlite3 native module built for Electron is missing. Run `npm run rebuild:electron-native`, then start again.',
  packaged:
    'Hoan のインストールが不完全です（better_sqlite3.node がありません）。Hoan をインストールし直してください。\n\n' +
    'This Hoan installation is incomplete (better_sqlite3.node is missing). Please reinstall Hoan.',
};

/** `--data-dir DIR` or `--data-dir=DIR`, wherever Electron or Chromium put it in argv. */
function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

/** `--data-dir`, then HOAN_DATA_DIR, then Electron's own userData folder. */
function chooseDataDir({ app }: ElectronApi, host: HostEnvironment): string {
  const flag = flagValue(host.argv.slice(1), '--data-dir');
  if (flag || host.env.HOAN_DATA_DIR) return resolveDataDir(flag, host.env);
  const userData = app.getPath('userData');
  if (path.resolve(userData) !== path.resolve(defaultDataDir(host.env))) {
    // The CLI and `hoan serve` use defaultDataDir(); they would miss this database.
    console.warn(`[hoan] userData ${userData} differs from the CLI's default ${defaultDataDir(host.env)}`);
  }
  return userData;
}

function showStartupError({ dialog }: ElectronApi, title: string, body: string): void {
  console.error(`[hoan] ${title}\n${body}`);
  dialog.showErrorBox(title, body);
}

/**
 * Opens the database or explains why not. A refused database (newer, damaged,
 * edited history) is reported and left exactly as it was: the app quits
 * instead of creating, repairing or migrating anything.
 */
function openCoreOrExplain(electron: ElectronApi, host: HostEnvironment, dataDir: string): Core | undefined {
  const { app } = electron;
  const nativeBinding = findNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: host.resourcesPath,
    appPath: app.getAppPath(),
  });
  try {
    const keyProtector = safeStorageProtector(electron.safeStorage, host.platform);
    return openCore({ dataDir, ...(nativeBinding ? { nativeBinding } : {}), ...(keyProtector ? { keyProtector } : {}) });
  } catch (err) {
    if (err instanceof HoanError) {
      const { params } = err;
      showStartupError(
        electron,
        'Hoan: データベースを開けません / Cannot open the database',
        `${translate('ja', err.messageKey, params)}\n\n${translate('en', err.messageKey, params)}\n\n` +
          `データフォルダ / Data folder: ${dataDir}`,
      );
    } else if (!nativeBinding) {
      showStartupError(
        electron,
        'Hoan: 起動できません / Cannot start',
        `${app.isPackaged ? NATIVE_MODULE_MISSING.packaged : NATIVE_MODULE_MISSING.dev}\n\n${String(err)}`,
      );
    } else {
      showStartupError(electron, 'Hoan: 起動できません / Cannot start', String(err instanceof Error ? err.stack : err));
    }
    return undefined;
  }
}

function registerIpc({ ipcMain }: ElectronApi, router: Router): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrustedSender(event) ? router.handle(channel, input) : FORBIDDEN_SENDER,
    );
  }
}

/** Standard roles only: nothing in the menu opens a URL (Electron's default Help menu does). */
function installMenu({ Menu }: ElectronApi, platform: NodeJS.Platform): void {
  const isMac = platform === 'darwin';
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      isMac ? { role: 'appMenu' } : { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ]),
  );
}

/**
 * Closing or reloading the window while a screen holds unsaved changes: the
 * page's beforeunload refused (renderer/src/lib/unsaved-changes.ts), and
 * Electron, unlike a browser, shows nothing. Asked here, in the language set
 * in Hoan; staying is the default and what Esc does.
 */
export function confirmUnload({ dialog }: ElectronApi, win: WindowApi, language: () => LocaleId): void {
  win.webContents.on('will-prevent-unload', (event) => {
    const t = (key: string) => translate(language(), key);
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      title: 'Hoan',
      message: t('app.unsaved.title'),
      detail: t('app.unsaved.windowBody'),
      buttons: [t('app.unsaved.closeAnyway'), t('app.unsaved.stay')],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    // preventDefault here overrides the page's refusal: the window closes.
    if (choice === 0) event.preventDefault();
  });
}

function createWindow({ BrowserWindow }: ElectronApi, preloadPath: string): WindowApi {
  const win = new BrowserWindow({
    title: 'Hoan',
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(preloadPath),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/**
 * The whole Electron host: hardening, single-instance lock, database, app://
 * protocol, IPC, menu and window, wired onto the Electron objects it is given
 * (main.ts passes the real module). Settles once the window is created, or
 * once the app has given up (second instance, unopenable database).
 */
export async function startApp(electron: ElectronApi, host: HostEnvironment): Promise<void> {
  const { app, protocol } = electron;
  registerAppScheme(protocol);
  hardenApp(app);

  // userData follows the data folder: Chromium's own files stay beside the
  // database, and the single-instance lock (kept in userData) is per folder,
  // so two data folders can be open at once but one folder never twice.
  const dataDir = chooseDataDir(electron, host);
  app.setPath('userData', dataDir);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let win: WindowApi | undefined;
  let core: Core | undefined;

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());

  await app.whenReady();
  hardenSession(electron.session.defaultSession);
  installMenu(electron, host.platform);
  core = openCoreOrExplain(electron, host, dataDir);
  if (!core) {
    app.exit(1);
    return;
  }
  const router = createRouter(core);
  serveAppProtocol(protocol, rendererDir(app.getAppPath()), router);
  registerIpc(electron, router);
  win = createWindow(electron, host.preloadPath);
  // Reads the whole file in a worker, off the start-up path; the renderer shows its outcome.
  core.integrity.start({ afterMs: CHECK_AFTER_MS });
  const opened = core;
  confirmUnload(electron, win, () => getSettings(opened.db).language);
}
