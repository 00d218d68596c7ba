/**
 * Encrypts the private key at rest. The Electron host passes one backed by
 * `safeStorage` (the OS keychain); core never imports electron. Without one
 * (web host, CLI) the key file is plain PEM, readable only by its owner (0600).
 */
export interface KeyProtector {
  /** Recorded in the key file, e.g. `electron-safeStorage`. */
  readonly name: string;
  encrypt(plain: Buffer): Buffer;
  decrypt(sealed: Buffer): Buffer;
}
