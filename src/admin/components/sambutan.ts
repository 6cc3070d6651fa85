/**
 * The office's name where Strapi would welcome the user to Strapi: the login page, the
 * homepage header, the menu's brand and the browser tab. A static default: the instansi's
 * own name (`api::instansi.instansi`) is set by the office at runtime and printed on letters.
 */
export const NAMA_KANTOR = 'Meja Sandi — Persandian Diskominfo Kota Pekalongan';

/** Message ids of Strapi's admin texts that name Strapi, with the office's texts (every locale). */
export const SAMBUTAN: Record<string, string> = {
  'Auth.form.welcome.title': 'Meja Sandi',
  'Auth.form.welcome.subtitle': `Masuk ke ${NAMA_KANTOR}`,
  'Auth.form.register.subtitle': 'Kredensial hanya dipakai untuk masuk ke Meja Sandi; semua data tersimpan di server Diskominfo Kota Pekalongan.',
  'HomePage.head.title': 'Beranda',
  'HomePage.header.title': NAMA_KANTOR,
  'HomePage.header.subtitle': 'Seksi Persandian dan Keamanan Informasi, Dinas Komunikasi dan Informatika Kota Pekalongan',
  'app.components.LeftMenu.navbrand.title': 'Meja Sandi',
  'app.components.LeftMenu.navbrand.workplace': 'Persandian Diskominfo',
};
