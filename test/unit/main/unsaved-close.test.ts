import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dir';
import { hostUnderTest, type HostUnderTest } from './host-under-test';

/** Closing the Electron window while a form holds unsaved changes (start-app.ts confirmUnload). */

const dirs = tempDirs('hoan-main-unload-');
let host: HostUnderTest | undefined;

afterEach(() => {
  host?.quit();
  host = undefined;
  dirs.cleanup();
});

describe('[#11.9] the window with unsaved changes', () => {
  it('[#11.9] closing asks first, in the language set in Hoan: staying (the default, Esc) keeps the window, discarding lets it close', async () => {
    host = hostUnderTest(dirs.make());
    await host.started;
    const { standIn } = host;
    const win = standIn.recorded.windows[0]!;
    // What Electron does when the page's beforeunload refused: the host decides by preventDefault.
    const closeRefusedByPage = () => {
      let overridden = false;
      win.webContents.listeners.fire('will-prevent-unload', { preventDefault: () => (overridden = true) });
      return overridden;
    };

    standIn.answerMessageBoxes(undefined);
    expect(closeRefusedByPage()).toBe(false);
    expect(standIn.recorded.messageBoxes).toHaveLength(1);
    expect(standIn.recorded.messageBoxes[0]!.window).toBe(win);
    expect(standIn.recorded.messageBoxes[0]!.options).toMatchObject({
      type: 'warning',
      message: '保存していない変更があります',
      detail: 'このまま閉じる（または再読み込みする）と、保存していない変更は失われます。',
      buttons: ['変更を破棄して閉じる', 'この画面に戻る'],
      defaultId: 1,
      cancelId: 1,
    });

    // The user switched Hoan to English in the meantime (through the page, as the settings screen does).
    expect(await standIn.invoke('settings:update', 'app://hoan/index.html', { language: 'en' })).toMatchObject({ ok: true });
    standIn.answerMessageBoxes(0);
    expect(closeRefusedByPage()).toBe(true);
    expect(standIn.recorded.messageBoxes[1]!.options).toMatchObject({
      message: 'You have unsaved changes',
      buttons: ['Discard changes and close', 'Stay on this screen'],
    });
  });
});
