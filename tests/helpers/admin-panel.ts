import type { Browser, Page } from 'playwright-core';
import { createAdminUser } from './admin-users';
import { createTestDatabase, startApp, type TestApp, type TestDatabase } from './app';
import { launchBrowser, screenshot } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

export type PanelUser = { id: number; email: string; password: string; name: string };

/** A browser window's size, e.g. a phone's `{ width: 390, height: 844 }`. */
export type Viewport = { width: number; height: number };

export type AdminPanel = {
  base: string;
  browser: Browser;
  users: Record<string, PanelUser>;
  /** a fresh browser context logged in as `who` (a desktop window unless `viewport` is given) */
  open: (who: PanelUser, viewport?: Viewport) => Promise<Page>;
  close: () => Promise<void>;
};

/**
 * The built admin panel served by a real server process on a fresh database, with the
 * given staff (plus a super admin, without whom the panel opens on its first-run page),
 * and headless Chromium to drive it. `seed` runs on the in-process app before the server
 * process starts (e.g. to walk a record along its SOP over HTTP).
 */
export const startAdminPanel = async (
  staff: Record<string, { role: string; firstname: string; lastname: string }>,
  options: { seed?: (app: TestApp, users: Record<string, PanelUser>) => Promise<void> } = {}
): Promise<AdminPanel> => {
  const database: TestDatabase = await createTestDatabase();
  const setup = await startApp({ database });
  await createAdminUser(setup.strapi, 'Super Admin', { firstname: 'Admin', lastname: 'Utama' });
  const users: Record<string, PanelUser> = {};
  for (const [key, person] of Object.entries(staff)) {
    users[key] = await createAdminUser(setup.strapi, person.role, { firstname: person.firstname, lastname: person.lastname });
  }
  if (options.seed) await options.seed(setup, users);
  await setup.stop();
  const port = 21000 + Math.floor(Math.random() * 9000);
  const base = `http://127.0.0.1:${port}`;
  const server: ServerProcess = await startServerProcess(port, { PUBLIC_URL: base, LOG_LEVEL: 'warn', SERVE_ADMIN_PANEL: 'true' });
  const browser = await launchBrowser();

  const open = async (who: PanelUser, viewport: Viewport = { width: 1440, height: 1100 }): Promise<Page> => {
    const context = await browser.newContext({ locale: 'id-ID', viewport, ...(viewport.width < 600 ? { isMobile: true, hasTouch: true } : {}) });
    const page = await context.newPage();
    await page.goto(`${base}/admin/auth/login`);
    try {
      await page.locator('input[name="email"]').waitFor({ timeout: 30000 });
    } catch {
      await screenshot(page, 'gagal-login');
      throw new Error(`login page did not render at ${page.url()}`);
    }
    await page.locator('input[name="email"]').fill(who.email);
    await page.locator('input[name="password"]').fill(who.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.includes('/auth/login'), { timeout: 30000 });
    return page;
  };

  return {
    base,
    browser,
    users,
    open,
    close: async () => {
      await browser.close();
      await server.stop();
      await database.drop();
    },
  };
};
