'use strict';
// The server under measurement, in its own OS process so the load generator does not
// share its event loop: boots the compiled app (dist/), creates the staff accounts,
// then reports them to the parent over IPC.
const path = require('path');
const crypto = require('crypto');

const appDir = path.resolve(__dirname, '..');

const STAFF = [
  { key: 'operator', role: 'Operator Transmisi Sandi', firstname: 'Operator', lastname: 'Bench' },
  { key: 'operator2', role: 'Operator Transmisi Sandi', firstname: 'Operator', lastname: 'Kedua' },
  { key: 'kasi', role: 'Kepala Seksi Persandian dan Keamanan Informasi', firstname: 'Kasi', lastname: 'Bench' },
];

const main = async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = createStrapi({ appDir, distDir: path.join(appDir, 'dist'), autoReload: false, serveAdminPanel: false });
  await strapi.start();
  const users = [];
  for (const person of STAFF) {
    const role = await strapi.db.query('admin::role').findOne({ where: { name: person.role } });
    if (!role) throw new Error(`role not found: ${person.role}`);
    const tag = crypto.randomBytes(4).toString('hex');
    const email = `bench-${person.key}-${tag}@pekalongankota.go.id`;
    const password = `Bench-${tag}-Aman1`;
    const user = await strapi.service('admin::user').create({
      firstname: person.firstname,
      lastname: person.lastname,
      email,
      password,
      isActive: true,
      registrationToken: null,
      roles: [role.id],
    });
    users.push({ key: person.key, id: user.id, email, password });
  }
  process.on('message', async (message) => {
    if (message && message.type === 'memory') {
      process.send({ type: 'memory', rss: process.memoryUsage().rss });
    }
    if (message && message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send({ type: 'cpu', ms: (user + system) / 1000 });
    }
    if (message && message.type === 'stop') {
      await strapi.destroy().catch(() => undefined);
      process.exit(0);
    }
  });
  // The parent died without saying stop (an error, Ctrl-C): do not linger holding the database.
  process.on('disconnect', () => {
    strapi
      .destroy()
      .catch(() => undefined)
      .finally(() => process.exit(0));
  });
  process.send({ type: 'ready', users });
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
