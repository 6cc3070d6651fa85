/**
 * Issue 13: a record keeps the workflow version it started under, and so does the question
 * "has a step been recorded on it yet?" that guards its attachments. Version 2 of a workflow
 * starts in another state than version 1: a version-2 record in its first state is still a
 * draft (its files may be replaced), a version-1 record is judged by version 1, and a create
 * that echoes the active version's first state is an echo, not a forbidden write.
 */
import type { Core } from '@strapi/strapi';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, transit } from '../helpers/sop';
import { sopRegistryOf } from '../../src/plugins/sop/server/src/index';
import { assertFilesFree } from '../../src/files/guard';
import definition from '../fixtures/sop/berita-keluar/definition.json';
import schema from '../fixtures/sop/berita-keluar/schema.json';

const UID = 'api::nota-keluar.nota-keluar';
const MODEL = 'nota-keluar';

/** "Nota Keluar": the Berita Keluar fixture's fields and an attachment, as an administrator would make it. */
const withNotaKeluar = (strapi: Core.Strapi): void => {
  (strapi.get('content-types') as { add: (namespace: string, types: unknown) => void }).add('api::nota-keluar', {
    'nota-keluar': {
      schema: {
        ...schema,
        collectionName: 'nota_keluars',
        info: { singularName: 'nota-keluar', pluralName: 'nota-keluars', displayName: 'Nota Keluar' },
        attributes: { ...schema.attributes, lampiran: { type: 'media', multiple: false, allowedTypes: ['files'] } },
        apiName: 'nota-keluar',
        globalId: 'NotaKeluar',
      },
    },
  });
};

/** Version 2: the first state is renamed "konsep" (the rest as version 1). */
const versi2 = {
  ...definition,
  initial: 'konsep',
  states: definition.states.map((state) => (state.key === 'draf' ? { ...state, key: 'konsep', label: 'Konsep' } : state)),
  transitions: definition.transitions.map((step) => ({ ...step, from: step.from.map((key) => (key === 'draf' ? 'konsep' : key)) })),
};

const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);

describe('the first state a record is judged by is its own version\u2019s', () => {
  let app: TestApp;
  const staff: Record<'admin' | 'operator', AdminSession> = {} as never;
  const post = (session: AdminSession, path: string, body: object = {}) =>
    app.http().post(path).set('Authorization', `Bearer ${session.token}`).send(body);
  const upload = async (label: string): Promise<number> => {
    const response = await app
      .http()
      .post('/upload')
      .set('Authorization', `Bearer ${staff.operator.token}`)
      .attach('files', pdf(label), { filename: `${label}.pdf`, contentType: 'application/pdf' });
    expect(response.status).toBe(201);
    return (response.body as { id: number }[])[0].id;
  };
  const create = async (perihal: string, lampiran: number, data: Record<string, unknown> = {}) =>
    (await app.strapi.documents(UID as never).create({ data: { perihal, tujuan: 'Setda', lampiran, ...data } as never })) as unknown as {
      documentId: string;
    };
  const rowOf = async (documentId: string) =>
    (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as { tahap: string; alurVersi: number };

  beforeAll(async () => {
    app = await startApp({ beforeLoad: withNotaKeluar });
    staff.admin = await createAdminSession(app, 'Super Admin', { firstname: 'Ani', lastname: 'Admin' });
    staff.operator = await createAdminSession(app, ROLE.operator, { firstname: 'Oki', lastname: 'Operator' });
    const dibuat = await post(staff.admin, '/sop/alur', {
      model: MODEL,
      nama: 'Pengiriman Nota',
      uid: UID,
      definisi: { ...definition, model: MODEL, uid: UID },
    });
    expect(dibuat.status).toBe(201);
    expect((await post(staff.admin, `/sop/alur/${MODEL}/versi/1/aktifkan`)).status).toBe(200);
  });

  afterAll(async () => {
    await app?.destroy();
  });

  it('judges a version-1 record by version 1 and a version-2 record by version 2', async () => {
    const fileV1 = await upload('nota-v1');
    const v1 = await create('Nota versi 1', fileV1);
    expect(await rowOf(v1.documentId)).toMatchObject({ tahap: 'draf', alurVersi: 1 });

    expect((await post(staff.admin, `/sop/alur/${MODEL}/versi`, { definisi: { ...versi2, model: MODEL, uid: UID } })).status).toBe(201);
    const aktif = await post(staff.admin, `/sop/alur/${MODEL}/versi/2/aktifkan`);
    expect([aktif.status, aktif.body.error?.details]).toEqual([200, undefined]);
    expect(sopRegistryOf(app.strapi).initialStateOf(UID, 2)).toBe('konsep');
    expect(sopRegistryOf(app.strapi).initialStateOf(UID, 1)).toBe('draf');

    // the client echoes the active version's first state: accepted as an echo; version 1's is a write of a server-owned field
    const fileV2 = await upload('nota-v2');
    const v2 = await create('Nota versi 2', fileV2, { tahap: 'konsep' });
    expect(await rowOf(v2.documentId)).toMatchObject({ tahap: 'konsep', alurVersi: 2 });
    await expect(create('Nota dengan tahap lama', await upload('nota-lama'), { tahap: 'draf' })).rejects.toThrow(/tahap/);

    // no step recorded on either yet: both files are still free
    await expect(assertFilesFree(app.strapi, [fileV1])).resolves.toBeUndefined();
    await expect(assertFilesFree(app.strapi, [fileV2])).resolves.toBeUndefined();

    // a step on each locks its file
    expect((await transit(app, staff.operator, MODEL, v1.documentId, 'diagendakan')).status).toBe(200);
    const langkah2 = await transit(app, staff.operator, MODEL, v2.documentId, 'diagendakan');
    expect([langkah2.status, langkah2.body.error?.message]).toEqual([200, undefined]);
    await expect(assertFilesFree(app.strapi, [fileV1])).rejects.toThrow(/langkah SOP/);
    await expect(assertFilesFree(app.strapi, [fileV2])).rejects.toThrow(/langkah SOP/);
  });
});
