import {
  allows,
  CONTENT_MATRIX,
  CONTENT_TYPES,
  contentActions,
  formatAccessMatrix,
  PELAKU,
  PELAKU_LABEL,
  ROUTE_MATRIX,
  TRANSITION_MATRIX,
  type ContentCell,
  type Izin,
  type Pelaku,
} from '../../src/access/access-matrix';
import { ROLE_NAMES, type ContentAction } from '../../src/domain/roles';
import { WORKFLOWS } from '../../src/sop-defs';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { walkKriptogramTo } from '../helpers/kriptogram';
import { BERITA_CONTOH, walkBeritaTo } from '../helpers/sop';

/**
 * Every cell of src/access/access-matrix.ts against the running server, through the
 * HTTP APIs the admin panel and the staff use: the content-manager API, the `/sop`
 * routes and the SOP transitions. An allowed cell must succeed (content manager) or
 * at least pass the authorization (transitions: any answer but 401/403/404); a
 * refused one must answer 403, or 401 without a login.
 */

const CM = '/content-manager';
const UIDS = {
  berita: 'api::berita.berita',
  kartuKendali: 'api::kartu-kendali.kartu-kendali',
  distribusi: 'api::distribusi.distribusi',
  kriptogram: 'api::kriptogram.kriptogram',
  salinan: 'api::salinan.salinan',
  pengaduan: 'api::pengaduan.pengaduan',
  standarPelayanan: 'api::standar-pelayanan.standar-pelayanan',
  hariLibur: 'api::hari-libur.hari-libur',
  pelaksana: 'api::pelaksana.pelaksana',
  instansi: 'api::instansi.instansi',
} as const;

/** Attributes every record carries whatever the field permissions. */
const SYSTEM_FIELDS = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'status',
]);

type Response = { status: number; body: { data?: unknown; results?: unknown[]; error?: { message?: string } } };
type Caller = { label: string; pelaku: Pelaku; session: AdminSession | null; /** another holder of the role, not the one assigned */ lain?: boolean };

