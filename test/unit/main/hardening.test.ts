import type { HIDDevice, OnBeforeRequestListenerDetails, WebContents } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dir';
import { StandInWebContents } from './electron-stand-in';
import { hostUnderTest, PRELOAD_PATH, type HostUnderTest } from './host-under-test';

/**
 * The hardening in electron/main/security.ts as start-app.ts wires it,
 * seen through the recorded stand-in: what Electron would ask, what Hoan
 * answers. The e2e spec (test/e2e-electron) checks the same from the page
 * where the Electron binary exists.
 */

const dirs = tempDirs('hoan-main-');
let host: HostUnderTest | undefined;

afterEach(() => {
  host?.quit();
  host = undefined;
  dirs.cleanup();
});

async function started(): Promise<HostUnderTest> {
  host = hostUnderTest(dirs.make());
  await host.started;
  return host;
}

/** Every permission Electron 45 names, requested by the app's own page. */
const PERMISSIONS = [
  'clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'local-network-access',
  'media',
  'midi',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'storage-access',
  'usb',
  'window-management',
] as const;

const HID: HIDDevice = { deviceId: '1', name: 'PLC programming cable', vendorId: 0x1234, productId: 1, collections: [] };

function beforeRequest(url: string): OnBeforeRequestListenerDetails {
  return { id: 1, url, method: 'GET', resourceType: 'xhr', referrer: '', timestamp: 0, uploadData: [] };
}

describe('the Electron host before ready', () => {
  it('[#10.8] sandboxes every renderer, registers app:// as a privileged standard scheme and hardens every webContents, before ready', () => {
    host = hostUnderTest(dirs.make(), { ready: false });
    const { recorded } = host.standIn;
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(host.standIn.appEvents()).toContain('web-contents-created');
    // Nothing that needs Chromium up is touched before ready.
    expect(recorded.windows).toEqual([]);
    expect(recorded.protocolHandlers.size).toBe(0);
    expect(recorded.session.permissionRequest).toBeUndefined();
  });
});

describe('the window', () => {
  it('[#10.8] is created once, hidden until ready-to-show, with exactly the secure webPreferences, on app://hoan/', async () => {
    const { standIn } = await started();
    expect(standIn.recorded.windows).toHaveLength(1);
    const win = standIn.recorded.windows[0]!;
    expect(win.options).toEqual({
      title: 'Hoan',
      width: 1280,
      height: 860,
      minWidth: 800,
      minHeight: 600,
      show: false,
      webPreferences: {
        preload: PRELOAD_PATH,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        spellcheck: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
      },
    });
    expect(win.loadedUrl).toBe('app://hoan/index.html');
    expect(win.shown).toBe(false);
    win.listeners.fire('ready-to-show');
    expect(win.shown).toBe(true);
  });
});

describe('every webContents', () => {
  it('[#10.8] may not navigate or redirect off app://hoan/, opens no window and attaches no webview', async () => {
    const { standIn } = await started();
    const contents = new StandInWebContents();
    standIn.fireApp('web-contents-created', { preventDefault() {} }, contents);

    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of [
        'http://example.com/',
        'https://example.com/index.html',
        'file:///etc/passwd',
        'app://evil/index.html',
        'app://user:pw@hoan/index.html',
        'app://hoan:8080/index.html',
        'javascript:alert(1)',
      ]) {
        expect(contents.navigate(event, url), `${event} ${url}`).toBe(true);
      }
      expect(contents.navigate(event, 'app://hoan/index.html#/sites'), `${event} inside the app`).toBe(false);
    }

    let webviewPrevented = false;
    contents.listeners.fire('will-attach-webview', { preventDefault: () => (webviewPrevented = true) }, {}, {});
    expect(webviewPrevented).toBe(true);

    for (const url of ['https://example.com/', 'app://hoan/index.html']) {
      const answer = contents.windowOpenHandler!({
        url,
        frameName: '_blank',
        features: '',
        disposition: 'new-window',
        referrer: { url: 'app://hoan/index.html', policy: 'strict-origin-when-cross-origin' },
      });
      expect(answer, url).toEqual({ action: 'deny' });
    }
  });
});

describe('the session', () => {
  it('[#10.8] denies every permission request and check, device access and screen capture, and downloads no dictionary', async () => {
    const { standIn } = await started();
    const { session } = standIn.recorded;
    const page = new StandInWebContents() as unknown as WebContents;

    for (const permission of PERMISSIONS) {
      const granted: boolean[] = [];
      session.permissionRequest!(page, permission, (answer) => granted.push(answer), {
        isMainFrame: true,
        requestingUrl: 'app://hoan/index.html',
      });
      expect(granted, `request ${permission}`).toEqual([false]);
      expect(session.permissionCheck!(page, permission, 'app://hoan', { isMainFrame: true }), `check ${permission}`).toBe(false);
    }
    for (const deviceType of ['hid', 'serial', 'usb'] as const) {
      expect(session.devicePermission!({ deviceType, origin: 'app://hoan', device: HID }), deviceType).toBe(false);
    }

    const streams: unknown[] = [];
    session.displayMedia!(
      { frame: null, securityOrigin: 'app://hoan', videoRequested: true, audioRequested: true, userGesture: true },
      (granted) => streams.push(granted),
    );
    expect(streams).toEqual([null]);

    expect(session.spellCheckerEnabled).toBe(false);
    // Port 0 is refused by Chromium: a dictionary download can never leave the machine.
    expect(session.dictionaryUrl).toBe('http://127.0.0.1:0/');
  });

  it("[#10.8] cancels every request but the app's own URLs, inline data and DevTools", async () => {
    const { standIn } = await started();
    const cancelled = (url: string) => {
      const answers: (boolean | undefined)[] = [];
      standIn.recorded.session.beforeRequest!(beforeRequest(url), (response) => answers.push(response.cancel));
      expect(answers, url).toHaveLength(1);
      return answers[0];
    };
    for (const url of [
      'http://127.0.0.1:8080/api/app:info',
      'https://example.com/',
      'ws://example.com/',
      'file:///C:/Windows/System32/drivers/etc/hosts',
      'ftp://example.com/',
      'app://evil/index.html',
      'blob:https://example.com/0b8b2d4e-0000-4000-8000-000000000000',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of [
      'app://hoan/index.html',
      'app://hoan/assets/a.js',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:app://hoan/0b8b2d4e-0000-4000-8000-000000000000',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(cancelled(url), url).toBe(false);
    }
  });
});
