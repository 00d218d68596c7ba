import { defineConfig } from '@playwright/test';

/**
 * End-to-end: the real renderer on the real backend. "web" drives the loopback
 * web host in Debian's Chromium; "electron" drives the Electron app where its
 * runtime is installed and reports itself skipped where it is not.
 */
export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'web',
      testDir: 'test/e2e',
      testMatch: '**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.HOAN_CHROMIUM ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Date inputs and number formats as on a Japanese Windows laptop.
            '--lang=ja',
          ],
        },
      },
    },
    {
      name: 'electron',
      testDir: 'test/e2e-electron',
      testMatch: '**/*.electron.spec.ts',
    },
  ],
});
