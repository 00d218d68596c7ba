import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_DIR_NAME, defaultDataDir, resolveDataDir } from '../../../electron/core/data-dir';

describe('defaultDataDir', () => {
  it('is named after the product, like Electron’s userData', () => {
    expect(APP_DIR_NAME).toBe('Hoan');
  });

  it('win32: %APPDATA%\\Hoan', () => {
    expect(defaultDataDir({ APPDATA: 'D:\\Profiles\\kato\\AppData\\Roaming' }, 'win32', 'C:\\Users\\kato')).toBe(
      'D:\\Profiles\\kato\\AppData\\Roaming\\Hoan',
    );
  });

  it('win32 without APPDATA: <home>\\AppData\\Roaming\\Hoan', () => {
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\kato')).toBe('C:\\Users\\kato\\AppData\\Roaming\\Hoan');
  });

  it('darwin: ~/Library/Application Support/Hoan, whatever XDG says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'darwin', '/Users/kato')).toBe(
      '/Users/kato/Library/Application Support/Hoan',
    );
  });

  it('linux with XDG_CONFIG_HOME: $XDG_CONFIG_HOME/Hoan', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/config' }, 'linux', '/home/kato')).toBe('/srv/config/Hoan');
  });

  it('linux without XDG_CONFIG_HOME: ~/.config/Hoan', () => {
    expect(defaultDataDir({}, 'linux', '/home/kato')).toBe('/home/kato/.config/Hoan');
  });

  it('linux with an empty XDG_CONFIG_HOME falls back to ~/.config/Hoan', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/kato')).toBe('/home/kato/.config/Hoan');
  });

  it('ignores APPDATA outside Windows', () => {
    expect(defaultDataDir({ APPDATA: '/appdata' }, 'linux', '/home/kato')).toBe('/home/kato/.config/Hoan');
  });
});

describe('resolveDataDir', () => {
  // Absolute on the platform running the tests.
  const flagDir = path.resolve('/flag/data');
  const envDir = path.resolve('/env/data');
  const xdg = path.resolve('/xdg/config');

  it('--data-dir wins over HOAN_DATA_DIR and the default', () => {
    expect(resolveDataDir(flagDir, { HOAN_DATA_DIR: envDir, XDG_CONFIG_HOME: xdg })).toBe(flagDir);
  });

  it('HOAN_DATA_DIR wins over the default when there is no flag', () => {
    expect(resolveDataDir(undefined, { HOAN_DATA_DIR: envDir, XDG_CONFIG_HOME: xdg })).toBe(envDir);
  });

  it('an empty flag or variable counts as not given', () => {
    expect(resolveDataDir('', { HOAN_DATA_DIR: envDir })).toBe(envDir);
    expect(resolveDataDir('', { HOAN_DATA_DIR: '', XDG_CONFIG_HOME: xdg })).toBe(
      path.resolve(defaultDataDir({ XDG_CONFIG_HOME: xdg })),
    );
  });

  it('falls back to the OS default', () => {
    const env = { XDG_CONFIG_HOME: xdg, APPDATA: path.resolve('/appdata') };
    const resolved = resolveDataDir(undefined, env);
    expect(resolved).toBe(path.resolve(defaultDataDir(env)));
    expect(path.basename(resolved)).toBe(APP_DIR_NAME);
  });

  it.runIf(process.platform === 'linux')('on Linux the fallback is $XDG_CONFIG_HOME/Hoan', () => {
    expect(resolveDataDir(undefined, { XDG_CONFIG_HOME: '/xdg/config' })).toBe('/xdg/config/Hoan');
  });

  it('makes a relative flag or variable absolute against the working directory', () => {
    expect(resolveDataDir('rel/data', {})).toBe(path.join(process.cwd(), 'rel', 'data'));
    expect(resolveDataDir(undefined, { HOAN_DATA_DIR: 'env-rel' })).toBe(path.join(process.cwd(), 'env-rel'));
    expect(path.isAbsolute(resolveDataDir(undefined, { XDG_CONFIG_HOME: xdg }))).toBe(true);
  });

  it('reads process.env when no environment is passed', () => {
    const saved = process.env.HOAN_DATA_DIR;
    process.env.HOAN_DATA_DIR = envDir;
    try {
      expect(resolveDataDir(undefined)).toBe(envDir);
      expect(resolveDataDir(flagDir)).toBe(flagDir);
    } finally {
      if (saved === undefined) delete process.env.HOAN_DATA_DIR;
      else process.env.HOAN_DATA_DIR = saved;
    }
  });
});
