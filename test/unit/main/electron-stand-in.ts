import type {
  BrowserWindowConstructorOptions,
  CustomScheme,
  IpcMain,
  IpcMainInvokeEvent,
  Menu,
  MenuItem,
  MenuItemConstructorOptions,
  MessageBoxSyncOptions,
  Protocol,
  Session,
  WebContents,
  WebRequest,
} from 'electron';
import type { AppApi, ElectronApi, SessionApi, WebContentsApi, WindowApi } from '../../../electron/main/electron-api';

/**
 * A recorded stand-in for the part of Electron the main process uses
 * (electron/main/electron-api.ts). It does nothing Electron would do; it
 * keeps every handler the host registers so a test can fire the events
 * Electron would fire and see what the host answers. Typed against the
 * vendored declarations: handler types are the real parameter types, and the
 * whole object must satisfy ElectronApi, so an Electron upgrade that changes
 * one of these signatures stops this file compiling (`npm run typecheck`
 * checks test/unit/main through tsconfig.test.json).
 */

// Electron's emitters take listeners of many shapes; the stand-in keeps them as they come.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

class Listeners {
  private readonly byEvent = new Map<string, Listener[]>();
  add(event: string, listener: Listener): void {
    this.byEvent.set(event, [...(this.byEvent.get(event) ?? []), listener]);
  }
  names(): string[] {
    return [...this.byEvent.keys()];
  }
  /** Calls every listener of `event` and returns what they returned. */
  fire(event: string, ...args: unknown[]): unknown[] {
    return (this.byEvent.get(event) ?? []).map((listener) => listener(...args));
  }
}

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;
type DevicePermissionHandler = NonNullable<Parameters<Session['setDevicePermissionHandler']>[0]>;
type DisplayMediaRequestHandler = NonNullable<Parameters<Session['setDisplayMediaRequestHandler']>[0]>;
type BeforeRequestListener = NonNullable<Parameters<WebRequest['onBeforeRequest']>[0]>;
type ProtocolHandler = Parameters<Protocol['handle']>[1];
type IpcHandler = Parameters<IpcMain['handle']>[1];
type WindowOpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];
type MenuTemplate = Array<MenuItemConstructorOptions | MenuItem>;

