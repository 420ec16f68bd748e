import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: browser tests start Chromium, so keep files from crowding each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
