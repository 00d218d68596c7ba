import type { KeyProtector } from '../core/bundle/key-protector';
import type { ElectronApi } from './electron-api';

/**
 * The installation's private key sealed by the OS keychain (DPAPI on
 * Windows, Keychain on macOS, libsecret/KWallet on Linux). On Linux without a
 * keyring Electron falls back to a hard-coded password ('basic_text'), which
 * protects nothing: then the key stays a plain owner-only file, and says so.
 * Electron 45 deprecates these synchronous calls for encryptStringAsync /
 * decryptStringAsync (same sealed format); core's KeyProtector is synchronous,
 * so moving over is a change to core's key store, not to this file alone.
 */
export function safeStorageProtector(safeStorage: ElectronApi['safeStorage'], platform: NodeJS.Platform): KeyProtector | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    name: 'electron-safeStorage',
    // The PEM text is ASCII, so the string round trip is exact.
    encrypt: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8'),
  };
}
