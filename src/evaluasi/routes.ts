import path from 'path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { z } from 'zod';
import { WIB_OFFSET_MS } from '../domain/calendar';
import { type Triwulan } from '../domain/evaluasi';
import { dataUmum } from '../domain/letters/kop';
import { jam, tanggalPanjang } from '../domain/letters/format';
import { logoInstansi } from '../letters/logo';
import { convertToPdf, KonversiGagal, PANDUAN_LIBREOFFICE, PDF_TYPE, sofficePath } from '../letters/pdf';
import { DOCX_TYPE, readTemplate, renderDocx, TemplatRusak } from '../letters/render';
import { muatInstansi } from '../letters/sources';
import { XLSX_TYPE } from '../letters/xlsx';
import { adminRoute, now as clockNow, HttpStatusError, mayRead, sopRegistryOf, type SopCtx, type StaffActor } from '../plugins/sop/server/src/index';
import { muatEvaluasiTersimpan } from './load';
import { dataEvaluasiDocx } from './tabel';
import { evaluasiXlsx } from './xlsx';

/** The roles that lead (component 13: "oleh pimpinan") and so may read the evaluation; Super Admin too. */
export const PERAN_PIMPINAN = ['kasi', 'kabid', 'kadis', 'pejabatPengaduan'] as const;

/** Whether the actor may read the quarterly evaluation: a leader's role or Super Admin. */
export const mayEvaluate = (actor: StaffActor): boolean =>
  actor.isSuperAdmin || actor.roles.some((role) => (PERAN_PIMPINAN as readonly string[]).includes(role));

/** The quarter (WIB) that holds `instant`. */
export const triwulanOf = (instant: Date): Triwulan => {
  const local = new Date(instant.getTime() + WIB_OFFSET_MS);
  return { tahun: local.getUTCFullYear(), triwulan: (Math.floor(local.getUTCMonth() / 3) + 1) as Triwulan['triwulan'] };
};

const single = (value: unknown): unknown => (Array.isArray(value) ? value[value.length - 1] : value);

const evaluasiQuery = z
  .object({
    tahun: z.coerce
      .number({ error: 'tahun harus angka' })
      .int('tahun harus bilangan bulat')
      .min(2000, 'tahun paling awal 2000')
      .max(2100, 'tahun paling akhir 2100')
      .optional(),
    triwulan: z.coerce
      .number({ error: 'triwulan harus angka 1–4' })
      .int('triwulan harus 1, 2, 3, atau 4')
      .min(1, 'triwulan harus 1, 2, 3, atau 4')
      .max(4, 'triwulan harus 1, 2, 3, atau 4')
      .optional(),
    format: z.enum(['json', 'xlsx', 'pdf', 'docx'], { error: 'format harus json, xlsx, pdf, atau docx' }).default('json'),
  })
  .refine((query) => (query.tahun === undefined) === (query.triwulan === undefined), {
    message: 'tahun dan triwulan diisi bersama (atau keduanya dikosongkan untuk triwulan berjalan)',
    path: ['triwulan'],
  });

const kirim = (ctx: SopCtx, bytes: Buffer, nama: string, type: string): void => {
  ctx.status = 200;
  ctx.type = type;
  ctx.set('Content-Disposition', `attachment; filename="${nama}"`);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.body = bytes;
};

/**
 * `GET /sop/evaluasi?tahun=2026&triwulan=4[&format=xlsx|pdf|docx]` — the quarterly performance
 * evaluation (src/domain/evaluasi.ts) as JSON `{ data }`, or exported (.xlsx with ExcelJS; .docx
 * from templates/evaluasi-kinerja.docx, converted to PDF by LibreOffice like the letters). Without
 * tahun/triwulan: the quarter running now (WIB). Admin route (Bearer token of POST /admin/login).
 * Refuses: 403 (ForbiddenError) for anyone but the leaders and Super Admin; 400 (ValidationError,
 * `details.issues`) for a bad query; 501 when PDF is asked and LibreOffice is not installed;
 * 500 naming the repair when the template is broken or the conversion fails.
 */
