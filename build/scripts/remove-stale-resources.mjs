// Builds before resources became one set (electron/core/resources.ts) let tsc
// copy resources/**/*.json into out/resources. The resources lookup would find
// that partial copy first and refuse it, and electron-builder would pack it
// into app.asar, so it is removed before tsc runs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
fs.rmSync(path.join(root, 'out', 'resources'), { recursive: true, force: true });
