'use strict';
// A second Strapi server process for multi-process tests: same compiled app, same
// environment (database, secrets) as the parent test, its own port.
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..', '..');
createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: process.env.SERVE_ADMIN_PANEL === 'true' })
  .start()
  .then(() => process.send && process.send({ ready: true }))
  .catch((error) => {
    // eslint-disable-next-line no-console -- the parent test reads the child's stderr
    console.error(error);
    process.exit(1);
  });
