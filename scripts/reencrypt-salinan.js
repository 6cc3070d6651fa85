#!/usr/bin/env node
/*
 * Key rotation for salinan text: put the new key first in SALINAN_KEY
 * (SALINAN_KEY="<new>,<old>"), restart, then run `npm run salinan:enkripsi-ulang`.
 * Every salinan still under an older key is re-encrypted with the new one; afterwards
 * the old key can be removed from SALINAN_KEY.
 */
'use strict';
const path = require('path');
const { createStrapi, compileStrapi } = require('@strapi/strapi');

const main = async () => {
  const appDir = path.resolve(__dirname, '..');
  await compileStrapi({ appDir });
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  try {
    const { reencryptSalinan } = require(path.join(appDir, 'dist', 'src', 'sop-defs', 'kriptogram', 'salinan.js'));
    const result = await reencryptSalinan(strapi);
    console.log(`[meja-sandi] ${result.diperiksa} salinan diperiksa, ${result.dienkripsiUlang} dienkripsi ulang dengan kunci baru.`);
  } finally {
    await strapi.destroy();
  }
};

main().catch((error) => {
  console.error(`[meja-sandi] Enkripsi ulang gagal: ${error && error.message}`);
  process.exit(1);
});
