import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  IpcMain,
  Menu,
  MessageBoxSyncOptions,
  Protocol,
  SafeStorage,
  Session,
  WebContents,
  WebRequest,
} from 'electron';

/**
 * The part of Electron the main process uses, and nothing more. main.ts hands
 * over the real module; the unit tests hand over a recorded stand-in
 * (test/unit/main/electron-stand-in.ts). Every piece is a Pick of the vendored
 * declarations, so when an Electron upgrade renames or reshapes one of these
 * methods, this file and the stand-in stop compiling instead of the app
 * failing at run time on a machine with the binary.
 */
export type AppApi = Pick<
  App,
  | 'enableSandbox'
  | 'on'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'isPackaged'
  | 'requestSingleInstanceLock'
  | 'whenReady'
  | 'quit'
  | 'exit'
>;

export type SessionApi = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setSpellCheckerEnabled'
  | 'setSpellCheckerDictionaryDownloadURL'
> & { readonly webRequest: Pick<WebRequest, 'onBeforeRequest'> };

/** What the hardening touches on every webContents, whoever created it. */
export type WebContentsApi = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export type WindowApi = Pick<BrowserWindow, 'once' | 'loadURL' | 'show' | 'isDestroyed' | 'isMinimized' | 'restore' | 'focus'> & {
  readonly webContents: Pick<WebContents, 'on'>;
};

export interface ElectronApi {
  readonly app: AppApi;
  readonly BrowserWindow: new (options: BrowserWindowConstructorOptions) => WindowApi;
  readonly dialog: Pick<Dialog, 'showErrorBox'> & {
    /** Modal to `window`; main.ts hands it the BrowserWindow it created. */
    showMessageBoxSync(window: WindowApi, options: MessageBoxSyncOptions): number;
  };
  readonly ipcMain: Pick<IpcMain, 'handle'>;
  readonly Menu: Pick<typeof Menu, 'buildFromTemplate' | 'setApplicationMenu'>;
  readonly protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;
  readonly safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'>;
  /** Read only after `ready`: Electron creates the default session then. */
  readonly session: { readonly defaultSession: SessionApi };
}

/** What main.ts knows about the process it runs in, passed in so tests can choose it. */
export interface HostEnvironment {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly platform: NodeJS.Platform;
  /** `process.resourcesPath`: where electron-builder's extraResources land. */
  readonly resourcesPath: string;
  readonly preloadPath: string;
}
