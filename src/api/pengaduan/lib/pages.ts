import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { isEmailKontak, validateFields, type Masalah } from '../../../domain/pengaduan';
import { INTAKE_STATE, type IntakeState } from './intake-state';
import { loadLetterhead, sendHtml } from '../../../public/html';
import { renderFormulir, renderLacak, renderTiket, type NilaiFormulir } from './html-pages';
import { bacaToken, buatTantangan, HONEYPOT_FIELD, periksaFormulir, type TokenFormulir } from './captcha';
import { daftarLayanan, terimaPengaduan, type HasilPengaduan } from './intake';
import { simpanan, ulangan, type Kunci } from './idempotensi';
import { lacakPengaduan } from './lacak';
import { pengaduanSettings } from './settings';
import { smtpAktif } from './surat';
import { now as clockNow, sopRegistryOf } from '../../../plugins/sop/server/src/index';

const SCRIPT_CSP = { 'script-src': ["'self'"] };

const text = (value: unknown, max: number): string => (typeof value === 'string' ? value.slice(0, max) : '');

/** The public HTML pages of the complaint service, mounted at the root (no `/api` prefix). */
/** The complaint workflow's label of a tahap, as registered with the SOP engine. */
const labelTahapPengaduan =
  (strapi: Core.Strapi) =>
  (tahap: string): string =>
    sopRegistryOf(strapi)
      .workflow('pengaduan')
      ?.states.find((state) => state.key === tahap)?.label ?? tahap;

export const pengaduanPageRoutes = (strapi: Core.Strapi) => {
  const kunciFormulir = (token: TokenFormulir): Kunci => ({ jenis: 'formulir', klien: '', nilai: token.nonce, berlakuSampai: token.berlakuSampai });

  /** The receipt page: 201 for a new complaint, 200 when the form token had already filed it. */
  const showTiket = async (ctx: Context, hasil: HasilPengaduan, kontak: string | null) => {
    sendHtml(
      ctx,
      hasil.baru ? 201 : 200,
      renderTiket({
        letterhead: await loadLetterhead(strapi),
        nomorTiket: hasil.nomorTiket,
        kodeLacak: hasil.kodeLacak,
        emailDikirim: hasil.baru && kontak !== null && smtpAktif(strapi) && isEmailKontak(kontak),
        ulangan: hasil.baru ? undefined : hasil.samaIsi ? 'sama' : 'berbeda',
      })
    );
  };

  const showForm = async (ctx: Context, status: number, nilai: NilaiFormulir, masalah: Masalah[] = [], pesan?: string) => {
    const settings = pengaduanSettings(strapi);
    const page = renderFormulir({
      letterhead: await loadLetterhead(strapi),
      layanan: await daftarLayanan(strapi),
      nilai,
      masalah,
      pesan,
      tantangan: await buatTantangan(settings, clockNow()),
      honeypotField: HONEYPOT_FIELD,
    });
    sendHtml(ctx, status, page, { csp: SCRIPT_CSP });
  };

  return [
    {
      method: 'GET',
      path: '/pengaduan',
      handler: async (ctx: Context) => showForm(ctx, 200, { nama: '', kontak: '', isi: '', layanan: text(ctx.query.layanan, 100) }),
      config: { auth: false },
    },
    {
      method: 'POST',
      path: '/pengaduan',
      handler: async (ctx: Context) => {
        const state = ctx.state[INTAKE_STATE] as IntakeState | undefined;
        if (!state?.fields)
          return showForm(ctx, 400, { nama: '', kontak: '', isi: '', layanan: '' }, [], 'Formulir tidak terbaca. Silakan isi ulang.');
        const fields = state.fields;
        const nilai: NilaiFormulir = {
          nama: text(fields.nama, 200),
          kontak: text(fields.kontak, 300),
          isi: text(fields.isi, 6000),
          layanan: text(fields.layanan, 100),
        };
        const settings = pengaduanSettings(strapi);
        const now = clockNow();
        const validation = validateFields(nilai);
        // A token that already filed a complaint answers with that complaint's receipt,
        // whatever else is wrong with this copy of the form (double click, resend, expired).
        const token = bacaToken(settings, fields.token ?? '');
        if (token) {
          const lalu = await ulangan(strapi, settings, simpanan(settings, kunciFormulir(token), validation.ok ? validation.data : null), now, false);
          if (lalu) return showTiket(ctx, { ...lalu, baru: false }, null);
        }
        const check = await periksaFormulir(settings, fields, now);
        if (!check.ok) {
          const masalah: Masalah[] = validation.ok ? [] : validation.masalah;
          if (check.alasan === 'jawaban' || check.alasan === 'altcha') masalah.push({ path: ['jawaban'], message: check.pesan });
          return showForm(ctx, 400, nilai, masalah, check.alasan === 'jawaban' || check.alasan === 'altcha' ? undefined : check.pesan);
        }
        if (!validation.ok) return showForm(ctx, 400, nilai, validation.masalah);
        try {
          const hasil = await terimaPengaduan(strapi, validation.data, kunciFormulir(check));
          await showTiket(ctx, hasil, validation.data.kontak);
        } catch (error: unknown) {
          if (!(error instanceof errors.ValidationError)) throw error;
          const details = (error.details ?? {}) as { errors?: Masalah[] };
          return showForm(ctx, 400, nilai, details.errors ?? [{ path: [], message: error.message }]);
        }
      },
      config: { auth: false },
    },
    {
      // The form only: a tracking code in the address is not used (it would sit in the
      // browser history and logs); the form posts it (below).
      method: 'GET',
      path: '/pengaduan/lacak',
      handler: async (ctx: Context) => {
        const nomor = text(ctx.query.nomor, 30);
        const kodeDiAlamat = ctx.query.kode !== undefined;
        sendHtml(ctx, 200, renderLacak({ letterhead: await loadLetterhead(strapi), nomor, hasil: null, kodeDiAlamat }));
        ctx.set('Referrer-Policy', 'no-referrer');
      },
      config: { auth: false },
    },
    {
      method: 'POST',
      path: '/pengaduan/lacak',
      handler: async (ctx: Context) => {
        const fields = (ctx.state[INTAKE_STATE] as IntakeState | undefined)?.fields ?? {};
        const nomor = text(fields.nomor, 30);
        const kode = text(fields.kode, 40);
        const hasil = nomor && kode ? ((await lacakPengaduan(strapi, nomor, kode)) ?? 'tidak-ditemukan') : null;
        const status = hasil === 'tidak-ditemukan' ? 404 : hasil ? 200 : 400;
        sendHtml(
          ctx,
          status,
          renderLacak({ letterhead: await loadLetterhead(strapi), nomor, hasil, kosong: !hasil, labelTahap: labelTahapPengaduan(strapi) })
        );
        ctx.set('Referrer-Policy', 'no-referrer');
      },
      config: { auth: false },
    },
  ];
};
