/**
 * The office's names for the admin panel's welcome texts (login page, home page, menu), no login:
 * the login page is shown before anyone signs in. Only the unit names the public pages' letterhead
 * shows anyway (src/domain/kantor.ts); the core routes of the instansi (other router file) need
 * permissions nobody is granted.
 */
export default {
  routes: [
    {
      method: 'GET',
      path: '/instansi/nama-kantor',
      handler: 'nama-kantor.tampil',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
