import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts');

/** Debian chromium, headless, with nothing phoning home; Playwright gives each launch a fresh profile. */
export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

/** Keeps a screenshot of the page as a test artefact (test-artifacts/<name>.png). */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
};