export const evaluasiRoutes = (strapi: Core.Strapi) => {
  const handler = async (ctx: SopCtx, actor: StaffActor): Promise<void> => {
    ctx.set('Cache-Control', 'no-store');
    if (!mayEvaluate(actor)) {
      throw new errors.ForbiddenError('Evaluasi kinerja hanya untuk pimpinan (Kasi, Kabid, Kepala Dinas, Pejabat Pengaduan) dan Super Admin.');
    }
    const parsed = evaluasiQuery.safeParse(Object.fromEntries(Object.entries(ctx.query).map(([key, value]) => [key, single(value)])));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new errors.ValidationError(`Parameter tidak sah: ${issues.map((issue) => `${issue.path || 'query'} (${issue.message})`).join('; ')}.`, {
        issues,
      });
    }
    const query = parsed.data;
    const triwulan: Triwulan =
      query.tahun !== undefined && query.triwulan !== undefined
        ? { tahun: query.tahun, triwulan: query.triwulan as Triwulan['triwulan'] }
        : triwulanOf(clockNow());
    const soffice = query.format === 'pdf' ? sofficePath() : null;
    if (query.format === 'pdf' && !soffice) throw new errors.NotImplementedError(PANDUAN_LIBREOFFICE);

    const dimuat = await muatEvaluasiTersimpan(strapi, triwulan);
    // need to know: the overdue table names records one by one, so only those of the types this leader may read
    const evaluasi = {
      ...dimuat,
      terlambat: dimuat.terlambat.filter((butir) => mayRead(strapi, actor, sopRegistryOf(strapi).workflow(butir.model)?.uid ?? '')),
    };
    if (query.format === 'json') {
      ctx.body = { data: evaluasi };
      return;
    }
    const waktu = clockNow();
    const instansi = await muatInstansi(strapi);
    const nama = `evaluasi-kinerja-${triwulan.tahun}-triwulan-${triwulan.triwulan}`;
    const dicetak = `Dicetak oleh ${actor.name} pada ${tanggalPanjang(waktu)} pukul ${jam(waktu)} WIB melalui Meja Sandi`;
    if (query.format === 'xlsx') {
      const kepala = { instansi: [instansi.pemerintah, instansi.dinas].filter(Boolean).join(' — '), dicetak };
      kirim(ctx, await evaluasiXlsx(evaluasi, kepala), `${nama}.xlsx`, XLSX_TYPE);
      return;
    }
    const templates = path.join(strapi.dirs.app.root, 'templates');
    const template = 'evaluasi-kinerja.docx';
    const data = dataEvaluasiDocx(evaluasi, dataUmum(instansi, { nama: actor.name, waktu }) as unknown as Record<string, unknown>);
    try {
      const docx = renderDocx(readTemplate(path.join(templates, template)), data, await logoInstansi(strapi, instansi.logo, templates), template);
      if (soffice) kirim(ctx, await convertToPdf(soffice, docx), `${nama}.pdf`, PDF_TYPE);
      else kirim(ctx, docx, `${nama}.docx`, DOCX_TYPE);
    } catch (error: unknown) {
      if (error instanceof TemplatRusak)
        throw new HttpStatusError(500, 'ApplicationError', error.message, { templat: error.templat, rincian: error.rincian });
      if (error instanceof KonversiGagal) {
        strapi.log.error(`[evaluasi] konversi PDF gagal: ${error.message}`);
        throw new HttpStatusError(
          500,
          'ApplicationError',
          'Evaluasi tidak dapat dikonversi ke PDF oleh LibreOffice; unduh dalam format .docx atau .xlsx.'
        );
      }
      throw error;
    }
  };
  return [adminRoute(strapi)('GET', '/sop/evaluasi', handler)];
};
