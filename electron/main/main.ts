import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session } from 'electron';
import { startApp } from './start-app';

// The only file that imports Electron itself. Everything it wires is in
// start-app.ts, tested against a recorded stand-in (test/unit/main/) where
// the Electron binary is absent.
void startApp(
  {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (title, content) => dialog.showErrorBox(title, content),
      // Every WindowApi startApp holds was made by this BrowserWindow.
      showMessageBoxSync: (window, options) => dialog.showMessageBoxSync(window as BrowserWindow, options),
    },
    ipcMain,
    Menu,
    protocol,
    safeStorage,
    session,
  },
  {
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    resourcesPath: process.resourcesPath,
    preloadPath: path.join(__dirname, '..', 'preload', 'preload.js'),
  },
);