/** A webContents as the hardening sees it: its listeners and its window-open handler. */
export class StandInWebContents implements WebContentsApi {
  readonly listeners = new Listeners();
  windowOpenHandler: WindowOpenHandler | undefined;
  // The real `on` is one overload per event; each returns the webContents.
  on(event: string, listener: Listener): WebContents {
    this.listeners.add(event, listener);
    return this as unknown as WebContents;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** A navigation-like event (will-navigate, will-redirect, ...) to `url`; true when the host prevented it. */
  navigate(event: string, url: string): boolean {
    let prevented = false;
    this.listeners.fire(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

export interface StandInOptions {
  /** What app.getPath('userData') answers before the host moves it. */
  userData: string;
  /** app.getAppPath(): the built renderer is read from <appPath>/out/ui. */
  appPath: string;
  /** false: another instance holds the lock. */
  singleInstance?: boolean;
  /** The button a message box answers with (its index), as if the user clicked it. */
  messageBoxAnswer?: number;
}

export function electronStandIn(options: StandInOptions) {
  const recorded = {
    sandboxEnabled: false,
    privilegedSchemes: [] as CustomScheme[],
    paths: new Map<string, string>([['userData', options.userData]]),
    quit: 0,
    exitCodes: [] as number[],
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as { window: WindowApi; options: MessageBoxSyncOptions }[],
    menu: undefined as MenuTemplate | undefined,
    windows: [] as StandInWindow[],
    protocolHandlers: new Map<string, ProtocolHandler>(),
    ipcHandlers: new Map<string, IpcHandler>(),
    session: {
      permissionRequest: undefined as PermissionRequestHandler | undefined,
      permissionCheck: undefined as PermissionCheckHandler | undefined,
      devicePermission: undefined as DevicePermissionHandler | undefined,
      displayMedia: undefined as DisplayMediaRequestHandler | undefined,
      beforeRequest: undefined as BeforeRequestListener | undefined,
      spellCheckerEnabled: undefined as boolean | undefined,
      dictionaryUrl: undefined as string | undefined,
    },
  };
  const appListeners = new Listeners();
  const messageBox = { answer: options.messageBoxAnswer };
  let becomeReady!: () => void;
  const ready = new Promise<void>((resolve) => (becomeReady = resolve));

  const app = {
    enableSandbox: () => void (recorded.sandboxEnabled = true),
    // The real `on` is one overload per event, each returning the app.
    on(event: string, listener: Listener): never {
      appListeners.add(event, listener);
      return this as never;
    },
    getPath: (name: Parameters<AppApi['getPath']>[0]) => recorded.paths.get(name) ?? `/stand-in/${name}`,
    setPath: (name: string, value: string) => void recorded.paths.set(name, value),
    getAppPath: () => options.appPath,
    isPackaged: false,
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    whenReady: () => ready,
    quit: () => void recorded.quit++,
    exit: (code = 0) => void recorded.exitCodes.push(code),
  } satisfies AppApi;

  class StandInWindow implements WindowApi {
    readonly listeners = new Listeners();
    loadedUrl: string | undefined;
    shown = false;
    readonly webContents = new StandInWebContents();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      recorded.windows.push(this);
    }
    once(event: string, listener: Listener): never {
      this.listeners.add(event, listener);
      return this as never;
    }
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
    }
    show(): void {
      this.shown = true;
    }
    isDestroyed = () => false;
    isMinimized = () => false;
    restore(): void {}
    focused = 0;
    focus(): void {
      this.focused++;
    }
  }

  const defaultSession = {
    setPermissionRequestHandler: (handler) => void (recorded.session.permissionRequest = handler ?? undefined),
    setPermissionCheckHandler: (handler) => void (recorded.session.permissionCheck = handler ?? undefined),
    setDevicePermissionHandler: (handler) => void (recorded.session.devicePermission = handler ?? undefined),
    setDisplayMediaRequestHandler: (handler) => void (recorded.session.displayMedia = handler ?? undefined),
    setSpellCheckerEnabled: (enable) => void (recorded.session.spellCheckerEnabled = enable),
    setSpellCheckerDictionaryDownloadURL: (url) => void (recorded.session.dictionaryUrl = url),
    webRequest: {
      // Both overloads, (listener) and (filter, listener): the listener comes last.
      onBeforeRequest: (...args: unknown[]) => {
        recorded.session.beforeRequest = (args.at(-1) as BeforeRequestListener | null) ?? undefined;
      },
    },
  } satisfies SessionApi;

  const electron = {
    app,
    BrowserWindow: StandInWindow,
    dialog: {
      showErrorBox: (title: string, content: string) => void recorded.errorBoxes.push({ title, content }),
      showMessageBoxSync: (window: WindowApi, box: MessageBoxSyncOptions) => {
        recorded.messageBoxes.push({ window, options: box });
        return messageBox.answer ?? box.cancelId ?? 0;
      },
    },
    ipcMain: { handle: (channel: string, listener: IpcHandler) => void recorded.ipcHandlers.set(channel, listener) },
    Menu: {
      buildFromTemplate: (template: MenuTemplate) => ({ template }) as unknown as Menu,
      setApplicationMenu: (menu: Menu | null) => void (recorded.menu = (menu as unknown as { template: MenuTemplate } | null)?.template),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: CustomScheme[]) => void recorded.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: ProtocolHandler) => void recorded.protocolHandlers.set(scheme, handler),
    },
    // No keychain here: keys stay owner-only files, as on Linux without a keyring.
    safeStorage: {
      isEncryptionAvailable: () => false,
      getSelectedStorageBackend: () => 'basic_text' as const,
      encryptString: () => {
        throw new Error('stand-in: no keychain');
      },
      decryptString: () => {
        throw new Error('stand-in: no keychain');
      },
    },
    session: { defaultSession },
  } satisfies ElectronApi;

  return {
    electron,
    recorded,
    /** Which button the next message boxes answer with (undefined: their cancelId, as Esc). */
    answerMessageBoxes: (index: number | undefined) => void (messageBox.answer = index),
    /** Resolves app.whenReady(), as Electron does once Chromium is up. */
    ready: () => becomeReady(),
    appEvents: () => appListeners.names(),
    fireApp: (event: string, ...args: unknown[]) => appListeners.fire(event, ...args),
    /** An app:// request as Electron hands it to protocol.handle. */
    request(url: string, init?: RequestInit): Promise<Response> {
      const handler = recorded.protocolHandlers.get('app');
      if (!handler) throw new Error('no app:// handler registered');
      return Promise.resolve(handler(new Request(url, init)));
    },
    /** An ipcRenderer.invoke from a frame showing `frameUrl` (null: the frame is gone). */
    invoke(channel: string, frameUrl: string | null, input: unknown): Promise<unknown> {
      const handler = recorded.ipcHandlers.get(channel);
      if (!handler) throw new Error(`no IPC handler for ${channel}`);
      // The host reads only senderFrame.url (security.ts isTrustedSender).
      const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
      return Promise.resolve(handler(event, input));
    },
  };
}

export type ElectronStandIn = ReturnType<typeof electronStandIn>;
