/**
 * Issue 13: a workflow that is data runs on a content type made without code. The test adds a
 * "Berita Keluar" type at boot with nothing but its own fields (as the Content-Type Builder would
 * make it); the plugin's register gives it the engine's fields; "Pengiriman Berita Biasa" (JSON)
 * is bound to it with `bindWorkflow` while Strapi runs, and an Operator and the Kasi walk a record
 * through it: agenda number from the book "surat-keluar", due time in working minutes, paraf by
 * another person, the beriTahu e-mail, send, archive — history and audit chain intact.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import { createStaffWithSuperAdmin, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { cmCreate, cmUpdate, ROLE, sopView, transit } from '../helpers/sop';
import { BOUND_ATTRIBUTES, bindWorkflow, sopRegistryOf } from '../../src/plugins/sop/server/src/index';
import { compileWorkflow, type WorkflowData } from '../../src/plugins/sop/server/src/engine/index';
import definition from '../fixtures/sop/berita-keluar/definition.json';
import { withBeritaKeluar } from '../fixtures/sop/berita-keluar/type';

const UID = 'api::berita-keluar.berita-keluar';
const MODEL = 'berita-keluar';

type Attributes = Record<string, { type: string; visible?: boolean; configurable?: boolean; private?: boolean }>;
type LiveType = { attributes: Attributes; __schema__: { attributes: Attributes } };

const stored = async (app: TestApp, documentId: string) =>
  (await app.strapi.db.query(UID as never).findOne({ where: { documentId } })) as Record<string, unknown>;

describe('a workflow bound to a content type made without code', () => {
  let app: TestApp;
  let smtp: TestSmtp;
  let operator: AdminSession;
  let kasi: AdminSession;

  beforeAll(async () => {
    smtp = await startSmtp();
    app = await startApp({
      env: smtp.env,
      beforeLoad: withBeritaKeluar,
    });
    operator = await createStaffWithSuperAdmin(app, ROLE.operator, 'Oki');
    kasi = await createStaffWithSuperAdmin(app, ROLE.kasi, 'Kartika');
  });

  afterAll(async () => {
    await app?.destroy();
    await smtp?.close();
  });

  it('gives the new type the engine fields, hidden and never public, and leaves the code-registered types alone', () => {
    const type = app.strapi.contentType(UID as never) as unknown as LiveType;
    for (const name of Object.keys(BOUND_ATTRIBUTES)) {
      expect(type.attributes[name]).toMatchObject({ configurable: false, visible: false, private: true });
      expect(type.__schema__.attributes[name]).toBeUndefined();
    }
    expect(Object.keys(type.__schema__.attributes)).toEqual(['perihal', 'tujuan', 'isi', 'penerima']);
    // the berita, its kartu kendali and the complaint keep exactly their schema files' attributes
    for (const uid of ['api::berita.berita', 'api::kartu-kendali.kartu-kendali', 'api::pengaduan.pengaduan', 'api::pelaksana.pelaksana']) {
      const code = app.strapi.contentType(uid as never) as unknown as LiveType;
      expect(code.attributes.penugasan).toBeUndefined();
      expect(code.attributes.diarsipkanPada).toBeUndefined();
      for (const name of Object.keys(code.__schema__.attributes)) expect(code.attributes[name]).toBeDefined();
    }
  });

  it("the Content-Type Builder neither shows the engine fields nor writes them into the type's schema.json", async () => {
    const ctb = app.strapi.plugin('content-type-builder').service('content-types') as {
      formatContentType: (type: unknown) => { schema: Record<string, unknown> & { attributes: Attributes } };
      editContentType: (uid: string, body: { contentType: Record<string, unknown>; components: unknown[] }) => Promise<unknown>;
    };
    const formatted = ctb.formatContentType(app.strapi.contentType(UID as never)).schema;
    expect(Object.keys(formatted.attributes).sort()).toEqual(['isi', 'penerima', 'perihal', 'tujuan']);
    // an administrator adds a field and saves: CTB writes the schema file (into a scratch folder here)
    const dirs = app.strapi.dirs.app as { api: string };
    const original = dirs.api;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ctb-'));
    try {
      dirs.api = scratch;
      await ctb.editContentType(UID, {
        contentType: { ...formatted, attributes: { ...formatted.attributes, catatan: { type: 'text' } } },
        components: [],
      });
      const written = JSON.parse(fs.readFileSync(path.join(scratch, MODEL, 'content-types', MODEL, 'schema.json'), 'utf8')) as {
        attributes: Attributes;
      };
      expect(Object.keys(written.attributes).sort()).toEqual(['catatan', 'isi', 'penerima', 'perihal', 'tujuan']);
    } finally {
      dirs.api = original;
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('refuses to bind a type already governed, a type that is not an api:: collection type, and an unknown type', async () => {
    const registry = sopRegistryOf(app.strapi);
    const berita = registry.workflow('berita')!;
    await expect(
      bindWorkflow(app.strapi, { model: 'berita-lain', uid: 'api::berita.berita', nama: 'x' }, { ...berita, model: 'berita-lain' })
    ).rejects.toThrow('sudah diatur oleh SOP lain');
    await expect(
      bindWorkflow(
        app.strapi,
        { model: 'instansi', uid: 'api::instansi.instansi', nama: 'x' },
        { ...berita, model: 'instansi', uid: 'api::instansi.instansi' }
      )
    ).rejects.toThrow('jenis konten koleksi aplikasi');
    await expect(bindWorkflow(app.strapi, { model: 'tidak-ada', uid: 'api::tidak-ada.tidak-ada', nama: 'x' }, berita)).rejects.toThrow(
      'tidak ditemukan'
    );
  });

  it('binds "Pengiriman Berita Biasa" and walks a record through it', async () => {
    const registry = sopRegistryOf(app.strapi);
    // a record written before the binding starts at the first state
    const before = await cmCreate(app, operator, UID, { perihal: 'Sebelum diikat', tujuan: 'Dinas Kominfo' });
    expect(before.status).toBe(201);

    const compiled = compileWorkflow(definition as WorkflowData, registry.vocabulary()!);
    await bindWorkflow(app.strapi, { model: MODEL, uid: UID, nama: 'Pengiriman Berita Biasa' }, compiled);
    expect(registry.problems()).toEqual([]);
    expect((await stored(app, before.body.data.documentId as string)).tahap).toBe('draf');
    await expect(bindWorkflow(app.strapi, { model: 'lagi', uid: UID, nama: 'lagi' }, { ...compiled, model: 'lagi' })).rejects.toThrow('sudah diatur');

    // the Operator creates a record in the content manager; the gate owns the engine fields
    const created = await cmCreate(app, operator, UID, { perihal: 'Undangan rapat koordinasi persandian', tujuan: '' });
    expect(created.status).toBe(201);
    const documentId = created.body.data.documentId as string;
    expect(await stored(app, documentId)).toMatchObject({ tahap: 'draf', versi: 0, nomorAgenda: null });
    const forged = await cmUpdate(app, operator, UID, documentId, { tahap: 'diarsipkan', nomorAgenda: '9999/2026' });
    expect(forged.status).toBe(403);
    expect(forged.body.error.details.fields).toEqual(['tahap', 'nomorAgenda']);
    expect(await stored(app, documentId)).toMatchObject({ tahap: 'draf', nomorAgenda: null });
    const forgedByDocuments = app.strapi.documents(UID as never).update({ documentId, data: { tahap: 'diarsipkan' } as never });
    await expect(forgedByDocuments).rejects.toThrow('hanya dapat diubah oleh sistem');

    // a required field (factNotEmpty over the record's own field)
    const empty = await transit(app, operator, MODEL, documentId, 'diagendakan');
    expect(empty.status).toBe(409);
    expect(empty.body.error.message).toBe('Tujuan berita wajib diisi sebelum diagendakan.');
    expect((await cmUpdate(app, operator, UID, documentId, { tujuan: 'Sekretariat Daerah' })).status).toBe(200);

    const registered = await transit(app, operator, MODEL, documentId, 'diagendakan');
    expect(registered.status).toBe(200);
    const row = await stored(app, documentId);
    expect(row.nomorAgenda).toMatch(/^0001\/\d{4}$/);
    const counter = (await app.strapi.db.connection('sop_agenda_counter').where({ buku: 'surat-keluar' })) as { terakhir: number }[];
    expect(counter.map((one) => Number(one.terakhir))).toEqual([1]);
    // the Kasi's due time: 420 working minutes on the service calendar from the step
    const calendar = await registry.calendar(app.strapi);
    const tenggat = calendar.addWorkingMinutes(new Date(String(row.waktuAgenda)), 420);
    expect(new Date(String(row.tenggat)).getTime()).toBe(tenggat.getTime());

    // beriTahu: the Kasi hears of it by number and subject
    const mail = await smtp.waitFor((message) => message.to.includes(kasi.email) && message.subject.startsWith('[Meja Sandi] Pemberitahuan'));
    expect(mail.subject).toBe(`[Meja Sandi] Pemberitahuan Pengiriman Berita Biasa ${String(row.nomorAgenda)}: Diagendakan`);
    expect(mail.text).toContain(`Naskah "Undangan rapat koordinasi persandian" (nomor ${String(row.nomorAgenda)})`);
    expect(mail.text).toContain('Mohon paraf berita keluar ini.');

    // not yet initialled: the operator may not send it
    expect((await transit(app, operator, MODEL, documentId, 'dikirim')).status).toBe(409);
    const paraf = await transit(app, kasi, MODEL, documentId, 'diparaf');
    expect(paraf.status).toBe(200);
    expect((await stored(app, documentId)).paraf).toMatchObject({ parafKasi: { userId: kasi.id, nama: kasi.name } });
    expect((await transit(app, operator, MODEL, documentId, 'dikirim')).status).toBe(200);
    const archived = await transit(app, operator, MODEL, documentId, 'diarsipkan');
    expect(archived.status).toBe(200);
    expect(archived.body.data).toMatchObject({ tahap: 'diarsipkan', akhir: true });
    expect((await stored(app, documentId)).diarsipkanPada).toBeTruthy();

    // archived: read-only
    const late = await cmUpdate(app, operator, UID, documentId, { perihal: 'Diubah setelah diarsipkan' });
    expect(late.status).toBe(403);

    const view = await sopView(app, operator, MODEL, documentId);
    expect(view.status).toBe(200);
    // creation, the operator's edit of `tujuan` (audited), then the four steps
    expect(view.body.data.riwayat.map((step: { ke: string }) => step.ke)).toEqual([
      'draf',
      'diubah',
      'diagendakan',
      'diparaf',
      'dikirim',
      'diarsipkan',
    ]);
    expect(view.body.data.riwayatRusak).toBeNull();
    const verify = await app.http().get('/sop/audit/verify').set('Authorization', `Bearer ${operator.token}`);
    expect(verify.status).toBe(200);
    expect(verify.body.data).toMatchObject({ ok: true });
  });

  it('keeps four eyes on the bound type: whoever recorded the berita may not initial it, even holding the Kasi role', async () => {
    const both = await createStaffWithSuperAdmin(app, ROLE.kasi, 'Dobel', [ROLE.operator]);
    const created = await cmCreate(app, both, UID, { perihal: 'Dicatat dan diparaf sendiri?', tujuan: 'Bagian Umum' });
    const documentId = created.body.data.documentId as string;
    expect((await transit(app, both, MODEL, documentId, 'diagendakan')).status).toBe(200);
    expect((await stored(app, documentId)).nomorAgenda).toMatch(/^0002\//);
    const own = await transit(app, both, MODEL, documentId, 'diparaf');
    expect(own.status).toBe(403);
    expect(own.body.error.message).toBe('Paraf harus dari orang lain daripada yang mencatat berita.');
    expect((await transit(app, kasi, MODEL, documentId, 'diparaf')).status).toBe(200);
  });
});
