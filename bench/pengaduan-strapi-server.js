'use strict';
/**
 * Child process of bench/pengaduan.js: the real app (compiled dist/, NODE_ENV=production)
 * on PostgreSQL, plus two bench-only endpoints on the same table for comparison:
 *   POST /__bench/documents  strapi.documents(uid).create() — Strapi's stock document service
 *                            (with the app's document middlewares: SOP gate, ticket numbering, audit row)
 *   POST /__bench/query      strapi.db.query(uid).create() — the query engine alone
 * The environment comes from the parent.
 */
const path = require('path');
const crypto = require('crypto');

const APP_DIR = path.resolve(__dirname, '..');
const UID = 'api::pengaduan.pengaduan';

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.load();
  let urut = 0;
  // After strapi::body (registered in load), before the router (mounted by listen).
  strapi.server.use(async (ctx, next) => {
    if (ctx.method !== 'POST' || !ctx.path.startsWith('/__bench/')) return next();
    const data = (ctx.request.body && ctx.request.body.data) || {};
    const row = { nama: String(data.nama), kontak: String(data.kontak), isi: String(data.isi) };
    if (ctx.path === '/__bench/documents') {
      const created = await strapi.documents(UID).create({ data: { ...row, saluran: 'telepon' } });
      ctx.status = 201;
      ctx.body = { data: { documentId: created.documentId } };
      return;
    }
    if (ctx.path === '/__bench/query') {
      urut += 1;
      const now = new Date().toISOString();
      const created = await strapi.db.query(UID).create({
        data: {
          ...row,
          saluran: 'web',
          nomorTiket: `Q-${process.pid}-${urut}`,
          kodeLacakHash: `h1:${crypto.randomBytes(32).toString('hex')}`,
          waktuDiterima: now,
          tahap: 'diterima',
          versi: 0,
          tenggat: now,
          tenggatPengakuan: now,
          tenggatRespons: now,
          tenggatPenyelesaian: now,
          documentId: crypto.randomBytes(12).toString('hex'),
          publishedAt: now,
        },
      });
      ctx.status = 201;
      ctx.body = { data: { documentId: created.documentId } };
      return;
    }
    return next();
  });
  await strapi.listen();
  process.send && process.send({ ready: true, port: strapi.server.httpServer.address().port });
  process.on('message', async (message) => {
    if (message === 'stop') {
      await strapi.destroy();
      process.exit(0);
    }
  });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
