import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-dynamodb.ts'],
    setupFiles: ['test/support/env.ts'],
    // Generous, for CI's loaded 2-core machine, where one file runs at a time and a site build, a
    // browser flow or a synthesis can take four times as long as here: time limits catch hangs, and
    // speed is measured by the benchmarks, never by these.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // A page under load can take over vitest's default second to show what a poll waits for.
    expect: { poll: { timeout: 10_000 } },
    pool: 'forks',
  },
});