describe('role matrix: every cell against the running server', () => {
  let app: TestApp;
  const sessions = {} as Record<Pelaku, AdminSession | null>;
  let sandimanLain: AdminSession;
  let carakaLain: AdminSession;
  const mismatches: string[] = [];
  let checked = 0;
  /** how the server answered, by allowed / refused cell: evidence that both sides were really exercised */
  const answers: Record<string, number> = {};
  let fieldChecks = 0;
  let counter = 0;
  const unique = () => `${process.pid}-${(counter += 1)}`;

  // records made once
  let beritaWalked: string; // at ditugaskan_ke_caraka: has a kartu kendali and two copies
  let kriptogramWalked: string; // at dinomori: has a salinan and two copies
  let pengaduanPublik: string;
  let kartuKendali: string;
  let salinan: string;
  let copiesBerita: string[];
  let copiesKriptogram: string[];

  const request = (session: AdminSession | null, method: 'get' | 'post' | 'put' | 'delete', path: string, body?: unknown) => {
    let pending = app.http()[method](path);
    if (session) pending = pending.set('Authorization', `Bearer ${session.token}`);
    return (body === undefined ? pending : pending.send(body as object)) as unknown as Promise<Response>;
  };

  const describeResponse = (response: Response) => `${response.status} ${response.body?.error?.message ?? ''}`.trim();

  /** Allowed: one of `ok`; refused: 403, or 401 without a login. */
  const expectCell = (what: string, caller: Caller, izin: Izin, response: Response, ok: (status: number) => boolean) => {
    checked += 1;
    const key = `${allows(izin) ? 'allowed' : 'refused'} → ${response.status}`;
    answers[key] = (answers[key] ?? 0) + 1;
    const denied = caller.session === null ? 401 : 403;
    const pass = allows(izin) ? ok(response.status) : response.status === denied;
    if (!pass) mismatches.push(`${what} — ${caller.label}: matrix says "${izin}", server answered ${describeResponse(response)}`);
    return pass;
  };
  const succeeded = (status: number) => status === 200 || status === 201;

  const db = (uid: string) => app.strapi.db.query(uid as never);
  const idOf = async (uid: string, documentId: string): Promise<number> => {
    const row = (await db(uid).findOne({ where: { documentId }, select: ['id'] })) as { id: number } | null;
    if (!row) throw new Error(`${uid} ${documentId} not found`);
    return row.id;
  };
  const setTahap = async (uid: string, documentId: string, data: Record<string, unknown>) => {
    await db(uid).update({ where: { id: await idOf(uid, documentId) }, data });
  };
  const exists = async (uid: string, documentId: string) => Boolean(await db(uid).findOne({ where: { documentId }, select: ['id'] }));

  const callers = (): Caller[] => [
    ...PELAKU.map((pelaku) => ({ label: PELAKU_LABEL[pelaku], pelaku, session: sessions[pelaku] })),
    { label: 'Sandiman lain (tidak ditugaskan)', pelaku: 'sandiman', session: sandimanLain, lain: true },
    { label: 'Caraka lain (tidak ditugaskan)', pelaku: 'caraka', session: carakaLain, lain: true },
  ];
  /** For a second holder of a role, an assignment-only cell is a refusal. */
  const izinFor = (caller: Caller, izin: Izin): Izin => (caller.lain && izin === 'ditugaskan' ? 'tidak' : izin);

  beforeAll(async () => {
    app = await startApp({ env: { PENGADUAN_RATE_LIMIT: '100000' } });
    for (const pelaku of PELAKU) {
      if (pelaku === 'anonim') sessions[pelaku] = null;
      else if (pelaku === 'superAdmin') sessions[pelaku] = await createAdminSession(app, 'Super Admin', { firstname: 'Super', lastname: 'Admin' });
      else sessions[pelaku] = await createAdminSession(app, ROLE_NAMES[pelaku], { firstname: 'Uji', lastname: pelaku });
    }
    sandimanLain = await createAdminSession(app, ROLE_NAMES.sandiman, { firstname: 'Sandiman', lastname: 'Lain' });
    carakaLain = await createAdminSession(app, ROLE_NAMES.caraka, { firstname: 'Caraka', lastname: 'Lain' });
    const staff = {
      operator: sessions.operator!,
      kasi: sessions.kasi!,
      kabid: sessions.kabid!,
      kadis: sessions.kadis!,
      caraka: sessions.caraka!,
      sandiman: sessions.sandiman!,
    };

    beritaWalked = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka');
    const berita = (await db(UIDS.berita).findOne({ where: { documentId: beritaWalked }, populate: ['kartuKendali', 'distribusi'] })) as {
      kartuKendali: { documentId: string };
      distribusi: { documentId: string }[];
    };
    kartuKendali = berita.kartuKendali.documentId;
    copiesBerita = berita.distribusi.map((copy) => copy.documentId);

    kriptogramWalked = await walkKriptogramTo(app, staff, 'dinomori');
    const kriptogram = (await db(UIDS.kriptogram).findOne({ where: { documentId: kriptogramWalked }, populate: ['salinan', 'distribusi'] })) as {
      salinan: { documentId: string };
      distribusi: { documentId: string }[];
    };
    salinan = kriptogram.salinan.documentId;
    copiesKriptogram = kriptogram.distribusi.map((copy) => copy.documentId);

    const filed = await app
      .http()
      .post('/api/pengaduan')
      .send({ data: { nama: 'Warga Uji', kontak: 'warga@contoh.id', isi: 'Pengaduan untuk uji matriks peran: loket tutup lebih awal.' } });
    if (filed.status !== 201) throw new Error(`pengaduan: ${filed.status} ${JSON.stringify(filed.body)}`);
    const row = (await db(UIDS.pengaduan).findOne({ where: { nomorTiket: filed.body.data.nomorTiket }, select: ['documentId'] })) as {
      documentId: string;
    };
    pengaduanPublik = row.documentId;
    expect(copiesBerita).toHaveLength(2);
    expect(copiesKriptogram).toHaveLength(2);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('lists exactly the content types of the running app', () => {
    const running = Object.entries(app.strapi.contentTypes as unknown as Record<string, { kind: string; options?: { draftAndPublish?: boolean } }>)
      .filter(([uid]) => uid.startsWith('api::'))
      .map(([uid, type]) => ({ uid, kind: type.kind, draftAndPublish: type.options?.draftAndPublish === true }))
      .sort((a, b) => a.uid.localeCompare(b.uid));
    expect(running).toEqual(
      CONTENT_TYPES.map(({ uid, kind, draftAndPublish }) => ({ uid, kind, draftAndPublish })).sort((a, b) => a.uid.localeCompare(b.uid))
    );
    expect(Object.keys(WORKFLOWS).sort()).toEqual(['berita', 'distribusi', 'kriptogram', 'pengaduan']);
  });

  // -------------------------------------------------------------------------
  // Read rights through relations (issue 10 item 3): every response of every content-manager
  // route a role reaches holds, on each record of each type in it (root or related, at any
  // depth), only the fields the role's read grant on that type allows; no private attribute
  // ever; and no filter, sort or populate names a field the role may not read through a relation.

  type AttributeInfo = { type: string; target?: string; private?: boolean; relation?: string };
  const attributesOf = (uid: string): Record<string, AttributeInfo> =>
    (app.strapi.getModel(uid as never) as unknown as { attributes: Record<string, AttributeInfo> }).attributes;
  const RELATION_TYPES = [UIDS.berita, UIDS.kartuKendali, UIDS.distribusi, UIDS.kriptogram, UIDS.salinan];
  const contentRelations = (uid: string): [string, string][] =>
    Object.entries(attributesOf(uid))
      // `localizations` is Strapi's own link between language versions (no type here is localised)
      .filter(
        ([field, attribute]) =>
          field !== 'localizations' && attribute.type === 'relation' && typeof attribute.target === 'string' && attribute.target.startsWith('api::')
      )
      .map(([field, attribute]) => [field, attribute.target!]);
  /** What the matrix lets this caller read on a type: 'none', or the field names (private ones never). */
  const readableOn = (pelaku: Pelaku, uid: string): 'none' | Set<string> => {
    const cell = cellOf(uid, 'read', pelaku);
    if (!allows(cell.izin)) return 'none';
    const attributes = attributesOf(uid);
    const fields = cell.kolom ?? Object.keys(attributes);
    return new Set(fields.filter((field) => attributes[field]?.private !== true));
  };
  const relationStats = { requests: 0, leaks: 0, fiveHundreds: 0, recordsChecked: 0, refusedFilters: 0, allowedFilters: 0 };
  const leaks: string[] = [];

  /** Every field of every record in `value` (a record of `uid`) that the caller may not read. */
  const leaksIn = (pelaku: Pelaku, uid: string, value: unknown, where: string): string[] => {
    if (Array.isArray(value)) return value.flatMap((item, index) => leaksIn(pelaku, uid, item, `${where}[${index}]`));
    if (typeof value !== 'object' || value === null) return [];
    relationStats.recordsChecked += 1;
    const attributes = attributesOf(uid);
    const readable = readableOn(pelaku, uid);
    const found: string[] = [];
    for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
      const attribute = attributes[key];
      if (!attribute) continue; // id, count, status: no attribute
      const allowed = attribute.private !== true && (readable === 'none' ? key === 'documentId' : SYSTEM_FIELDS.has(key) || readable.has(key));
      if (!allowed) found.push(`${where}.${key} (${uid})`);
      if (attribute.type === 'relation' && attribute.target?.startsWith('api::') && field !== null && field !== undefined) {
        found.push(...leaksIn(pelaku, attribute.target, field, `${where}.${key}`));
      }
    }
    return found;
  };

  const relationRecords = (): Record<string, string[]> => ({
    [UIDS.berita]: [beritaWalked],
    [UIDS.kartuKendali]: [kartuKendali],
    [UIDS.distribusi]: [copiesBerita[0], copiesKriptogram[0]],
    [UIDS.kriptogram]: [kriptogramWalked],
    [UIDS.salinan]: [salinan],
  });

  /** One request; the body is checked for leaks (records of `uid` under `pick`) when it answers 200. */
  const readAndCheck = async (caller: Caller, path: string, uid: string, pick: (body: Response['body']) => unknown, expected?: number) => {
    relationStats.requests += 1;
    const response = await request(caller.session, 'get', path);
    if (response.status >= 500) {
      relationStats.fiveHundreds += 1;
      mismatches.push(`GET ${path} — ${caller.label}: ${describeResponse(response)}`);
    }
    if (expected !== undefined && response.status !== expected)
      mismatches.push(`GET ${path} — ${caller.label}: expected ${expected}, got ${describeResponse(response)}`);
    if (response.status === 200) {
      const found = leaksIn(caller.pelaku, uid, pick(response.body), `GET ${path}`);
      relationStats.leaks += found.length;
      leaks.push(...found.map((leak) => `${caller.label}: ${leak}`));
    }
    return response;
  };

  /** The record a write answers with (create, update, clone) holds no more than a read would. */
  const checkAnswerLeaks = (caller: Caller, what: string, uid: string, response: Response) => {
    if (response.status !== 200 && response.status !== 201) return;
    const found = leaksIn(caller.pelaku, uid, response.body.data, what);
    relationStats.leaks += found.length;
    leaks.push(...found.map((leak) => `${caller.label}: ${leak}`));
  };

  const populateEveryRelation = (uid: string): string =>
    contentRelations(uid)
      .map(([field]) => `populate[${field}][populate]=*`)
      .join('&');

  it('read rights through relations: list, edit view, populate, bulk views and relations endpoints leak no field, for every caller', async () => {
    const before = mismatches.length;
    // Callers with the same grants on every type here get the same answers: one of them is asked.
    const signatures = new Set<string>();
    const everyone = callers().filter((caller) => {
      if (caller.lain) return false;
      const signature = JSON.stringify([
        caller.session === null,
        RELATION_TYPES.map((uid) => {
          const readable = readableOn(caller.pelaku, uid);
          return readable === 'none' ? 'none' : [...readable].sort();
        }),
      ]);
      if (signatures.has(signature)) return false;
      signatures.add(signature);
      return true;
    });
    const results = (body: Response['body']) => body.results;
    const data = (body: Response['body']) => body.data;
    for (const uid of RELATION_TYPES) {
      const base = `${CM}/collection-types/${uid}`;
      const ids = relationRecords()[uid];
      for (const caller of everyone) {
        const readExpected = allows(cellOf(uid, 'read', caller.pelaku).izin) ? 200 : caller.session ? 403 : 401;
        await readAndCheck(caller, `${base}?page=1&pageSize=100`, uid, results, readExpected);
        await readAndCheck(caller, `${base}?page=1&pageSize=100&${populateEveryRelation(uid)}`, uid, results, readExpected);
        await readAndCheck(
          caller,
          `${base}/actions/bulkFindForValidation?${ids.map((id, index) => `documentIds[${index}]=${id}`).join('&')}`,
          uid,
          results
        );
        await readAndCheck(
          caller,
          `${base}/actions/countManyEntriesDraftRelations?${ids.map((id, index) => `documentIds[${index}]=${id}`).join('&')}`,
          uid,
          () => null
        );
        for (const id of ids) {
          await readAndCheck(caller, `${base}/${id}`, uid, data, readExpected);
          await readAndCheck(caller, `${base}/${id}?${populateEveryRelation(uid)}`, uid, data, readExpected);
          await readAndCheck(caller, `${base}/${id}/actions/countDraftRelations`, uid, () => null);
          for (const [field, target] of contentRelations(uid)) {
            const fieldReadable = readableOn(caller.pelaku, uid);
            const mayField = fieldReadable !== 'none' && fieldReadable.has(field);
            const denied = caller.session ? 403 : 401;
            await readAndCheck(caller, `${CM}/relations/${uid}/${id}/${field}`, target, results, mayField ? 200 : denied);
            const mayPick = mayField && readableOn(caller.pelaku, target) !== 'none';
            await readAndCheck(caller, `${CM}/relations/${uid}/${field}?id=${id}&pageSize=50`, target, results, mayPick ? 200 : denied);
            await readAndCheck(caller, `${CM}/relations/${uid}/${field}?pageSize=50&populate=*`, target, results, mayPick ? 200 : denied);
          }
        }
      }
    }
    // Not stripped to nothing: a field-limited reader still sees what its grant gives on a related type.
    const operatorList = await request(sessions.operator, 'get', `${CM}/collection-types/${UIDS.kriptogram}?page=1&pageSize=100`);
    const walked = (operatorList.body.results as Record<string, unknown>[]).find((row) => row.documentId === kriptogramWalked) as Record<
      string,
      Record<string, unknown>
    >;
    expect(walked.salinan).toEqual(expect.objectContaining({ documentId: salinan, jumlahSalinan: 2 }));
    expect(walked.salinan).not.toHaveProperty('perihal');
    const kasiList = await request(sessions.kasi, 'get', `${CM}/collection-types/${UIDS.kriptogram}?page=1&pageSize=100`);
    const kasiRow = (kasiList.body.results as Record<string, unknown>[]).find((row) => row.documentId === kriptogramWalked) as Record<
      string,
      Record<string, unknown>
    >;
    expect(kasiRow.salinan).toEqual(expect.objectContaining({ perihal: 'Pengamanan kunjungan kerja' }));
    expect(kasiRow.salinan).not.toHaveProperty('isi');
    expect(relationStats.requests).toBeGreaterThan(300);
    expect(leaks).toEqual([]);
    expect(mismatches.slice(before)).toEqual([]);
  });

  it('read rights through relations: a filter or sort through a relation on a field the role may not read is refused, matching or not', async () => {
    const before = mismatches.length;
    const everyone = callers().filter((caller) => !caller.lain && caller.session);
    for (const uid of RELATION_TYPES) {
      const base = `${CM}/collection-types/${uid}`;
      for (const [relation, target] of contentRelations(uid)) {
        const targetAttributes = attributesOf(target);
        const scalars = Object.entries(targetAttributes)
          .filter(([, attribute]) => ['string', 'text', 'enumeration', 'uid', 'email'].includes(attribute.type))
          .map(([field, attribute]) => ({ field, private: attribute.private === true }));
        // Callers whose grants on both types are the same get the same answers: one of them is asked.
        const seen = new Set<string>();
        for (const caller of everyone) {
          if (!allows(cellOf(uid, 'read', caller.pelaku).izin)) continue;
          const onRoot = readableOn(caller.pelaku, uid);
          const onTarget = readableOn(caller.pelaku, target);
          const signature = JSON.stringify([onRoot === 'none' ? 'none' : [...onRoot].sort(), onTarget === 'none' ? 'none' : [...onTarget].sort()]);
          if (seen.has(signature)) continue;
          seen.add(signature);
          for (const { field, private: isPrivate } of scalars) {
            const may = onRoot !== 'none' && onRoot.has(relation) && onTarget !== 'none' && onTarget.has(field) && !isPrivate;
            const filter = await readAndCheck(
              caller,
              `${base}?page=1&pageSize=10&filters[${relation}][${field}][$contains]=a`,
              uid,
              (body) => body.results
            );
            const sort = await readAndCheck(caller, `${base}?page=1&pageSize=10&sort=${relation}.${field}:ASC`, uid, (body) => body.results);
            for (const [what, response] of [
              ['filter', filter],
              ['sort', sort],
            ] as const) {
              if (may ? response.status !== 200 : response.status !== 403) {
                mismatches.push(
                  `${uid} ${what} through ${relation}.${field} — ${caller.label}: expected ${may ? 200 : 403}, got ${describeResponse(response)}`
                );
              }
              if (may) relationStats.allowedFilters += 1;
              else relationStats.refusedFilters += 1;
            }
          }
        }
      }
    }
    // The issue's example: same answer whether the text matches (it does) or not.
    const path = (text: string) =>
      `${CM}/collection-types/${UIDS.salinan}?page=1&pageSize=10&filters[kriptogram][teksKriptogram][$contains]=${encodeURIComponent(text)}`;
    const matching = await request(sessions.operator, 'get', path('XKQWT'));
    const notMatching = await request(sessions.operator, 'get', path('tidak-ada-yang-cocok'));
    expect(matching.status).toBe(403);
    expect(notMatching.status).toBe(403);
    expect(matching.body).toEqual(notMatching.body);
    expect(matching.body.error?.message).toMatch(/tidak boleh Anda baca/);
    // The Sandiman may read the whole kriptogram: the same filter finds the salinan.
    const sandiman = await request(sessions.sandiman, 'get', path('XKQWT'));
    expect(sandiman.status).toBe(200);
    expect((sandiman.body.results ?? []).length).toBeGreaterThan(0);
    expect(relationStats.refusedFilters).toBeGreaterThan(0);
    expect(relationStats.allowedFilters).toBeGreaterThan(0);
    expect(mismatches.slice(before)).toEqual([]);
  });

  it('read rights: the _q search and private fields tell nothing beyond the grant', async () => {
    // The Operator may read of a salinan neither its perihal nor its text: searching for them finds nothing.
    const search = (session: AdminSession | null, uid: string, text: string) =>
      request(session, 'get', `${CM}/collection-types/${uid}?page=1&pageSize=10&_q=${encodeURIComponent(text)}`);
    const operator = await search(sessions.operator, UIDS.salinan, 'Pengamanan kunjungan');
    expect(operator.status).toBe(200);
    expect(operator.body.results).toEqual([]);
    const kasi = await search(sessions.kasi, UIDS.salinan, 'Pengamanan kunjungan');
    expect((kasi.body.results ?? []).map((row) => (row as { documentId: string }).documentId)).toContain(salinan);
    // The Caraka may not read a kriptogram's text or origin; the Sandiman may.
    expect((await search(sessions.caraka, UIDS.kriptogram, 'XKQWT')).body.results).toEqual([]);
    expect(((await search(sessions.sandiman, UIDS.kriptogram, 'XKQWT')).body.results ?? []).length).toBeGreaterThan(0);
    // A private field is never a filter, a sort or a column, not even for the Super Admin.
    for (const query of ['filters[isi][$contains]=a', 'sort=berkasNama:ASC', 'fields[0]=isi']) {
      const response = await request(sessions.superAdmin, 'get', `${CM}/collection-types/${UIDS.salinan}?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 403 });
    }
    const one = await request(sessions.superAdmin, 'get', `${CM}/collection-types/${UIDS.salinan}/${salinan}`);
    expect(one.status).toBe(200);
    expect(one.body.data).not.toHaveProperty('isi');
    expect(one.body.data).not.toHaveProperty('berkas');
  });

  it('read rights through relations: a clone answers with no more than a read', async () => {
    const before = mismatches.length;
    const staff = {
      operator: sessions.operator!,
      kasi: sessions.kasi!,
      kabid: sessions.kabid!,
      kadis: sessions.kadis!,
      caraka: sessions.caraka!,
    };
    // A record of its own: a clone may carry the source's relations away.
    const source = await walkBeritaTo(app, staff, 'ditugaskan_ke_caraka');
    for (const caller of callers().filter((candidate) => !candidate.lain)) {
      relationStats.requests += 1;
      const path = `${CM}/collection-types/${UIDS.berita}/clone/${source}`;
      const response = await request(caller.session, 'post', path, {});
      if (response.status >= 500) {
        relationStats.fiveHundreds += 1;
        mismatches.push(`POST ${path} — ${caller.label}: ${describeResponse(response)}`);
      }
      checkAnswerLeaks(caller, `POST ${path}`, UIDS.berita, response);
    }
    expect(mismatches.slice(before)).toEqual([]);
  });

  // -------------------------------------------------------------------------
  // Content manager

  type Fixture = {
    /** a body the content manager accepts for a new record */
    create: () => Record<string, unknown>;
    /** a new record in the workflow's first state (or any record, for types only transitions create) */
    fresh: () => Promise<string>;
    /** a record past the first state (for `tahap-awal`) */
    processed?: () => Promise<string>;
    /** a record in a final state (for `belum-final`) */
    final?: () => Promise<string>;
    /** a harmless change */
    update: (documentId: string) => Promise<Record<string, unknown>>;
  };

  const created = async (uid: string, data: Record<string, unknown>) =>
    ((await app.strapi.documents(uid as never).create({ data: data as never })) as { documentId: string }).documentId;
  const hariLiburData = () => {
    counter += 1;
    const day = new Date(Date.UTC(2031, 0, 1) + counter * 86_400_000).toISOString().slice(0, 10);
    return { tanggal: day, nama: `Libur uji ${counter}`, jenis: 'libur_daerah' };
  };
  // an acting official's mandate, each in its own future window (none runs during the test: the Sandiman keeps his own rights)
  const pelaksanaData = () => {
    counter += 1;
    const mulai = Date.UTC(2031, 0, 1) + counter * 86_400_000;
    return {
      peran: 'kasi',
      jenis: 'plh',
      pejabatId: sessions.kasi!.id,
      pelaksanaId: sessions.sandiman!.id,
      mulai: new Date(mulai).toISOString(),
      selesai: new Date(mulai + 8 * 3_600_000).toISOString(),
    };
  };
  const kriptogramData = () => ({
    nomorKriptogram: `KR-${unique()}/UJI`,
    asal: 'Jaring Komunikasi Sandi Uji',
    klasifikasi: 'terbatas',
    derajatKecepatan: 'biasa',
  });
  const pengaduanData = () => ({ nama: 'Pelapor Telepon', isi: 'Pengaduan lewat telepon tentang antrean yang lama.', saluran: 'telepon' });
  const catatan = async () => ({ catatan: `Catatan uji ${unique()}` });
  const withTahap = (uid: string, make: () => Promise<string>, tahap: string) => async () => {
    const documentId = await make();
    await setTahap(uid, documentId, { tahap });
    return documentId;
  };

  const FIXTURES: Record<string, Fixture> = {
    [UIDS.berita]: {
      create: () => ({ ...BERITA_CONTOH, perihal: `Berita uji ${unique()}` }),
      fresh: () => created(UIDS.berita, { ...BERITA_CONTOH, perihal: `Berita uji ${unique()}` }),
      processed: withTahap(UIDS.berita, () => created(UIDS.berita, { ...BERITA_CONTOH }), 'diperiksa'),
      final: withTahap(UIDS.berita, () => created(UIDS.berita, { ...BERITA_CONTOH }), 'batal'),
      update: catatan,
    },
    [UIDS.kriptogram]: {
      create: kriptogramData,
      // assigned to the matrix's Sandiman: only he (and the Kasi) may edit it (gate, kriptogramEditorRule)
      fresh: async () => {
        const documentId = await created(UIDS.kriptogram, kriptogramData());
        await setTahap(UIDS.kriptogram, documentId, { sandimanId: sessions.sandiman!.id, sandimanNama: sessions.sandiman!.name });
        return documentId;
      },
      processed: withTahap(UIDS.kriptogram, () => created(UIDS.kriptogram, kriptogramData()), 'diagendakan'),
      final: withTahap(UIDS.kriptogram, () => created(UIDS.kriptogram, kriptogramData()), 'diarsipkan'),
      update: catatan,
    },
    [UIDS.pengaduan]: {
      create: pengaduanData,
      fresh: () => created(UIDS.pengaduan, pengaduanData()),
      processed: withTahap(UIDS.pengaduan, () => created(UIDS.pengaduan, pengaduanData()), 'diproses'),
      final: withTahap(UIDS.pengaduan, () => created(UIDS.pengaduan, pengaduanData()), 'selesai'),
      update: catatan,
    },
    [UIDS.hariLibur]: {
      create: hariLiburData,
      fresh: () => created(UIDS.hariLibur, hariLiburData()),
      update: async () => ({ nama: `Libur diubah ${unique()}` }),
    },
    [UIDS.pelaksana]: {
      create: pelaksanaData,
      fresh: () => created(UIDS.pelaksana, pelaksanaData()),
      update: async () => ({ alasan: `Dinas luar ${unique()}` }),
    },
    [UIDS.standarPelayanan]: {
      create: () => ({ nama: `Standar uji ${unique()}`, slug: `standar-uji-${unique()}` }),
      fresh: () => created(UIDS.standarPelayanan, { nama: `Standar uji ${unique()}`, slug: `standar-uji-${unique()}` }),
      update: async () => ({ jangkaWaktu: `Satu hari kerja (${unique()})` }),
    },
    // Made only by transitions: the records of the walks above.
    [UIDS.kartuKendali]: {
      create: () => ({ jenis: 'kartu_kendali', catatan: 'dibuat tangan' }),
      fresh: async () => kartuKendali,
      update: catatan,
    },
    [UIDS.distribusi]: {
      create: () => ({ catatan: 'dibuat tangan' }),
      fresh: async () => copiesBerita[1],
      final: async () => copiesBerita[1],
      update: catatan,
    },
    [UIDS.salinan]: {
      create: () => ({ perihal: 'dibuat tangan' }),
      fresh: async () => salinan,
      // Every salinan field is the SOP's own: an update may only send them back unchanged.
      update: async (documentId) => {
        const row = (await db(UIDS.salinan).findOne({ where: { documentId }, select: ['perihal', 'lampiran'] })) as Record<string, unknown>;
        return { perihal: row.perihal, lampiran: row.lampiran };
      },
    },
  };

  const cellOf = (uid: string, action: ContentAction, pelaku: Pelaku): ContentCell =>
    CONTENT_MATRIX.find((cell) => cell.uid === uid && cell.action === action && cell.pelaku === pelaku)!;

  /** Which schema attributes a field-limited reader got that the matrix does not give it. */
  const extraFields = (uid: string, record: Record<string, unknown>, kolom: readonly string[]): string[] => {
    const attributes = Object.keys((app.strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> }>)[uid].attributes);
    return Object.keys(record).filter((key) => attributes.includes(key) && !SYSTEM_FIELDS.has(key) && !kolom.includes(key));
  };

  const checkCollectionType = async (uid: string) => {
    const type = CONTENT_TYPES.find((candidate) => candidate.uid === uid)!;
    const fixture = FIXTURES[uid];
    const base = `${CM}/collection-types/${uid}`;
    const everyone = callers().filter((caller) => !caller.lain);
    const actions = contentActions(type);

    // read: the list, and for a field-limited grant, the fields of one record
    for (const caller of everyone) {
      const cell = cellOf(uid, 'read', caller.pelaku);
      const list = await request(caller.session, 'get', `${base}?page=1&pageSize=5`);
      const ok = expectCell(`${uid} read (list)`, caller, cell.izin, list, (status) => status === 200);
      if (ok && allows(cell.izin)) {
        const one = await request(caller.session, 'get', `${base}/${await fixture.fresh()}`);
        expectCell(`${uid} read (one)`, caller, cell.izin, one, (status) => status === 200);
        if (cell.kolom && one.status === 200) {
          fieldChecks += 1;
          const extra = extraFields(uid, (one.body.data ?? {}) as Record<string, unknown>, cell.kolom);
          if (extra.length > 0) mismatches.push(`${uid} read — ${caller.label}: fields outside the grant were returned: ${extra.join(', ')}`);
        }
      }
    }

    // create
    if (actions.includes('create')) {
      for (const caller of everyone) {
        const cell = cellOf(uid, 'create', caller.pelaku);
        const response = await request(caller.session, 'post', base, fixture.create());
        expectCell(`${uid} create`, caller, cell.izin, response, succeeded);
        checkAnswerLeaks(caller, `POST ${base}`, uid, response);
      }
    }

    // update: on a live record; for `belum-final` also on a final one (refused)
    for (const caller of everyone) {
      const cell = cellOf(uid, 'update', caller.pelaku);
      const documentId = await fixture.fresh();
      if (uid === UIDS.distribusi) await setTahap(uid, documentId, { tahap: 'ditugaskan' });
      const response = await request(caller.session, 'put', `${base}/${documentId}`, await fixture.update(documentId));
      expectCell(`${uid} update`, caller, cell.izin, response, succeeded);
      checkAnswerLeaks(caller, `PUT ${base}/${documentId}`, uid, response);
      if (cell.izin === 'belum-final') {
        const finalId = await fixture.final!();
        if (uid === UIDS.distribusi) await setTahap(uid, finalId, { tahap: 'diterima' });
        const refused = await request(caller.session, 'put', `${base}/${finalId}`, await fixture.update(finalId));
        expectCell(`${uid} update (final record)`, caller, 'tidak', refused, succeeded);
        if (uid === UIDS.distribusi) await setTahap(uid, finalId, { tahap: 'ditugaskan' });
      }
    }

    // publish (draft & publish only): a seeded, complete standard
    if (actions.includes('publish')) {
      const seeded = (await db(uid).findOne({ where: { publishedAt: null }, select: ['documentId'] })) as { documentId: string };
      for (const caller of everyone) {
        const cell = cellOf(uid, 'publish', caller.pelaku);
        const response = await request(caller.session, 'post', `${base}/${seeded.documentId}/actions/publish`, {});
        expectCell(`${uid} publish`, caller, cell.izin, response, succeeded);
      }
    }

    // delete: a fresh record; for `tahap-awal` also a processed one (refused); refused deletes leave the record
    for (const caller of everyone) {
      const cell = cellOf(uid, 'delete', caller.pelaku);
      const documentId = await fixture.fresh();
      const response = await request(caller.session, 'delete', `${base}/${documentId}`);
      expectCell(`${uid} delete`, caller, cell.izin, response, succeeded);
      if (!allows(cell.izin) && !(await exists(uid, documentId))) mismatches.push(`${uid} delete — ${caller.label}: refused, yet the record is gone`);
      if (cell.izin === 'tahap-awal') {
        const processed = await fixture.processed!();
        const refused = await request(caller.session, 'delete', `${base}/${processed}`);
        expectCell(`${uid} delete (processed record)`, caller, 'tidak', refused, succeeded);
      }
    }
  };

  for (const type of CONTENT_TYPES.filter((candidate) => candidate.kind === 'collectionType')) {
    it(`content manager: ${type.uid} (${contentActions(type).join(', ')}) for every caller`, async () => {
      const before = mismatches.length;
      await checkCollectionType(type.uid);
      expect(mismatches.slice(before)).toEqual([]);
    });
  }

  it('content manager: the single type api::instansi.instansi (read, update, delete) for every caller', async () => {
    const before = mismatches.length;
    const base = `${CM}/single-types/${UIDS.instansi}`;
    const everyone = callers().filter((caller) => !caller.lain);
    for (const caller of everyone) {
      const response = await request(caller.session, 'get', base);
      expectCell(`${UIDS.instansi} read`, caller, cellOf(UIDS.instansi, 'read', caller.pelaku).izin, response, (status) => status === 200);
    }
    for (const caller of everyone) {
      const response = await request(caller.session, 'put', base, { telepon: `(0285) ${unique()}` });
      expectCell(`${UIDS.instansi} update`, caller, cellOf(UIDS.instansi, 'update', caller.pelaku).izin, response, succeeded);
    }
    // The only permitted delete comes last (Super Admin); the letterhead is put back after.
    const deleters = [...everyone].sort(
      (a, b) => Number(allows(cellOf(UIDS.instansi, 'delete', a.pelaku).izin)) - Number(allows(cellOf(UIDS.instansi, 'delete', b.pelaku).izin))
    );
    const letterhead = (await app.strapi.documents(UIDS.instansi as never).findFirst({})) as Record<string, unknown> | null;
    for (const caller of deleters) {
      const response = await request(caller.session, 'delete', base);
      expectCell(`${UIDS.instansi} delete`, caller, cellOf(UIDS.instansi, 'delete', caller.pelaku).izin, response, succeeded);
    }
    if (letterhead && !(await app.strapi.documents(UIDS.instansi as never).findFirst({}))) {
      const { pemerintah, dinas, alamat } = letterhead;
      await app.strapi.documents(UIDS.instansi as never).create({ data: { pemerintah, dinas, alamat } as never });
    }
    expect(mismatches.slice(before)).toEqual([]);
  });

  // -------------------------------------------------------------------------
  // `/sop` routes

  it('the /sop routes (definitions, audit, users, record views, need-to-know plaintext) for every caller', async () => {
    const before = mismatches.length;
    const records: Record<string, string> = {
      berita: beritaWalked,
      kriptogram: kriptogramWalked,
      distribusi: copiesBerita[0],
      pengaduan: pengaduanPublik,
    };
    const pathOf = (path: string): string | null => {
      if (path === '/sop/pengguna') return '/sop/pengguna?peran=caraka';
      if (path === '/sop/kriptogram/:documentId/isi') return `/sop/kriptogram/${kriptogramWalked}/isi`;
      const view = /^\/sop\/([a-z]+)\/:documentId$/.exec(path);
      if (view) return `/sop/${view[1]}/${records[view[1]]}`;
      return path.includes(':') ? null : path;
    };
    for (const route of ROUTE_MATRIX) {
      // POST .../transisi rows summarise the transition cells, each checked below.
      if (route.method === 'POST') continue;
      const path = pathOf(route.path);
      if (!path) throw new Error(`no request for ${route.path}`);
      for (const caller of callers()) {
        const response = await request(caller.session, 'get', path);
        expectCell(`GET ${route.path}`, caller, izinFor(caller, route.izin[caller.pelaku]), response, (status) => status === 200);
      }
    }
    expect(mismatches.slice(before)).toEqual([]);
  });

  // -------------------------------------------------------------------------
  // SOP transitions

  const SUBJECT_UID: Record<string, string> = {
    berita: UIDS.berita,
    kriptogram: UIDS.kriptogram,
    pengaduan: UIDS.pengaduan,
    'distribusi-berita': UIDS.distribusi,
    'distribusi-kriptogram': UIDS.distribusi,
  };

  /** A record of the subject that can be put into any state (reset before every request). */
  const subjectRecord = async (subject: string): Promise<string> => {
    switch (subject) {
      case 'berita': {
        // one copy carried by the matrix's Caraka: he (or the Kasi) closes the delivery
        const documentId = await created(UIDS.berita, { ...BERITA_CONTOH, perihal: `Transisi uji ${unique()}` });
        await db(UIDS.distribusi).create({
          data: {
            tahap: 'diterima',
            versi: 0,
            carakaId: sessions.caraka!.id,
            carakaNama: sessions.caraka!.name,
            berita: await idOf(UIDS.berita, documentId),
          },
        });
        return documentId;
      }
      case 'kriptogram': {
        const documentId = await created(UIDS.kriptogram, kriptogramData());
        const sandiman = sessions.sandiman!;
        await setTahap(UIDS.kriptogram, documentId, { sandimanId: sandiman.id, sandimanNama: sandiman.name });
        return documentId;
      }
      case 'pengaduan':
        return created(UIDS.pengaduan, pengaduanData());
      case 'distribusi-berita':
        return copiesBerita[0];
      case 'distribusi-kriptogram':
        return copiesKriptogram[0];
      default:
        throw new Error(subject);
    }
  };

  const subjects = [...new Set(TRANSITION_MATRIX.map((cell) => cell.subject))];
  for (const subject of subjects) {
    const cells = TRANSITION_MATRIX.filter((cell) => cell.subject === subject);
    it(`transitions of ${subject}: ${cells.length} (from, to) pairs × every caller`, async () => {
      const before = mismatches.length;
      const uid = SUBJECT_UID[subject];
      for (const cell of cells) {
        const documentId = await subjectRecord(subject);
        for (const caller of callers()) {
          await setTahap(uid, documentId, { tahap: cell.dari });
          const response = await request(caller.session, 'post', `/sop/${cell.model}/${documentId}/transisi`, {
            ke: cell.ke,
            catatan: 'Uji matriks peran.',
          });
          expectCell(
            `${subject}: ${cell.dari} → ${cell.ke}`,
            caller,
            izinFor(caller, cell.izin[caller.pelaku]),
            response,
            (status) => ![401, 403, 404].includes(status)
          );
        }
      }
      expect(mismatches.slice(before)).toEqual([]);
    });
  }

  it('prints the matrix', () => {
    const tally = Object.entries(answers)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ');
    /* eslint-disable no-console -- the matrix and its figures are this test's report */
    console.log(
      `${formatAccessMatrix()}\n\n${checked} requests checked against the matrix, ${mismatches.length} mismatches; ` +
        `${fieldChecks} field allow-lists checked.\nAnswers: ${tally}`
    );
    console.log(
      `Read rights through relations: ${relationStats.requests} requests, ${relationStats.recordsChecked} records checked, ` +
        `${relationStats.leaks} leaks, ${relationStats.fiveHundreds} × 5xx; relation filters/sorts: ${relationStats.refusedFilters} refused, ${relationStats.allowedFilters} allowed.`
    );
    /* eslint-enable no-console */
    expect(leaks).toEqual([]);
    expect(relationStats.fiveHundreds).toBe(0);
    expect(answers['allowed → 403'] ?? 0).toBe(0);
    expect(answers['refused → 403'] ?? 0).toBeGreaterThan(0);
    expect(answers['refused → 401'] ?? 0).toBeGreaterThan(0);
  });
});
