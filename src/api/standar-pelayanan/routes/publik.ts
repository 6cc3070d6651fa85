/**
 * The public reads of published standards, no login. The core routes (the other
 * router file, under /api/standar-pelayanans) need permissions nobody is granted.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/standar-pelayanan',
      handler: 'standar-pelayanan.daftar',
      config: { auth: false, policies: [], middlewares: [] },
    },
    {
      method: 'GET',
      path: '/standar-pelayanan/:slug',
      handler: 'standar-pelayanan.detail',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
