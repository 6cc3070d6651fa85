import { createHash } from 'crypto';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { inputDigest } from '../plugins/sop/server/src/engine/index';
import { agendaQuery, batasWaktu, dataAgenda, namaBerkasAgenda, periodeTeks, satuNilai } from '../domain/letters/agenda';
import { dataUmum } from '../domain/letters/kop';
import type { StaffActor } from '../plugins/sop/server/src/index';
import { appendAudit, now as clockNow, ConflictError, HttpStatusError } from '../plugins/sop/server/src/index';
import { logoInstansi } from './logo';
import { convertToPdf, KonversiGagal, PANDUAN_LIBREOFFICE, PDF_TYPE, sofficePath } from './pdf';
import { BUKU_AGENDA, bindingDokumen, bukuAgenda, DOKUMEN, jenisDokumen } from './registry';
import { DOCX_TYPE, readTemplate, renderDocx, TemplatRusak } from './render';
import { muatInstansi } from './sources';
import { mayReadFields } from '../domain/roles';
import { tolakPeran, tolakSumber, type Penolakan } from './tersedia';
import { agendaXlsx, XLSX_TYPE } from './xlsx';

/** A refusal of the shared availability rule (./tersedia) as the error Strapi answers with: 403 or 409. */
const penolakanError = (penolakan: Penolakan): Error =>
  penolakan.status === 409
    ? new ConflictError(penolakan.message, penolakan.details)
    : new errors.ForbiddenError(penolakan.message, penolakan.details);

/** The part of Koa's context the download routes use. */
export type UnduhCtx = {
  params: Record<string, string>;
  query: Record<string, unknown>;
  status: number;
  body: unknown;
  type: string;
  set: (name: string, value: string) => void;
};

