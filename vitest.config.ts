import { defineConfig } from 'vitest/config';

/**
 * Three projects: pure unit and CDK tests without emulators; API tests over one local stack; and the schedule
 * tests, which run jobs as if months ahead and so get a local stack of their own, where they cannot expire other
 * tests' protections.
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
          exclude: ['test/integration/schedules/**'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'schedules',
          include: ['test/integration/schedules/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
    ],
  },
});
