import PizZip from 'pizzip';
import type { AdminSession } from '../helpers/admin-users';
import type { TestApp } from '../helpers/app';

export type Unduhan = {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  /** the JSON error body, when the answer is not a file */
  json: { data: unknown; error?: { status: number; name: string; message: string; details?: Record<string, unknown> } } | null;
};

/** GET a file through the admin API and keep the raw bytes. */
export const unduh = async (app: TestApp, session: AdminSession, url: string): Promise<Unduhan> => {
  const response = await app
    .http()
    .get(url)
    .set('Authorization', `Bearer ${session.token}`)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  const bytes = response.body as Buffer;
  const type = String(response.headers['content-type'] ?? '');
  return {
    status: response.status,
    headers: response.headers as Record<string, string>,
    bytes,
    json: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null,
  };
};

export const expectFile = (unduhan: Unduhan, status = 200): Unduhan => {
  if (unduhan.status !== status) throw new Error(`expected ${status}, got ${unduhan.status}: ${unduhan.bytes.toString('utf8').slice(0, 500)}`);
  return unduhan;
};

/** The text parts of a generated .docx. */
export const bukaDocx = (bytes: Buffer) => {
  const zip = new PizZip(bytes);
  const part = (name: string): string => zip.file(name)?.asText() ?? '';
  const parts = Object.keys(zip.files).filter((name) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(name));
  return {
    zip,
    document: part('word/document.xml'),
    /** the visible text of document.xml (tags stripped, runs joined) */
    teks: part('word/document.xml')
      .replace(/<w:tab\/>/g, '\t')
      .replace(/<\/w:p>/g, '\n')
      .replace(/<[^>]+>/g, ''),
    semua: parts.map(part).join('\n'),
    logo: zip.file('word/media/logo.png')?.asNodeBuffer() ?? null,
  };
};

/** docxtemplater tags of our templates that would mean a value was not filled. */
export const TEMPLATE_TAG = /\{[#/^@]?[A-Za-z][\w]*\}/;

export const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const SALINAN_CONTOH = {
  perihal: 'Pengamanan kunjungan kerja',
  isi: 'ISI-SALINAN-UJI: Rencana pengamanan kunjungan kerja tanggal 30 November.\nTitik kumpul di Balai Kota pukul 07.00 WIB.',
  penerima: [
    { nama: 'H. Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' },
    { jabatan: 'Sekretaris Daerah', kategori: 'sekda', saluran: 'ajudan' },
    { nama: 'Kepala Satpol PP', jabatan: 'Kepala Satuan Polisi Pamong Praja', kategori: 'kepala_opd', saluran: 'caraka' },
  ],
};

const KRIPTOGRAM_STEPS = [
  'diagendakan',
  'dilaporkan',
  'ditugaskan_deskripsi',
  'dideskripsi',
  'diparaf_sandiman',
  'ditandatangani_kasi',
  'dinomori',
  'didistribusikan',
  'diarsipkan',
];

/**
 * Registers a kriptogram (as the Sandiman, through the content manager) and walks it along
 * the SOP up to `state`; before `didistribusikan` the Sandiman records a resi for every copy.
 */
export const walkKriptogramTo = async (
  app: TestApp,
  staff: { sandiman: AdminSession; kasi: AdminSession },
  state: string,
  kriptogram: Record<string, unknown> = {}
): Promise<string> => {
  const ok = async (pending: PromiseLike<{ status: number; body: { data?: Record<string, unknown> } }>, what: string) => {
    const response = await pending;
    if (response.status !== 200 && response.status !== 201) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.data ?? {};
  };
  const created = await ok(
    app
      .http()
      .post('/content-manager/collection-types/api::kriptogram.kriptogram')
      .set('Authorization', `Bearer ${staff.sandiman.token}`)
      .send({
        nomorKriptogram: 'KR-0099/JKS/XI/2026',
        asal: 'Jaring Komunikasi Sandi Pemerintah Provinsi',
        klasifikasi: 'rahasia',
        derajatKecepatan: 'segera',
        waktuDiterima: '2026-11-23T02:00:00.000Z',
        teksKriptogram: 'XKQWT PLMZR AABCE QQRTS',
        ...kriptogram,
      }),
    'create kriptogram'
  );
  const documentId = String(created.documentId);
  const step = (who: AdminSession, ke: string, data?: Record<string, unknown>) =>
    app
      .http()
      .post(`/sop/kriptogram/${documentId}/transisi`)
      .set('Authorization', `Bearer ${who.token}`)
      .send({ ke, ...(data ? { data } : {}) });
  const last = KRIPTOGRAM_STEPS.indexOf(state);
  if (state !== 'diterima' && last < 0) throw new Error(`walkKriptogramTo: unknown state ${state}`);
  for (const ke of KRIPTOGRAM_STEPS.slice(0, last + 1)) {
    if (ke === 'ditugaskan_deskripsi') await ok(step(staff.kasi, ke, { sandiman: staff.sandiman.id }), ke);
    else if (ke === 'ditandatangani_kasi') await ok(step(staff.kasi, ke), ke);
    else if (ke === 'dideskripsi') await ok(step(staff.sandiman, ke, { salinan: SALINAN_CONTOH }), ke);
    else if (ke === 'dinomori') await ok(step(staff.sandiman, ke, { checklist: { cap: true, amplop: true, amplopRangkap: true } }), ke);
    else if (ke === 'didistribusikan') {
      const view = await ok(app.http().get(`/sop/kriptogram/${documentId}`).set('Authorization', `Bearer ${staff.sandiman.token}`), 'view');
      for (const copy of view.distribusi as { documentId: string; nomorSalinan: number }[]) {
        await ok(
          app
            .http()
            .post(`/sop/distribusi/${copy.documentId}/transisi`)
            .set('Authorization', `Bearer ${staff.sandiman.token}`)
            .send({ ke: 'diterima', data: { diterimaOleh: `Penerima salinan ${copy.nomorSalinan}` } }),
          'resi'
        );
      }
      await ok(step(staff.sandiman, ke), ke);
    } else await ok(step(staff.sandiman, ke), ke);
  }
  return documentId;
};
