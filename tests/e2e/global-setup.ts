import fs from 'fs';
import path from 'path';
import globalSetup from '../global-setup';

export default async function e2eGlobalSetup(): Promise<void> {
  await globalSetup();
  const adminBuild = path.resolve(__dirname, '..', '..', 'dist', 'build', 'index.html');
  if (!fs.existsSync(adminBuild)) {
    throw new Error('The admin panel is not built: run `npm run build` before `npm run test:e2e`.');
  }
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) {
    throw new Error('Chromium not found: apt-get install -y chromium (or set CHROMIUM_PATH).');
  }
}
