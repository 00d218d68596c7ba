import { defineConfig } from 'vitest/config';

// Unit and integration tests run in Node against real SQLite files in temp
// folders. Forks, not threads: better-sqlite3 is a native addon.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
