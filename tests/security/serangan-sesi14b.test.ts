/**
 * Session 14b insider review: Strapi's own admin routes (users, roles, tokens, webhooks, settings,
 * view configuration, single types), the content manager's list and single reads with root-level
 * filters, sorts and field lists on fields a role may not read, the `/sop` routes (views, letters,
 * agenda books, alur, kosakata) and the quarterly evaluation's exports, for every office role,
 * Strapi's stock Editor and Author, and the Super Admin. Each test asserts the SAFE behaviour: a
 * failing test is a hole; tests named "held: …" passed when written and guard against regressions.
 * Runs on SQLite.
 */
import PizZip from 'pizzip';
import { createAdminSession, findRole, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { rolesOf, sopView, walkBeritaTo } from '../helpers/sop';

const CM = '/content-manager/collection-types';
const KRIPTOGRAM = 'api::kriptogram.kriptogram';
const DISTRIBUSI = 'api::distribusi.distribusi';
const BERITA = 'api::berita.berita';
const SALINAN = 'api::salinan.salinan';

// Markers written into fields some roles may not read.
const ASAL = 'ASALS14B-Kodam';
const TEKS_A = 'AAAA-TEKSS14B';
const TEKS_Z = 'ZZZZ-TEKSS14B';
const PERIHAL_BERITA = 'PERIHALS14B rapat pengamanan';
const PENGIRIM = 'PENGIRIMS14B Lemsaneg';
const RINGKAS = 'RINGKASS14B isi ringkas rahasia';
const PERIHAL_SALINAN = 'Pengamanan kunjungan kerja'; // SALINAN_CONTOH.perihal

const PERSONAS = ['operator', 'sandiman', 'kasi', 'kabid', 'kadis', 'caraka', 'petugas', 'pejabat', 'editor', 'author', 'superAdmin'] as const;
type Who = (typeof PERSONAS)[number];
const ROLE_OF = rolesOf(PERSONAS);
const NOT_SUPER: Who[] = ['operator', 'sandiman', 'kasi', 'kabid', 'kadis', 'caraka', 'petugas', 'pejabat', 'editor', 'author'];

type Reply = { status: number; body: unknown; text: string };

const zipText = (bytes: Buffer): string => {
  const zip = new PizZip(bytes);
  return Object.keys(zip.files)
    .filter((name) => name.endsWith('.xml'))
    .map((name) =>
      zip
        .file(name)!
        .asText()
        .replace(/<[^>]+>/g, '')
    )
    .join('\n');
};

describe('security (session 14b): Strapi admin routes, content-manager queries, /sop views, letters and exports', () => {
  let app: TestApp;
  const staff = {} as Record<Who, AdminSession>;
  let superAdminRoleId: number;
  let beritaId: string; // Rahasia berita, copies assigned to the Caraka, overdue
  let beritaCopy: string;
  let kriptogramA: string; // Terbatas, numbered, salinan typed, asal ASAL, teks TEKS_A
  let kriptogramZ: string; // Terbatas, only registered, teks TEKS_Z
  let kriptogramRahasia: string; // Rahasia, numbered

  const as = (who: Who, method: 'get' | 'post' | 'put' | 'delete', url: string) =>
    app.http()[method](url).set('Authorization', `Bearer ${staff[who].token}`);

  const binary = async (who: Who, url: string): Promise<{ status: number; bytes: Buffer }> => {
    const response = await as(who, 'get', url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return { status: response.status, bytes: response.body as Buffer };
  };

  const call = async (who: Who, method: 'get' | 'post' | 'put' | 'delete', url: string, body?: unknown): Promise<Reply> => {
    const request = as(who, method, url);
    const response = body === undefined ? await request : await request.send(body as object);
    return { status: response.status, body: response.body, text: JSON.stringify(response.body ?? response.text) };
  };

  /** documentIds of a content-manager list answer, in order. */
  const listIds = (reply: Reply): string[] => ((reply.body as { results?: { documentId: string }[] })?.results ?? []).map((row) => row.documentId);

  /**
   * A query answers nothing about a value the role may not read: asked with the true value and a
   * false one, the answers are the same (or both refused). Returns a description when they differ.
   */
  const oracle = async (who: Who, url: (value: string) => string, truth: string, lie: string): Promise<string | null> => {
    const [yes, no] = [await call(who, 'get', url(truth)), await call(who, 'get', url(lie))];
    if (yes.status >= 500 || no.status >= 500) return `${who} ${url(truth)}: 5xx (${yes.status}/${no.status})`;
    if (yes.status === no.status && yes.status !== 200) return null;
    if (yes.status !== no.status) return `${who} ${url(truth)}: status ${yes.status} vs ${no.status}`;
    const [a, b] = [listIds(yes), listIds(no)];
    if (JSON.stringify(a) !== JSON.stringify(b)) return `${who} ${url(truth)}: ${a.length} hit(s) for the true value, ${b.length} for a false one`;
    return null;
  };

  beforeAll(async () => {
    app = await startApp();
    for (const who of Object.keys(ROLE_OF) as Who[]) staff[who] = await createAdminSession(app, ROLE_OF[who]);
    superAdminRoleId = ((await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as { id: number }).id;

    beritaId = await walkBeritaTo(
      app,
      { operator: staff.operator, kasi: staff.kasi, kabid: staff.kabid, kadis: staff.kadis, caraka: staff.caraka },
      'ditugaskan_ke_caraka',
      { sifat: 'rahasia', perihal: PERIHAL_BERITA, pengirim: PENGIRIM, isiRingkas: RINGKAS }
    );
    beritaCopy = (await sopView(app, staff.caraka, 'berita', beritaId)).body.data.distribusi[0].documentId;

    kriptogramA = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dinomori', {
      klasifikasi: 'terbatas',
      asal: ASAL,
      teksKriptogram: TEKS_A,
    });
    kriptogramZ = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'diterima', {
      nomorKriptogram: 'KR-0200/JKS/XI/2026',
      klasifikasi: 'terbatas',
      asal: 'Asal lain',
      teksKriptogram: TEKS_Z,
    });
    kriptogramRahasia = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'dinomori', {
      nomorKriptogram: 'KR-0300/JKS/XI/2026',
      klasifikasi: 'rahasia',
    });
  }, 180_000);

  afterAll(async () => {
    await app?.destroy();
  });

  // ---------------------------------------------------------------------------
  // Strapi's admin routes: users, roles, tokens, webhooks, settings

  describe('Strapi admin routes: no staff role (nor Editor / Author) manages users, roles, tokens, webhooks or settings', () => {
    const refused = (status: number) => status === 401 || status === 403 || status === 404 || status === 405;

    it('held: the user list, a user, the roles and their permissions are not readable by any staff role', async () => {
      const opened: string[] = [];
      for (const who of NOT_SUPER) {
        const ownRole = await findRole(app.strapi, ROLE_OF[who]);
        for (const url of [
          '/admin/users',
          `/admin/users/${staff.superAdmin.id}`,
          '/admin/roles',
          `/admin/roles/${ownRole.id}`,
          `/admin/roles/${ownRole.id}/permissions`,
          `/admin/roles/${superAdminRoleId}/permissions`,
          '/admin/permissions',
        ]) {
          const reply = await call(who, 'get', url);
          if (!refused(reply.status) || reply.text.includes('@pekalongankota.go.id')) opened.push(`${who} GET ${url} → ${reply.status}`);
        }
      }
      // /admin/permissions lists the action catalogue (no user data): allowed for any admin
      expect(opened.filter((line) => !line.includes('/admin/permissions →'))).toEqual([]);
    });

    it('held: no staff role changes its own or another role’s permissions, creates a role, or gives a user another role', async () => {
      const changed: string[] = [];
      for (const who of NOT_SUPER) {
        const ownRole = await findRole(app.strapi, ROLE_OF[who]);
        const before = await app.strapi.db.query('admin::permission').count({ where: { role: { id: ownRole.id } } });
        const attempts: [string, 'put' | 'post', unknown][] = [
          [
            `/admin/roles/${ownRole.id}/permissions`,
            'put',
            {
              permissions: [
                { action: 'plugin::content-manager.explorer.read', subject: SALINAN, properties: { fields: ['isi', 'perihal'] }, conditions: [] },
              ],
            },
          ],
          [`/admin/roles/${ownRole.id}`, 'put', { name: ownRole.name, description: 'diubah' }],
          ['/admin/roles', 'post', { name: `Peran ${who} baru`, description: 'x' }],
          [`/admin/users/${staff[who].id}`, 'put', { roles: [superAdminRoleId] }],
          ['/admin/users', 'post', { firstname: 'Penyusup', lastname: who, email: `penyusup-${who}@example.test`, roles: [superAdminRoleId] }],
        ];
        for (const [url, method, body] of attempts) {
          const reply = await call(who, method, url, body);
          if (!refused(reply.status) && reply.status !== 400) changed.push(`${who} ${method.toUpperCase()} ${url} → ${reply.status}`);
        }
        const after = await app.strapi.db.query('admin::permission').count({ where: { role: { id: ownRole.id } } });
        if (after !== before) changed.push(`${who}: own role's permissions ${before} → ${after}`);
      }
      expect(changed).toEqual([]);
    });

    it('held: PUT /admin/users/me cannot add a role, reactivate or block an account', async () => {
      const grew: string[] = [];
      for (const who of NOT_SUPER) {
        const reply = await call(who, 'put', '/admin/users/me', { roles: [superAdminRoleId], isActive: true, blocked: false, firstname: 'Pegawai' });
        expect(reply.status).toBeLessThan(500);
        const user = (await app.strapi.db.query('admin::user').findOne({ where: { id: staff[who].id }, populate: ['roles'] })) as {
          roles: { id: number; code: string }[];
        };
        if (user.roles.some((role) => role.id === superAdminRoleId)) grew.push(`${who} → Super Admin (${reply.status})`);
      }
      expect(grew).toEqual([]);
    });

    it('held: no staff role lists or creates API tokens, transfer tokens or webhooks, or changes the project, media or e-mail settings', async () => {
      const opened: string[] = [];
      const attempts: [string, 'get' | 'post' | 'put', unknown?][] = [
        ['/admin/api-tokens', 'get'],
        ['/admin/api-tokens', 'post', { name: 'baca-semua', type: 'read-only', lifespan: null, description: '' }],
        ['/admin/transfer/tokens', 'get'],
        ['/admin/transfer/tokens', 'post', { name: 'tarik', permissions: ['pull'], lifespan: null }],
        ['/admin/webhooks', 'get'],
        ['/admin/webhooks', 'post', { name: 'bocor', url: 'http://127.0.0.1:9/', events: ['entry.create', 'sop.transition'], headers: {} }],
        ['/admin/project-settings', 'post', {}],
        ['/upload/settings', 'put', { sizeOptimization: false, responsiveDimensions: false, autoOrientation: false }],
        ['/email/test', 'post', { to: 'luar@example.test' }],
        ['/users-permissions/roles', 'get'],
        ['/users-permissions/advanced', 'put', { allow_register: true, default_role: 'authenticated' }],
        ['/i18n/locales', 'post', { code: 'en', name: 'English', isDefault: true }],
        ['/content-type-builder/content-types', 'post', { contentType: {} }],
      ];
      const tokensBefore = await app.strapi.db.query('admin::api-token').count({});
      for (const who of NOT_SUPER) {
        for (const [url, method, body] of attempts) {
          const reply = await call(who, method, url, body);
          if (!refused(reply.status) && !(reply.status === 400 && method !== 'get'))
            opened.push(`${who} ${method.toUpperCase()} ${url} → ${reply.status}`);
          if (reply.status >= 500) opened.push(`${who} ${method.toUpperCase()} ${url} → 5xx`);
        }
      }
      expect(opened).toEqual([]);
      expect(await app.strapi.db.query('admin::api-token').count({})).toBe(tokensBefore);
      const advanced = (await app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' }).get({})) as {
        allow_register?: boolean;
      };
      expect(advanced.allow_register).toBe(false);
    });

    it('held: no staff role changes a view configuration (main field, list columns, hidden fields) of a Meja Sandi type or component', async () => {
      const before = await call('superAdmin', 'get', `/content-manager/content-types/${KRIPTOGRAM}/configuration`);
      expect(before.status).toBe(200);
      const configuration = (before.body as { data: { contentType: Record<string, unknown> } }).data.contentType;
      const changed: string[] = [];
      for (const who of NOT_SUPER) {
        const settings = { ...(configuration.settings as Record<string, unknown>), mainField: 'teksKriptogram' };
        const layouts = { ...(configuration.layouts as Record<string, unknown>), list: ['id', 'teksKriptogram', 'asal'] };
        for (const [url, body] of [
          [`/content-manager/content-types/${KRIPTOGRAM}/configuration`, { settings, metadatas: configuration.metadatas, layouts }],
          [`/content-manager/content-types/${DISTRIBUSI}/configuration`, { settings: { mainField: 'catatan' } }],
          ['/content-manager/components/naskah.penerima/configuration', { settings: { mainField: 'nama' } }],
        ] as const) {
          const reply = await call(who, 'put', url, body);
          if (!refused(reply.status) && reply.status !== 400) changed.push(`${who} PUT ${url} → ${reply.status}`);
        }
      }
      expect(changed).toEqual([]);
      const after = await call('superAdmin', 'get', `/content-manager/content-types/${KRIPTOGRAM}/configuration`);
      expect((after.body as { data: { contentType: { settings: { mainField: string } } } }).data.contentType.settings.mainField).toBe(
        (configuration.settings as { mainField: string }).mainField
      );
    });

    it('held: the single type instansi is changed only by the Kasi, the Kepala Dinas and the Super Admin; nobody deletes it', async () => {
      const wrote: string[] = [];
      for (const who of ['operator', 'sandiman', 'kabid', 'caraka', 'petugas', 'pejabat', 'editor', 'author'] as const) {
        const put = await call(who, 'put', '/content-manager/single-types/api::instansi.instansi', { dinas: `Dinas ${who}` });
        if (put.status < 400 || put.status >= 500) wrote.push(`${who} PUT → ${put.status}`);
      }
      for (const who of ['kasi', 'kadis', 'operator'] as const) {
        const del = await call(who, 'delete', '/content-manager/single-types/api::instansi.instansi');
        if (del.status < 400 || del.status >= 500) wrote.push(`${who} DELETE → ${del.status}`);
      }
      expect(wrote).toEqual([]);
      expect(await app.strapi.db.query('api::instansi.instansi').count({})).toBe(1);
    });

    it('held: Editor and Author read, create or publish nothing of Meja Sandi in the content manager or through /sop', async () => {
      const opened: string[] = [];
      for (const who of ['editor', 'author'] as const) {
        for (const uid of [
          BERITA,
          KRIPTOGRAM,
          SALINAN,
          DISTRIBUSI,
          'api::pengaduan.pengaduan',
          'api::pelaksana.pelaksana',
          'api::standar-pelayanan.standar-pelayanan',
        ]) {
          const list = await call(who, 'get', `${CM}/${uid}`);
          if (list.status !== 403) opened.push(`${who} list ${uid} → ${list.status}`);
          const create = await call(who, 'post', `${CM}/${uid}`, { perihal: 'x' });
          if (create.status < 400 || create.status >= 500) opened.push(`${who} create ${uid} → ${create.status}`);
        }
        for (const url of [
          `/sop/berita/${beritaId}`,
          `/sop/kriptogram/${kriptogramA}`,
          `/sop/kriptogram/${kriptogramA}/isi`,
          `/sop/kriptogram/${kriptogramA}/dokumen/resi`,
          '/sop/agenda/surat-masuk',
          '/sop/evaluasi',
          '/sop/alur',
        ]) {
          const reply = await call(who, 'get', url);
          if (reply.status < 400 || reply.status >= 500) opened.push(`${who} GET ${url} → ${reply.status}`);
        }
        const antrian = await call(who, 'get', '/sop/antrian');
        if ((antrian.body as { data?: unknown[] }).data?.length) opened.push(`${who} antrian has records`);
      }
      expect(opened).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------
  // The content manager: root-level filters, sorts and field lists on fields outside the grant

  describe('content-manager lists answer nothing about a field the role may not read, at the root too', () => {
    it('held: the Operator and the Caraka learn nothing of a kriptogram’s origin or text by filtering the kriptogram list (asal, teksKriptogram)', async () => {
      const leaks: string[] = [];
      for (const who of ['operator', 'caraka'] as const) {
        for (const [field, truth] of [
          ['asal', ASAL.slice(0, 8)],
          ['teksKriptogram', TEKS_A.slice(0, 6)],
          ['teks_kriptogram', TEKS_A.slice(0, 6)], // the column name, not an attribute
        ] as const) {
          for (const operator of ['$startsWith', '$contains', '$eqi', '$gt']) {
            const value = operator === '$eqi' ? (field === 'asal' ? ASAL : TEKS_A) : truth;
            const leak = await oracle(
              who,
              (v) => `${CM}/${KRIPTOGRAM}?page=1&pageSize=50&filters[${field}][${operator}]=${encodeURIComponent(v)}`,
              value,
              'QQQQ-tidak-ada'
            );
            if (leak) leaks.push(leak);
          }
        }
        const search = await oracle(who, (v) => `${CM}/${KRIPTOGRAM}?page=1&pageSize=50&_q=${encodeURIComponent(v)}`, ASAL, 'QQQQ-tidak-ada');
        if (search) leaks.push(search);
      }
      expect(leaks).toEqual([]);
    });

    it('sorting a list by a root field outside the grant does not order it (sort=teksKriptogram:ASC — a single string sort survives Strapi’s sanitizer)', async () => {
      // Strapi's permission sanitizer removes a disallowed sort key; for a one-field string sort the
      // traversal returns `undefined`, and createSanitizeQuery then keeps the ORIGINAL sort
      // (admin permissions-manager/sanitize.js: `if (sanitizedSort !== undefined) …`). The app's
      // guard (src/access/content-manager-read.ts checkQuery) only checks paths crossing a relation.
      expect(kriptogramZ).toEqual(expect.any(String)); // a second kriptogram (TEKS_Z), so an order can show
      const leaks: string[] = [];
      for (const [who, uid, field] of [
        ['operator', KRIPTOGRAM, 'teksKriptogram'],
        ['operator', KRIPTOGRAM, 'asal'],
        ['caraka', KRIPTOGRAM, 'teksKriptogram'],
        ['caraka', KRIPTOGRAM, 'asal'],
        ['caraka', BERITA, 'pengirim'],
        ['caraka', BERITA, 'isiRingkas'],
        ['operator', SALINAN, 'perihal'],
        ['sandiman', DISTRIBUSI, 'perihalSurat'],
      ] as const) {
        const up = await call(who, 'get', `${CM}/${uid}?page=1&pageSize=50&sort=${field}:ASC`);
        const down = await call(who, 'get', `${CM}/${uid}?page=1&pageSize=50&sort=${field}:DESC`);
        if (up.status >= 500 || down.status >= 500) leaks.push(`${who} ${uid} sort=${field}: 5xx`);
        else if (
          up.status === 200 &&
          down.status === 200 &&
          listIds(up).length > 1 &&
          JSON.stringify(listIds(up)) !== JSON.stringify(listIds(down))
        ) {
          leaks.push(`${who} ${uid} sort=${field}: the list is ordered by the hidden field`);
        }
      }
      expect(leaks).toEqual([]);
      // a readable field still orders the list, in either form, beside a dropped one
      const ordered = async (sort: string) => listIds(await call('kasi', 'get', `${CM}/${KRIPTOGRAM}?page=1&pageSize=50&sort=${sort}`));
      expect((await ordered('asal:ASC')).length).toBeGreaterThan(1);
      expect(await ordered('asal:ASC')).toEqual([...(await ordered('asal:DESC'))].reverse());
      const operatorOrder = async (sort: string) => listIds(await call('operator', 'get', `${CM}/${KRIPTOGRAM}?page=1&pageSize=50&sort=${sort}`));
      expect((await operatorOrder('id:ASC')).length).toBeGreaterThan(1);
      expect(await operatorOrder('id:DESC')).toEqual([...(await operatorOrder('id:ASC'))].reverse());
      expect(await operatorOrder('teksKriptogram:DESC,id:DESC')).toEqual(await operatorOrder('id:DESC'));
    });

    it('held: the object and list forms of a sort on a root field outside the grant are dropped (sort[teksKriptogram]=asc, sort[0]=…, a,b)', async () => {
      const leaks: string[] = [];
      for (const [up, down] of [
        ['sort[teksKriptogram]=asc', 'sort[teksKriptogram]=desc'],
        ['sort[0]=teksKriptogram:ASC', 'sort[0]=teksKriptogram:DESC'],
        ['sort=teksKriptogram:ASC,asal:ASC', 'sort=teksKriptogram:DESC,asal:DESC'],
      ]) {
        const a = await call('operator', 'get', `${CM}/${KRIPTOGRAM}?page=1&pageSize=50&${up}`);
        const b = await call('operator', 'get', `${CM}/${KRIPTOGRAM}?page=1&pageSize=50&${down}`);
        expect(a.status).toBeLessThan(500);
        if (a.status === 200 && b.status === 200 && JSON.stringify(listIds(a)) !== JSON.stringify(listIds(b))) leaks.push(up);
      }
      expect(leaks).toEqual([]);
    });

    it('held: the Caraka learns nothing of a berita’s summary, sender or the kriptogram behind its copy by filtering the berita or distribusi list', async () => {
      const leaks: string[] = [];
      const tests: [string, string, string][] = [
        [BERITA, 'filters[isiRingkas][$startsWith]', RINGKAS.slice(0, 9)],
        [BERITA, 'filters[pengirim][$startsWith]', PENGIRIM.slice(0, 9)],
        [BERITA, 'filters[$or][0][pengirim][$contains]', PENGIRIM.slice(0, 9)],
        [BERITA, 'filters[$not][pengirim][$notContains]', PENGIRIM.slice(0, 9)],
        [DISTRIBUSI, 'filters[berita][isiRingkas][$startsWith]', RINGKAS.slice(0, 9)],
        [DISTRIBUSI, 'filters[berita][$and][0][pengirim][$startsWith]', PENGIRIM.slice(0, 9)],
        [DISTRIBUSI, 'filters[kriptogram][asal][$startsWith]', ASAL.slice(0, 8)],
        [DISTRIBUSI, 'filters[kriptogram][teks_kriptogram][$startsWith]', TEKS_A.slice(0, 6)],
        [DISTRIBUSI, 'filters[kriptogram][salinan][perihal][$startsWith]', PERIHAL_SALINAN.slice(0, 8)],
        [DISTRIBUSI, 'populate[kriptogram][filters][asal][$startsWith]', ASAL.slice(0, 8)],
        [SALINAN, 'filters[perihal][$startsWith]', PERIHAL_SALINAN.slice(0, 8)],
        [SALINAN, 'filters[kriptogram][asal][$startsWith]', ASAL.slice(0, 8)],
      ];
      for (const [uid, filter, truth] of tests) {
        const leak = await oracle('caraka', (v) => `${CM}/${uid}?page=1&pageSize=50&${filter}=${encodeURIComponent(v)}`, truth, 'QQQQ-tidak-ada');
        if (leak) leaks.push(leak);
      }
      // the Operator reads salinan recipients only, the Sandiman no berita at all
      for (const [who, uid, filter, truth] of [
        ['operator', SALINAN, 'filters[perihal][$startsWith]', PERIHAL_SALINAN.slice(0, 8)],
        ['operator', SALINAN, 'filters[kriptogram][teksKriptogram][$startsWith]', TEKS_A.slice(0, 6)],
        ['sandiman', DISTRIBUSI, 'filters[berita][perihal][$startsWith]', PERIHAL_BERITA.slice(0, 9)],
        ['sandiman', DISTRIBUSI, 'filters[perihalSurat][$startsWith]', PERIHAL_BERITA.slice(0, 9)],
        ['sandiman', DISTRIBUSI, 'filters[nomorAgendaSurat][$notNull]', 'true'],
      ] as const) {
        const leak = await oracle(
          who,
          (v) => `${CM}/${uid}?page=1&pageSize=50&${filter}=${encodeURIComponent(v)}`,
          truth,
          who === 'sandiman' && filter.includes('$notNull') ? 'false' : 'QQQQ-tidak-ada'
        );
        if (leak) leaks.push(leak);
      }
      expect(leaks).toEqual([]);
    });

    it('held: a list or edit view with `fields`, `populate=*`, `locale` or `status` shows no field outside the grant', async () => {
      const shown: string[] = [];
      for (const [who, url, markers] of [
        [
          'operator',
          `${CM}/${KRIPTOGRAM}?fields[0]=asal&fields[1]=teksKriptogram&populate=*&locale=*&status=published`,
          [ASAL, TEKS_A, PERIHAL_SALINAN],
        ],
        [
          'operator',
          `${CM}/${KRIPTOGRAM}/${kriptogramA}?fields[0]=asal&populate[salinan][fields][0]=perihal&locale=*`,
          [ASAL, TEKS_A, PERIHAL_SALINAN],
        ],
        ['caraka', `${CM}/${KRIPTOGRAM}/${kriptogramA}?populate=*&status=draft`, [ASAL, TEKS_A, PERIHAL_SALINAN]],
        ['caraka', `${CM}/${BERITA}/${beritaId}?fields[0]=pengirim&fields[1]=isiRingkas&populate=*`, [PENGIRIM, RINGKAS]],
        [
          'caraka',
          `${CM}/${DISTRIBUSI}/${beritaCopy}?populate[berita][fields][0]=pengirim&populate[berita][fields][1]=isiRingkas`,
          [PENGIRIM, RINGKAS],
        ],
        ['sandiman', `${CM}/${DISTRIBUSI}/${beritaCopy}?populate=*`, [PERIHAL_BERITA, PENGIRIM, RINGKAS]],
      ] as const) {
        const reply = await call(who, 'get', url);
        if (reply.status >= 500) shown.push(`${who} ${url}: 5xx`);
        for (const marker of markers) if (reply.text.includes(marker)) shown.push(`${who} ${url}: ${marker}`);
      }
      expect(shown).toEqual([]);
    });

    it('held: the home page widgets (recent documents, counts) title records only by fields the role may read', async () => {
      const shown: string[] = [];
      for (const [who, markers] of [
        ['operator', [ASAL, TEKS_A, PERIHAL_SALINAN]],
        ['caraka', [ASAL, TEKS_A, PERIHAL_SALINAN, PENGIRIM, RINGKAS]],
        ['sandiman', [PERIHAL_BERITA, PENGIRIM, RINGKAS]],
        ['petugas', [PERIHAL_BERITA, ASAL, PERIHAL_SALINAN]],
        ['editor', [PERIHAL_BERITA, ASAL, PERIHAL_SALINAN]],
      ] as const) {
        for (const url of [
          '/content-manager/homepage/recent-documents?action=update',
          '/content-manager/homepage/recent-documents?action=publish',
          '/content-manager/homepage/count-documents',
        ]) {
          const reply = await call(who, 'get', url);
          if (reply.status >= 500) shown.push(`${who} ${url}: 5xx`);
          for (const marker of markers) if (reply.text.includes(marker)) shown.push(`${who} ${url}: ${marker}`);
        }
      }
      expect(shown).toEqual([]);
    });

    it('held: the content manager’s draft-relation counts answer without the record’s content, or refuse', async () => {
      for (const who of ['operator', 'caraka', 'petugas'] as const) {
        const count = await call(who, 'get', `${CM}/${KRIPTOGRAM}/actions/countManyEntriesDraftRelations?documentIds[0]=${kriptogramA}`);
        expect(count.status).toBeLessThan(500);
        expect(count.text).not.toContain(ASAL);
        const one = await call(who, 'get', `${CM}/${KRIPTOGRAM}/${kriptogramA}/actions/countDraftRelations`);
        expect(one.status).toBeLessThan(500);
        expect(one.text).not.toContain(ASAL);
      }
    });

    it('the uid availability check does not tell Editor, Author or the complaint staff (no right on standards) whether a draft standard’s slug exists', async () => {
      const uid = 'api::standar-pelayanan.standar-pelayanan';
      const draft = await app.strapi.db.query(uid).findOne({ where: { publishedAt: { $null: true } }, select: ['slug'] });
      const slug = (draft as { slug: string } | null)?.slug ?? 'penerimaan-berita-biasa-email-sanapati';
      const answered: string[] = [];
      for (const who of ['editor', 'author', 'petugas'] as const) {
        const reply = await call(who, 'post', '/content-manager/uid/check-availability', { contentTypeUID: uid, field: 'slug', value: slug });
        if (reply.status !== 403) answered.push(`${who} → ${reply.status} ${reply.text.slice(0, 120)}`);
      }
      expect(answered).toEqual([]);
      // who may write standards keeps the check and the slug generator of the edit view
      for (const who of ['kasi', 'superAdmin'] as const) {
        const taken = await call(who, 'post', '/content-manager/uid/check-availability', { contentTypeUID: uid, field: 'slug', value: slug });
        expect({ who, status: taken.status, isAvailable: (taken.body as { isAvailable?: boolean }).isAvailable }).toEqual({
          who,
          status: 200,
          isAvailable: false,
        });
        const generated = await call(who, 'post', '/content-manager/uid/generate', {
          contentTypeUID: uid,
          field: 'slug',
          data: { judul: 'Layanan Baru' },
        });
        expect({ who, status: generated.status }).toEqual({ who, status: 200 });
      }
      expect((await call('editor', 'post', '/content-manager/uid/generate', { contentTypeUID: uid, field: 'slug', data: {} })).status).toBe(403);
    });
  });

  // ---------------------------------------------------------------------------
  // /sop routes

  describe('/sop: views, letters, agenda books and the workflow editor follow each role’s read grant', () => {
    it('held: the complaint staff open no berita or kriptogram view, plaintext, letter or agenda book', async () => {
      const opened: string[] = [];
      for (const who of ['petugas', 'pejabat'] as const) {
        for (const url of [
          `/sop/berita/${beritaId}`,
          `/sop/distribusi/${beritaCopy}`,
          `/sop/kriptogram/${kriptogramA}`,
          `/sop/kriptogram/${kriptogramA}/isi`,
          `/sop/berita/${beritaId}/dokumen/kartu-kendali`,
          `/sop/berita/${beritaId}/dokumen/tanda-terima`,
          `/sop/kriptogram/${kriptogramA}/dokumen/resi`,
          `/sop/distribusi/${beritaCopy}/dokumen/tanda-terima`,
          '/sop/agenda/surat-masuk',
          '/sop/agenda/kriptogram-masuk',
          `/sop/diagram/berita`,
        ]) {
          const reply = await call(who, 'get', url);
          if (reply.status < 400 || reply.status >= 500) opened.push(`${who} GET ${url} → ${reply.status}`);
        }
        const agenda = await call(who, 'get', '/sop/agenda');
        if ((agenda.body as { data: unknown[] }).data.length > 0) opened.push(`${who} GET /sop/agenda lists books`);
      }
      expect(opened).toEqual([]);
    });

    it('held: the Caraka and the Operator print no agenda book, kartu kendali, lembar pengantar, berita or salinan beyond their grant', async () => {
      const opened: string[] = [];
      for (const [who, url] of [
        ['caraka', '/sop/agenda/kriptogram-masuk?format=xlsx&dari=2026-01-01&sampai=2026-12-31'],
        ['caraka', '/sop/agenda/surat-masuk?format=xlsx&dari=2026-01-01&sampai=2026-12-31'],
        ['operator', '/sop/agenda/kriptogram-masuk?format=xlsx&dari=2026-01-01&sampai=2026-12-31'],
        ['sandiman', '/sop/agenda/surat-masuk?format=xlsx&dari=2026-01-01&sampai=2026-12-31'],
        ['caraka', `/sop/berita/${beritaId}/dokumen/kartu-kendali`],
        ['caraka', `/sop/berita/${beritaId}/dokumen/lembar-pengantar`],
        ['caraka', `/sop/berita/${beritaId}/dokumen/berita`],
        ['caraka', `/sop/kriptogram/${kriptogramA}/dokumen/surat-pengantar`],
        ['caraka', `/sop/kriptogram/${kriptogramA}/dokumen/salinan`],
        ['operator', `/sop/kriptogram/${kriptogramA}/dokumen/surat-pengantar`],
        ['operator', `/sop/kriptogram/${kriptogramA}/dokumen/salinan`],
        ['sandiman', `/sop/berita/${beritaId}/dokumen/tanda-terima`],
        ['sandiman', `/sop/distribusi/${beritaCopy}/dokumen/tanda-terima`],
      ] as const) {
        const reply = await binary(who, url);
        if (reply.status !== 403) opened.push(`${who} GET ${url} → ${reply.status}`);
      }
      expect(opened).toEqual([]);
    });

    it('held: a resi the Operator or the Caraka may print (Terbatas) carries neither the kriptogram’s origin or text nor the salinan’s subject', async () => {
      for (const who of ['operator', 'caraka'] as const) {
        const reply = await binary(who, `/sop/kriptogram/${kriptogramA}/dokumen/resi`);
        expect(reply.status).toBe(200);
        const text = zipText(reply.bytes);
        expect({ who, asal: text.includes(ASAL), teks: text.includes(TEKS_A), perihal: text.includes(PERIHAL_SALINAN) }).toEqual({
          who,
          asal: false,
          teks: false,
          perihal: false,
        });
      }
    });

    it('held: a Rahasia kriptogram’s salinan, pengantar and resi are printed only by the assigned Sandiman and the Kasi (not the Kabid, the Kepala Dinas or the Super Admin)', async () => {
      const opened: string[] = [];
      for (const who of ['kabid', 'kadis', 'superAdmin', 'operator', 'caraka'] as const) {
        for (const jenis of ['salinan', 'surat-pengantar', 'resi']) {
          const reply = await binary(who, `/sop/kriptogram/${kriptogramRahasia}/dokumen/${jenis}`);
          if (reply.status !== 403) opened.push(`${who} ${jenis} → ${reply.status}`);
        }
        const isi = await call(who, 'get', `/sop/kriptogram/${kriptogramRahasia}/isi`);
        if (isi.status !== 403) opened.push(`${who} isi → ${isi.status}`);
      }
      expect(opened).toEqual([]);
      // the Terbatas one's salinan too: the plaintext is always need to know
      for (const who of ['kabid', 'kadis', 'superAdmin'] as const)
        expect((await binary(who, `/sop/kriptogram/${kriptogramA}/dokumen/salinan`)).status).toBe(403);
    });

    it('held: the Sandiman’s view of a berita copy shows nothing of the berita (no berita grant): no perihal, sender, summary or agenda number', async () => {
      const view = await call('sandiman', 'get', `/sop/distribusi/${beritaCopy}`);
      expect(view.status).toBe(200);
      const agenda = ((await sopView(app, staff.operator, 'berita', beritaId)).body.data as { nomorAgenda: string }).nomorAgenda;
      for (const marker of [PERIHAL_BERITA, PENGIRIM, RINGKAS, agenda]) expect(view.text).not.toContain(marker);
    });

    it('held: the Operator’s and the Caraka’s view of a kriptogram shows neither its origin and text nor its salinan’s subject', async () => {
      for (const who of ['operator', 'caraka'] as const) {
        const view = await call(who, 'get', `/sop/kriptogram/${kriptogramA}`);
        expect(view.status).toBe(200);
        for (const marker of [ASAL, TEKS_A, PERIHAL_SALINAN])
          expect({ who, marker, shown: view.text.includes(marker) }).toEqual({ who, marker, shown: false });
        expect((view.body as { data: { isiUrl: unknown } }).data.isiUrl).toBeNull();
      }
    });

    it('held: the workflow editor (alur, kosakata, periksa, versions) is closed to every staff role without "Kelola Alur SOP"', async () => {
      const opened: string[] = [];
      const definition = ((await call('superAdmin', 'get', '/sop/alur/berita')).body as { data: { versi: { nomor: number; definisi: unknown }[] } })
        .data;
      expect(definition.versi.length).toBeGreaterThan(0);
      for (const who of NOT_SUPER) {
        for (const [method, url, body] of [
          ['get', '/sop/alur', undefined],
          ['get', '/sop/alur/berita', undefined],
          ['get', '/sop/kosakata', undefined],
          ['post', '/sop/alur/periksa', { definisi: definition.versi[0].definisi }],
          ['post', '/sop/alur/berita/versi', {}],
          ['put', '/sop/alur/berita/versi/1', { definisi: definition.versi[0].definisi }],
          ['post', '/sop/alur/berita/versi/1/aktifkan', {}],
          ['post', '/sop/alur/berita/versi/1/pensiunkan', {}],
          ['post', '/sop/alur', { model: 'jahat', nama: 'x', uid: 'api::pengaduan.pengaduan', definisi: definition.versi[0].definisi }],
        ] as const) {
          const reply = await call(who, method, url, body);
          if (reply.status !== 403) opened.push(`${who} ${method.toUpperCase()} ${url} → ${reply.status}`);
        }
      }
      expect(opened).toEqual([]);
    });

    it('held: the correction step and a new tracking code are refused to roles that may not make them', async () => {
      const opened: string[] = [];
      for (const who of ['caraka', 'kabid', 'kadis', 'sandiman', 'petugas'] as const) {
        const reply = await call(who, 'post', `/sop/berita/${beritaId}/koreksi`, { catatan: 'ubah', data: { perihal: 'Perihal lain' } });
        if (reply.status !== 403) opened.push(`${who} koreksi berita → ${reply.status}`);
      }
      for (const who of ['operator', 'caraka', 'kasi', 'kabid', 'kadis'] as const) {
        const reply = await call(who, 'post', `/sop/kriptogram/${kriptogramA}/koreksi`, { catatan: 'ubah', data: { asal: 'Asal lain' } });
        if (reply.status !== 403 && !(who === 'kasi' && reply.status === 200)) opened.push(`${who} koreksi kriptogram → ${reply.status}`);
      }
      for (const who of ['operator', 'kasi', 'caraka', 'editor'] as const) {
        const reply = await call(who, 'post', `/sop/pengaduan/${beritaId}/kode-lacak`, {});
        if (reply.status !== 403) opened.push(`${who} kode-lacak → ${reply.status}`);
      }
      expect(opened).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------
  // The quarterly evaluation and its files

  describe('the quarterly evaluation: only leaders, and each export carries only records of types the reader may open', () => {
    it('held: the evaluation (json, xlsx, docx) is refused to the Operator, Sandiman, Caraka, Petugas Pengaduan, Editor and Author', async () => {
      const opened: string[] = [];
      for (const who of ['operator', 'sandiman', 'caraka', 'petugas', 'editor', 'author'] as const) {
        for (const format of ['json', 'xlsx', 'docx']) {
          const reply = await binary(who, `/sop/evaluasi?format=${format}`);
          if (reply.status !== 403) opened.push(`${who} ${format} → ${reply.status}`);
        }
      }
      expect(opened).toEqual([]);
    });

    it('held: the Pejabat Pengaduan’s evaluation (json, xlsx, docx) names no berita or kriptogram; the Kasi’s names the overdue berita', async () => {
      const kasi = await call('kasi', 'get', '/sop/evaluasi');
      expect(kasi.status).toBe(200);
      expect(kasi.text).toContain(PERIHAL_BERITA); // precondition: the berita is overdue in this quarter
      const pejabat = await call('pejabat', 'get', '/sop/evaluasi');
      expect(pejabat.status).toBe(200);
      expect(pejabat.text).not.toContain(PERIHAL_BERITA);
      for (const format of ['xlsx', 'docx']) {
        const reply = await binary('pejabat', `/sop/evaluasi?format=${format}`);
        expect(reply.status).toBe(200);
        const text = zipText(reply.bytes);
        expect({ format, perihal: text.includes(PERIHAL_BERITA), pengirim: text.includes(PENGIRIM) }).toEqual({
          format,
          perihal: false,
          pengirim: false,
        });
      }
    });
  });
});
