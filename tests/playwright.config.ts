import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from '../src/node/browser.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.TEST_PORT ?? 4179);

export default defineConfig({
  testDir: './browser',
  outputDir: '../test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    deviceScaleFactor: 1,
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    launchOptions: { executablePath: await findChromium(), args: chromiumArgs() },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // The built dist/ (npm run test:browser builds first), served as `npm start` serves it.
    command: `node src/cli/bin.mjs start`,
    cwd: root,
    env: { PORT: String(port), HOST: '127.0.0.1', DECK_PRESENTER_TOKEN: 'test-presenter-token' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
