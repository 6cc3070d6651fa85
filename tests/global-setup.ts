import { applyTestEnvironment } from './helpers/env';

/** Compiles the TypeScript app to dist/ once; each test file then boots its own Strapi from it. */
export default async function globalSetup(): Promise<void> {
  applyTestEnvironment();
  const { compileStrapi } = await import('@strapi/strapi');
  await compileStrapi({ appDir: process.cwd() });
}
