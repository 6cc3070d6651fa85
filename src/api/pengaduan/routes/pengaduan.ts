/**
 * Only the two public endpoints: there is no core router, so no `/api/pengaduans`
 * CRUD exists for anyone. Staff work in the content manager and `/sop/pengaduan`.
 */
export default {
  routes: [
    {
      method: 'POST',
      path: '/pengaduan',
      handler: 'pengaduan.kirim',
      config: { auth: false, policies: [], middlewares: [] },
    },
    {
      method: 'GET',
      path: '/pengaduan/lacak/:nomorTiket',
      handler: 'pengaduan.lacak',
      config: { auth: false, policies: [], middlewares: [] },
    },
  ],
};
