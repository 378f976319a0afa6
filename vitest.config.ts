import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Room for a slow, busy machine (a loaded run once took four times as long): tests wait on conditions,
    // and these bounds only stop one that will never finish.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 30_000 } },
    // Two cores here; SQLite files and one Chromium per e2e file are the heavy parts.
    maxWorkers: 2,
  },
});
