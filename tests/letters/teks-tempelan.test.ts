import PizZip from 'pizzip';
import { sealSalinan } from '../../src/sop-defs/kriptogram/salinan';
import { createAdminSession, type AdminSession } from '../helpers/admin-users';
import { startApp, type TestApp } from '../helpers/app';
import { ROLE, sopView, walkBeritaTo, type BeritaStaff } from '../helpers/sop';
import { bukaDocx, expectFile, SALINAN_CONTOH, unduh, walkKriptogramTo } from './unduh';

/**
 * Issue 11 item 1: text pasted from a word processor — U+000B (Word's manual line break),
 * U+000C (its page break) — used to be accepted as it was and then broke every .docx of
 * the record and the buku agenda of its period (500 "repair the template"). Now line
 * breaks of any convention become line breaks on the way in, and every letter passes one
 * normalisation (`printableText`), so a record stored before the fix prints too.
 */

/** The visible text of a .docx part with its line breaks (`<w:br/>`, paragraph ends) as "\n". */
const teksDenganBaris = (xml: string): string =>
  xml
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');

// Every control character XML 1.0 refuses (tab, LF and CR are allowed).
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const bacaXlsx = (bytes: Buffer): string => new PizZip(bytes).file('xl/worksheets/sheet1.xml')!.asText();

