import fs from 'fs';
import path from 'path';
import { createSeededDatabase } from './helpers/app';
import { applyTestEnvironment } from './helpers/env';

/**
 * Compiles the TypeScript app to dist/ once; each test file then boots its own Strapi from it, on a
 * copy of the database one boot made here (the seed; see createTestDatabase).
 * With TEST_SKIP_COMPILE=1 an existing dist/ is used as it is: .ci/run compiles once and then runs
 * the SQLite and PostgreSQL suites side by side, which must not both rewrite dist/ at once.
 */
export default async function globalSetup(): Promise<void> {
  applyTestEnvironment();
  if (process.env.TEST_SKIP_COMPILE !== '1' || !fs.existsSync(path.resolve(__dirname, '..', 'dist', 'src', 'index.js'))) {
    const { compileStrapi } = await import('@strapi/strapi');
    await compileStrapi({ appDir: process.cwd() });
  }
  await createSeededDatabase();
}