const kirim = (ctx: UnduhCtx, berkas: Buffer, namaBerkas: string, type: string): void => {
  ctx.status = 200;
  ctx.type = type;
  ctx.set('Content-Disposition', `attachment; filename="${namaBerkas}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = berkas;
};

export const templatesDir = (strapi: Core.Strapi): string => path.join(strapi.dirs.app.root, 'templates');

/** ValidationError naming each bad query parameter, `details.issues`. */
const invalid = (error: z.ZodError): errors.ValidationError => {
  const issues = error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return new errors.ValidationError(`Parameter tidak sah: ${issues.map((issue) => `${issue.path || 'query'} (${issue.message})`).join('; ')}.`, {
    issues,
  });
};

const dokumenQuery = z.object({ format: z.enum(['docx', 'pdf'], { error: 'format harus docx atau pdf' }).default('docx') });

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Renders, converts when asked, and turns template and LibreOffice failures into a 500 that
 * says what to repair (`ApplicationError`, details `{ templat, rincian }` for a broken template).
 */
const buat = async (strapi: Core.Strapi, template: string, data: Record<string, unknown>, logo: Buffer, soffice: string | null): Promise<Buffer> => {
  try {
    const docx = renderDocx(readTemplate(path.join(templatesDir(strapi), template)), data, logo, template);
    return soffice ? await convertToPdf(soffice, docx) : docx;
  } catch (error: unknown) {
    if (error instanceof TemplatRusak) {
      strapi.log.error(`[dokumen] ${error.message}`);
      throw new HttpStatusError(500, 'ApplicationError', error.message, { templat: error.templat, rincian: error.rincian });
    }
    if (error instanceof KonversiGagal) {
      strapi.log.error(`[dokumen] konversi PDF gagal (${template}): ${error.message}`);
      throw new HttpStatusError(500, 'ApplicationError', 'Dokumen tidak dapat dikonversi ke PDF oleh LibreOffice; unduh dalam format .docx.');
    }
    throw error;
  }
};

/** `GET /sop/:model/:documentId/dokumen/:jenis[?format=pdf]` — the model is known and readable (checked by the caller). */
export const unduhDokumen = async (strapi: Core.Strapi, ctx: UnduhCtx, actor: StaffActor): Promise<void> => {
  ctx.set('Cache-Control', 'no-store'); // the refusals too (they are thrown, for strapi::errors)
  const { model, documentId, jenis } = ctx.params;
  const dokumen = jenisDokumen(jenis);
  if (!dokumen) throw new errors.NotFoundError(`Dokumen "${jenis}" tidak dikenal. Yang tersedia: ${Object.keys(DOKUMEN).join(', ')}.`);
  const binding = bindingDokumen(strapi, dokumen, model);
  if (!binding) {
    const models = Object.keys(dokumen.model);
    const untuk = [...models, ...(dokumen.terikat ? ['alur yang dibuat tanpa kode'] : [])];
    throw new errors.NotFoundError(
      `${dokumen.judul} tidak tersedia untuk naskah jenis "${model}"${untuk.length ? ` (hanya untuk: ${untuk.join(', ')})` : ''}.`
    );
  }
  const query = dokumenQuery.safeParse(satuNilai(ctx.query));
  if (!query.success) throw invalid(query.error);
  const tolakRole = tolakPeran(strapi, dokumen, binding, actor);
  if (tolakRole) throw penolakanError(tolakRole);
  const sumber = await binding.muat(strapi, documentId);
  if (!sumber) throw new errors.NotFoundError('Naskah tidak ditemukan.');
  const tolak = tolakSumber(binding, sumber, actor);
  if (tolak) throw penolakanError(tolak);
  const soffice = query.data.format === 'pdf' ? sofficePath() : null;
  if (query.data.format === 'pdf' && !soffice) throw new errors.NotImplementedError(PANDUAN_LIBREOFFICE);

  const now = clockNow();
  const instansi = await muatInstansi(strapi);
  const data = await binding.data(sumber, dataUmum(instansi, { nama: actor.name, waktu: now }), { strapi, actor });
  const logo = await logoInstansi(strapi, instansi.logo, templatesDir(strapi));
  const berkas = await buat(strapi, dokumen.template, data, logo, soffice);

  if (binding.rahasia(sumber)) {
    // The download is on record before a byte leaves the server.
    await strapi.db.transaction(async ({ trx }) => {
      await appendAudit(trx, {
        model: sumber.model,
        documentId: sumber.documentId,
        dari: sumber.tahap,
        ke: `dokumen_diunduh:${jenis}`,
        aktorId: actor.id,
        aktorNama: actor.name,
        aktorPeran: actor.peran,
        waktu: now.toISOString(),
        catatan: jenis,
        digest: inputDigest({ jenis, format: query.data.format, sha256: sha256(berkas) }),
      });
    });
  }
  const extension = query.data.format === 'pdf' ? 'pdf' : 'docx';
  kirim(ctx, berkas, `${binding.namaBerkas(sumber)}.${extension}`, extension === 'pdf' ? PDF_TYPE : DOCX_TYPE);
};

/** One agenda book this user may print: its `:buku`, title and the content type it lists. */
export type BukuTersedia = { buku: string; judul: string; uid: string };

/**
 * `GET /sop/agenda`: the agenda books this user may print (the same read rule as
 * {@link unduhAgenda}), so the panel shows "Cetak buku agenda" only where it will work.
 */
export const bukuAgendaTersedia = (strapi: Core.Strapi, actor: StaffActor): BukuTersedia[] =>
  Object.entries(BUKU_AGENDA)
    .filter(([, buku]) => Boolean(strapi.contentTypes[buku.uid as never]) && mayReadFields(actor, buku.baca))
    .map(([key, buku]) => ({ buku: key, judul: buku.judul, uid: buku.uid }));

/** `GET /sop/agenda/:buku?dari=YYYY-MM-DD&sampai=YYYY-MM-DD&format=docx|xlsx|pdf` */
export const unduhAgenda = async (strapi: Core.Strapi, ctx: UnduhCtx, actor: StaffActor): Promise<void> => {
  ctx.set('Cache-Control', 'no-store');
  const buku = bukuAgenda(ctx.params.buku);
  if (!buku) throw new errors.NotFoundError(`Buku agenda "${ctx.params.buku}" tidak dikenal; gunakan surat-masuk atau kriptogram-masuk.`);
  if (!strapi.contentTypes[buku.uid as never]) throw new errors.NotFoundError(`${buku.judul} belum tersedia di instalasi ini.`);
  const query = agendaQuery.safeParse(satuNilai(ctx.query));
  if (!query.success) throw invalid(query.error);
  if (!mayReadFields(actor, buku.baca)) throw new errors.ForbiddenError(`Peran Anda tidak berwenang membuka ${buku.judul.toLowerCase()}.`);
  const soffice = query.data.format === 'pdf' ? sofficePath() : null;
  if (query.data.format === 'pdf' && !soffice) throw new errors.NotImplementedError(PANDUAN_LIBREOFFICE);

  const baris = await buku.baris(strapi, batasWaktu(query.data));
  const instansi = await muatInstansi(strapi);
  const nama = namaBerkasAgenda(ctx.params.buku, query.data);
  if (query.data.format === 'xlsx') {
    const xlsx = await agendaXlsx({
      judul: buku.judul,
      periode: periodeTeks(query.data),
      instansi: [instansi.pemerintah, instansi.dinas].filter(Boolean).join(' — '),
      kolom: buku.kolom,
      baris,
    });
    return kirim(ctx, xlsx, `${nama}.xlsx`, XLSX_TYPE);
  }
  const umum = dataUmum(instansi, { nama: actor.name, waktu: clockNow() });
  const logo = await logoInstansi(strapi, instansi.logo, templatesDir(strapi));
  const berkas = await buat(strapi, buku.template, dataAgenda(buku.judul, query.data, baris, umum), logo, soffice);
  kirim(ctx, berkas, `${nama}.${query.data.format === 'pdf' ? 'pdf' : 'docx'}`, query.data.format === 'pdf' ? PDF_TYPE : DOCX_TYPE);
};
