// End-to-end journeys in headless Chromium (playwright-core, the system's /usr/bin/chromium).
// Not part of `npm test`: run with `npm run test:e2e`.
const root = require('../../jest.config.js');
const integration = root.projects.find((p) => p.displayName === 'integration');

module.exports = {
  ...integration,
  rootDir: '../..',
  displayName: 'e2e',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  testTimeout: 120000,
  maxWorkers: 1,
};