describe('letters: text pasted from a word processor prints, in .docx and .xlsx', () => {
  let app: TestApp;
  const staff: BeritaStaff & { sandiman?: AdminSession } = {};
  let beritaId: string;
  let kriptogramId: string;

  const PERIHAL = 'Undangan rapat\u000Bkoordinasi persandian';
  const ISI_RINGKAS = 'Halaman pertama ringkasan.\u000cHalaman kedua ringkasan.';
  const ISI_SALINAN = 'Halaman satu.\n\u000cHalaman dua.';

  beforeAll(async () => {
    app = await startApp();
    staff.operator = await createAdminSession(app, ROLE.operator);
    staff.kasi = await createAdminSession(app, ROLE.kasi);
    staff.kabid = await createAdminSession(app, ROLE.kabid);
    staff.kadis = await createAdminSession(app, ROLE.kadis);
    staff.caraka = await createAdminSession(app, ROLE.caraka);
    staff.sandiman = await createAdminSession(app, ROLE.sandiman);
    beritaId = await walkBeritaTo(app, staff, 'diarsipkan', { perihal: PERIHAL, isiRingkas: ISI_RINGKAS });
    kriptogramId = await walkKriptogramTo(app, { sandiman: staff.sandiman, kasi: staff.kasi }, 'ditugaskan_deskripsi');
  });

  afterAll(async () => {
    await app?.destroy();
  });

  /** `?dari=…&sampai=…` for the WIB day on which a record was registered (the books list by registration moment). */
  const hariAgenda = async (uid: string, documentId: string): Promise<string> => {
    const row = (await app.strapi.db.query(uid as never).findOne({ where: { documentId } })) as { waktuAgenda: string | Date };
    const hari = new Date(new Date(row.waktuAgenda).getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
    return `?dari=${hari}&sampai=${hari}`;
  };

  it('stores pasted line breaks as line breaks', async () => {
    const row = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: beritaId }, populate: ['kartuKendali'] })) as {
      perihal: string;
      isiRingkas: string;
      kartuKendali: { isiRingkas: string | null };
    };
    expect(row.perihal).toBe('Undangan rapat\nkoordinasi persandian');
    expect(row.isiRingkas).toBe('Halaman pertama ringkasan.\nHalaman kedua ringkasan.');
  });

  const beritaDocuments = async () => {
    const view = await sopView(app, staff.operator!, 'berita', beritaId);
    const copy = view.body.data.distribusi[0].documentId as string;
    return [
      { session: staff.operator!, url: `/sop/berita/${beritaId}/dokumen/berita` },
      { session: staff.operator!, url: `/sop/berita/${beritaId}/dokumen/kartu-kendali` },
      { session: staff.operator!, url: `/sop/berita/${beritaId}/dokumen/tanda-terima` },
      { session: staff.operator!, url: `/sop/distribusi/${copy}/dokumen/tanda-terima` },
    ];
  };

  const expectBeritaPrints = async (perihal: RegExp, isiRingkas: RegExp) => {
    for (const { session, url } of await beritaDocuments()) {
      const file = expectFile(await unduh(app, session, url));
      const docx = bukaDocx(file.bytes);
      expect(docx.semua).not.toMatch(XML_INVALID);
      const teks = teksDenganBaris(docx.document);
      expect({ url, perihal: perihal.test(teks) }).toEqual({ url, perihal: true });
      if (url.endsWith('kartu-kendali')) expect(teks).toMatch(isiRingkas);
    }
    const range = await hariAgenda('api::berita.berita', beritaId);
    const agenda = expectFile(await unduh(app, staff.operator!, `/sop/agenda/surat-masuk${range}`));
    const agendaTeks = teksDenganBaris(bukaDocx(agenda.bytes).document);
    expect(agendaTeks).toMatch(perihal);
    const xlsx = bacaXlsx(expectFile(await unduh(app, staff.operator!, `/sop/agenda/surat-masuk${range}&format=xlsx`)).bytes);
    expect(xlsx).not.toMatch(XML_INVALID);
    expect(xlsx.replace(/<[^>]+>/g, '')).toMatch(perihal);
  };

  it('every .docx of the berita and the buku agenda (.docx, .xlsx) of its period print its text with the line breaks', async () => {
    await expectBeritaPrints(/Undangan rapat\nkoordinasi persandian/, /Halaman pertama ringkasan\.\nHalaman kedua ringkasan\./);
  });

  it('a salinan typed with a page break walks the SOP and its salinan, surat pengantar and resi print', async () => {
    const step = (who: AdminSession, ke: string, body: Record<string, unknown> = {}) =>
      app
        .http()
        .post(`/sop/kriptogram/${kriptogramId}/transisi`)
        .set('Authorization', `Bearer ${who.token}`)
        .send({ ke, ...body });
    const typed = await step(staff.sandiman!, 'dideskripsi', {
      data: { salinan: { ...SALINAN_CONTOH, perihal: 'Pengamanan\u000Bkunjungan', isi: ISI_SALINAN } },
    });
    expect(typed.status).toBe(200);
    expect((await step(staff.sandiman!, 'diparaf_sandiman', { catatan: 'Sudah diperiksa\u000Bdan diparaf' })).status).toBe(200);
    expect((await step(staff.kasi!, 'ditandatangani_kasi')).status).toBe(200);
    expect((await step(staff.sandiman!, 'dinomori', { data: { checklist: { cap: true, amplop: true, amplopRangkap: true } } })).status).toBe(200);

    const salinan = bukaDocx(expectFile(await unduh(app, staff.sandiman!, `/sop/kriptogram/${kriptogramId}/dokumen/salinan`)).bytes);
    expect(salinan.semua).not.toMatch(XML_INVALID);
    expect(teksDenganBaris(salinan.document)).toMatch(/Halaman satu\.\n\nHalaman dua\./);
    expect(teksDenganBaris(salinan.document)).toMatch(/Pengamanan\nkunjungan/);
    const pengantar = bukaDocx(expectFile(await unduh(app, staff.sandiman!, `/sop/kriptogram/${kriptogramId}/dokumen/surat-pengantar`)).bytes);
    expect(pengantar.semua).not.toMatch(XML_INVALID);
    expect(teksDenganBaris(pengantar.document)).toMatch(/Pengamanan\nkunjungan/);
    // The resi carries no subject of a classified message, only the copy's details.
    const resi = bukaDocx(expectFile(await unduh(app, staff.sandiman!, `/sop/kriptogram/${kriptogramId}/dokumen/resi`)).bytes);
    expect(resi.semua).not.toMatch(XML_INVALID);
    expect(teksDenganBaris(resi.document)).toMatch(/Salinan ke-1 dari 3/);
    const range = await hariAgenda('api::kriptogram.kriptogram', kriptogramId);
    expectFile(await unduh(app, staff.kasi!, `/sop/agenda/kriptogram-masuk${range}`));
    expectFile(await unduh(app, staff.kasi!, `/sop/agenda/kriptogram-masuk${range}&format=xlsx`));
  });

  it('a record stored before the input policy (control characters in the database) still prints', async () => {
    // Written straight to the tables, as the pre-fix server accepted it (PostgreSQL refuses NUL in text, so BEL and ESC stand for the rest).
    await app.strapi.db.query('api::berita.berita').update({
      where: { documentId: beritaId },
      data: { perihal: 'Perihal lama\u000Bbaris dua\u0007\u001b', isiRingkas: 'Ringkasan lama\u000cdua\u0085tiga' },
    });
    const berita = (await app.strapi.db.query('api::berita.berita').findOne({ where: { documentId: beritaId }, populate: ['kartuKendali'] })) as {
      perihal: string;
      kartuKendali: { id: number };
    };
    expect(berita.perihal).toContain('\u0007');
    await app.strapi.db.query('api::kartu-kendali.kartu-kendali').update({
      where: { id: berita.kartuKendali.id },
      data: { isiRingkas: 'Ringkasan lama\u000cdua\u0085tiga', catatan: 'Catatan\u000Blama\u0001' },
    });
    await expectBeritaPrints(/Perihal lama\nbaris dua(?!\u0007)/, /Ringkasan lama\ndua\ntiga/);

    const salinan = (await app.strapi.db.query('api::salinan.salinan').findOne({ where: { kriptogram: { documentId: kriptogramId } } })) as {
      id: number;
    };
    await app.strapi.db
      .query('api::salinan.salinan')
      .update({ where: { id: salinan.id }, data: { isi: sealSalinan(app.strapi, 'Isi lama\u000Bbaris\u0002dua\u000cHalaman tiga') } });
    const file = bukaDocx(expectFile(await unduh(app, staff.sandiman!, `/sop/kriptogram/${kriptogramId}/dokumen/salinan`)).bytes);
    expect(file.semua).not.toMatch(XML_INVALID);
    expect(teksDenganBaris(file.document)).toMatch(/Isi lama\nbarisdua\nHalaman tiga/);
  });
});
