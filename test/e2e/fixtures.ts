import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { AppPage } from './pages/app-page';

export interface Host {
  url: string;
  origin: string;
  dataDir: string;
}

const ROOT = path.resolve(__dirname, '..', '..');
export const SCREENSHOT_DIR = path.join(ROOT, 'out', 'screenshots');

/** Starts `hoan serve` exactly as a user would, on a fresh data folder. */
export async function startHost(dataDir: string): Promise<{ host: Host; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'electron', 'cli', 'bin.cjs'), 'serve', '--no-open', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hoan serve printed no URL:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hoan serve exited with ${code}:\n${output}`));
    });
  });
  return { host: { url, origin: new URL(url).origin, dataDir }, child };
}

export async function stopHost(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export const test = base.extend<{ host: Host; app: AppPage }>({
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-'));
    const { host, child } = await startHost(dataDir);
    await use(host);
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, host }, use) => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const app = new AppPage(page, host, SCREENSHOT_DIR);
    await app.open();
    await use(app);
  },
});

export { expect } from '@playwright/test';
