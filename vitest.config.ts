import { defineConfig } from 'vitest/config';

/**
 * Four projects: pure unit and CDK tests without emulators; API tests over the local stack, files in parallel;
 * tests that change global state (the program settings, jobs run as if months ahead, item counts), which run
 * after the API tests have finished (a later group), one file at a time, so they neither disturb nor are disturbed;
 * and the portal in Chromium (e2e), last, on the same stack.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['test/integration/**/*.test.ts'],
          exclude: ['test/integration/isolated/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/portal-build.ts', 'test/support/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          sequence: { groupOrder: 2 },
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: ['test/integration/isolated/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/drained-outbox.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
