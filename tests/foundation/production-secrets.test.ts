import { spawnSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';

const APP_DIR = path.resolve(__dirname, '..', '..');
const random = () => crypto.randomBytes(32).toString('base64');

describe('production secrets', () => {
  it('refuses to start without SALINAN_KEY and names it', () => {
    const script = `
      const { createStrapi } = require('@strapi/strapi');
      createStrapi({ appDir: ${JSON.stringify(APP_DIR)}, distDir: ${JSON.stringify(path.join(APP_DIR, 'dist'))}, autoReload: false, serveAdminPanel: false })
        .load()
        .then(() => { console.log('STARTED'); process.exit(0); })
        .catch((error) => { console.error(error && error.message); process.exit(3); });
    `;
    const result = spawnSync(process.execPath, ['-e', script], {
      cwd: APP_DIR,
      encoding: 'utf8',
      timeout: 60000,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        STRAPI_TELEMETRY_DISABLED: 'true',
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: `.tmp/prod-check-${process.pid}.db`,
        APP_KEYS: `${random()},${random()}`,
        API_TOKEN_SALT: random(),
        ADMIN_JWT_SECRET: random(),
        TRANSFER_TOKEN_SALT: random(),
        JWT_SECRET: random(),
        ENCRYPTION_KEY: random(),
        SALINAN_KEY: '',
        AUDIT_KEY: random(),
        HOME: os.tmpdir(),
      },
    });
    fs.rmSync(path.join(APP_DIR, `.tmp/prod-check-${process.pid}.db`), { force: true });
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).not.toContain('STARTED');
    expect(result.status).not.toBe(0);
    expect(output).toContain('SALINAN_KEY');
  });
});
