import type { IpcMainInvokeEvent, WebPreferences } from 'electron';
import type { AppApi, SessionApi, WebContentsApi } from './electron-api';

/**
 * Every hardening decision of the Electron host lives in this file. It imports
 * Electron's types only: start-app.ts hands it the objects, so the rules are
 * exercised against a recorded stand-in in plain Node (test/unit/main/).
 * Checked against Electron 45's security checklist; the fuses are decided in
 * package.json's build.electronFuses (reasons in electron-builder-config.test.ts).
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'hoan';
/** The only page the window ever shows; everything it loads stays on this origin. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** Chromium refuses port 0, so a dictionary download can never leave the machine. */
const NO_DICTIONARY_SERVER = 'http://127.0.0.1:0/';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** `app://hoan/…` exactly: the scheme the app serves, no other host, no credentials, no port. */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== undefined && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === ''
  );
}

/**
 * What the session may fetch: the app itself, DevTools' own pages, and inline
 * data the CSP already allows (`data:` and this origin's `blob:` images).
 * Anything else, http(s) above all, is cancelled before it leaves.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'devtools:' || u.protocol === 'data:') return true;
  return u.protocol === 'blob:' && isAppUrl(u.pathname);
}

/**
 * IPC is answered only for frames showing the app's own page. A frame that
 * navigated elsewhere (which the rules below should already prevent) or has
 * gone away gets nothing.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && isAppUrl(frame.url);
}

/** The only webPreferences a Hoan window is created with. */
export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    // The page cannot reach Node or Electron; only the preload's named bridge crosses.
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Spellcheck would fetch Hunspell dictionaries from Google's CDN.
    spellcheck: false,
    // A file dropped on the window must not replace the app with that file.
    navigateOnDragDrop: false,
    // A runaway alert() loop gets a "prevent more dialogs" checkbox.
    safeDialogs: true,
  };
}

function denyNavigation(event: { url: string; preventDefault(): void }): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/** Every webContents, whoever created it: no leaving the app, no new windows, no webviews. */
export function hardenWebContents(contents: WebContentsApi): void {
  contents.on('will-navigate', denyNavigation);
  // Covers subframes too; CSP already forbids frames, this is the second lock.
  contents.on('will-frame-navigate', denyNavigation);
  contents.on('will-redirect', denyNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // window.open and target=_blank: refused, never handed to the OS browser.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The session the window uses: no permissions, no network, no downloads of dictionaries. */
export function hardenSession(ses: SessionApi): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // USB, HID and serial: an industrial site's equipment is never the page's to touch.
  ses.setDevicePermissionHandler(() => false);
  // Screen capture (getDisplayMedia) gets no stream: a second lock behind the
  // 'display-capture' permission refused above.
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  ses.setSpellCheckerEnabled(false);
  ses.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARY_SERVER);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url) });
  });
}

/** Must run before `ready`: sandboxing every renderer is only possible at startup. */
export function hardenApp(app: Pick<AppApi, 'enableSandbox' | 'on'>): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
