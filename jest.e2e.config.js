/** Browser tests: need Debian chromium and a built admin panel (npm run build). */
/** @type {import('jest').Config} */
module.exports = {
  ...require('./jest.config.js'),
  testMatch: ['**/*.e2e.ts'],
  globalSetup: '<rootDir>/tests/e2e/global-setup.ts',
  testTimeout: 300000,
};
