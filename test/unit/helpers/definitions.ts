import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../../electron/core/core';

/**
 * Puts definition files into the installation's store for a test.
 * PLACEHOLDER until the store lands: copies into the folder the placeholder
 * reads. The store replaces this with its real import (same signature).
 */
export async function installTestDefinitions(core: Core, files: string[]): Promise<void> {
  const folder = path.join(core.dataDir, 'definitions', 'clamav', 'current');
  fs.mkdirSync(folder, { recursive: true });
  for (const f of files) fs.copyFileSync(f, path.join(folder, path.basename(f)));
}
