import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here; SQLite files and one Chromium per e2e file are the heavy parts.
    maxWorkers: 2,
  },
});
