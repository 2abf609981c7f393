import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built suite (apps/web/dist, served by the server) in headless Chromium.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
