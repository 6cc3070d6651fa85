import { AsyncLocalStorage } from 'async_hooks';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { inputDigest } from '../../../plugins/sop/server/src/engine/index';
import { localDate } from '../../../domain/calendar';
import {
  BUKU_PENGADUAN,
  formatNomorTiket,
  hitungTenggat,
  SALURAN,
  SALURAN_LABEL,
  SLUG,
  validatePetugas,
  type Masalah,
  type PengaduanPublik,
  type Saluran,
} from '../../../domain/pengaduan';
import { loadActor, sopRegistryOf, currentTransition, appendAudit, nextAgendaNumber, now as clockNow } from '../../../plugins/sop/server/src/index';
import { loadHolidays, loadSchedule } from '../../standar-pelayanan/service-calendar';
import { generateKodeLacak, hashKodeLacak } from './kode-lacak';
import { bersihkan, klaim, kodeLacakTurunan, simpanan, tetapkanTiket, ulangan, type Kunci, type KunciTersimpan } from './idempotensi';
import { pengaduanSettings } from './settings';
import { kabariPetugas, kirimTandaTerima, logMailFailure, UID_PENGADUAN } from './surat';

type DocumentContext = {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Record<string, unknown>; [key: string]: unknown };
};
type Next = () => Promise<unknown>;

/**
 * Set by the public routes around their create: marks the complaint as the public's own,
 * carries its idempotency key in and the ticket and code back.
 */
type IntakeScope = { publik: true; kunci?: KunciTersimpan; nomorTiket?: string; kodeLacak?: string };
const intakeScope = new AsyncLocalStorage<IntakeScope>();

const UID_STANDAR = 'api::standar-pelayanan.standar-pelayanan';

const hasContentType = (strapi: Core.Strapi, uid: string): boolean => Boolean((strapi.contentTypes as unknown as Record<string, unknown>)[uid]);

/** A layanan slug names a published standar pelayanan (or, before that content type exists, merely looks like a slug). */
export const layananDikenal = async (strapi: Core.Strapi, slug: string): Promise<boolean> => {
  if (!SLUG.test(slug)) return false;
  if (!hasContentType(strapi, UID_STANDAR)) return true;
  const row = await strapi.db.query(UID_STANDAR as never).findOne({ where: { slug, publishedAt: { $notNull: true } }, select: ['id'] });
  return Boolean(row);
};

export type LayananPilihan = { slug: string; nama: string };

/** Published standards, for the form's select. */
export const daftarLayanan = async (strapi: Core.Strapi): Promise<LayananPilihan[]> => {
  if (!hasContentType(strapi, UID_STANDAR)) return [];
  const rows = (await strapi.db.query(UID_STANDAR as never).findMany({
    where: { publishedAt: { $notNull: true } },
    select: ['slug', 'nama'],
    orderBy: { nama: 'asc' },
  })) as { slug: string; nama: string }[];
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.slug) && seen.add(row.slug));
};

const invalid = (masalah: Masalah[]): never => {
  throw new errors.ValidationError(`Pengaduan tidak dapat disimpan: ${masalah.map((m) => m.message).join('; ')}.`, {
    errors: masalah.map((m) => ({ path: m.path, message: m.message, name: 'ValidationError' })),
  });
};

const LAYANAN_TIDAK_DIKENAL: Masalah = {
  path: ['layanan'],
  message: 'Layanan tidak dikenal: pilih salah satu standar pelayanan yang dipublikasikan',
};

/** Staff input from the content manager: same field rules as the public form, contact optional. */
const screenStaffInput = async (strapi: Core.Strapi, data: Record<string, unknown>, current: Record<string, unknown> | null) => {
  const checked = validatePetugas(data);
  if (!checked.ok) invalid(checked.masalah);
  else {
    for (const [key, value] of Object.entries(checked.data)) if (value !== undefined) data[key] = value;
  }
  if (typeof data.layanan === 'string' && data.layanan !== '' && data.layanan !== current?.layanan && !(await layananDikenal(strapi, data.layanan))) {
    invalid([LAYANAN_TIDAK_DIKENAL]);
  }
  if ('saluran' in data && data.saluran !== current?.saluran) {
    if (data.saluran === 'web') invalid([{ path: ['saluran'], message: 'Saluran "web" hanya untuk pengaduan yang dikirim sendiri oleh pelapor' }]);
    if (current?.saluran === 'web') invalid([{ path: ['saluran'], message: 'Saluran pengaduan dari formulir web tidak dapat diubah' }]);
  }
};

const readWaktuDiterima = (value: unknown, now: Date): Date => {
  if (value === undefined || value === null || value === '') return now;
  const waktu = new Date(String(value));
  if (Number.isNaN(waktu.getTime())) invalid([{ path: ['waktuDiterima'], message: 'Waktu diterima tidak sah' }]);
  if (waktu.getTime() > now.getTime() + 60_000) invalid([{ path: ['waktuDiterima'], message: 'Waktu diterima tidak boleh di masa depan' }]);
  if (waktu.getTime() < now.getTime() - 366 * 86_400_000)
    invalid([{ path: ['waktuDiterima'], message: 'Waktu diterima lebih dari setahun yang lalu' }]);
  return waktu;
};

type Pencatat = { aktorId: number | null; aktorNama: string; aktorPeran: string };

const pencatat = async (strapi: Core.Strapi, publik: boolean): Promise<Pencatat> => {
  if (publik) return { aktorId: null, aktorNama: 'Pelapor', aktorPeran: 'Masyarakat (formulir web / API)' };
  const user = (strapi.requestContext.get()?.state as { user?: { id?: unknown } } | undefined)?.user;
  const actor = typeof user?.id === 'number' ? await loadActor(strapi, user.id) : null;
  return actor ? { aktorId: actor.id, aktorNama: actor.name, aktorPeran: actor.peran } : { aktorId: null, aktorNama: 'Sistem', aktorPeran: '-' };
};

const create = async (strapi: Core.Strapi, context: DocumentContext, next: Next): Promise<unknown> => {
  const intake = intakeScope.getStore();
  const publik = intake?.publik === true;
  const data = (context.params.data ?? {}) as Record<string, unknown>;
  const now = clockNow();

  if (publik) {
    data.saluran = 'web';
  } else {
    if (!SALURAN.includes(data.saluran as Saluran) || data.saluran === 'web') {
      invalid([{ path: ['saluran'], message: 'Pilih saluran pengaduan: telepon, e-mail, atau langsung' }]);
    }
    await screenStaffInput(strapi, data, null);
  }
  const diterima = publik ? now : readWaktuDiterima(data.waktuDiterima, now);
  const settings = pengaduanSettings(strapi);
  const tenggat = hitungTenggat(diterima, settings.timers, await loadSchedule(strapi), await loadHolidays(strapi));
  const aktor = await pencatat(strapi, publik);
  const kunci = intake?.kunci;
  const workflow = sopRegistryOf(strapi).workflow('pengaduan');
  if (!workflow) throw new Error('SOP pengaduan tidak terdaftar pada mesin SOP.');
  const awal = workflow.initial;

  // The insert and the audit row run first and the ticket number is drawn last: the counter
  // row stays locked until commit, so the locked stretch is kept to the number and its update.
  const { created, nomorTiket, kodeLacak } = await strapi.db.transaction(async ({ trx, onCommit }) => {
    // First, so that a concurrent request with the same key waits here for this one to end.
    if (kunci) await klaim(trx, kunci, now);
    context.params.data = {
      ...data,
      waktuDiterima: diterima.toISOString(),
      tahap: awal,
      versi: 0,
      tenggatPengakuan: tenggat.tenggatPengakuan.toISOString(),
      tenggatRespons: tenggat.tenggatRespons.toISOString(),
      tenggatPenyelesaian: tenggat.tenggatPenyelesaian.toISOString(),
      tenggat: tenggat.tenggatPengakuan.toISOString(),
    };
    const created = (await next()) as { id?: number; documentId?: string; nomorTiket?: string | null } | null;
    if (!created?.documentId || typeof created.id !== 'number') throw new errors.ApplicationError('Pengaduan gagal disimpan.');
    const saluran = context.params.data.saluran as Saluran;
    await appendAudit(trx, {
      model: 'pengaduan',
      documentId: created.documentId,
      dari: null,
      ke: awal,
      ...aktor,
      waktu: now.toISOString(),
      catatan: publik ? null : `Dicatat petugas dari saluran ${SALURAN_LABEL[saluran]}.`,
      digest: inputDigest({ saluran }),
    });
    const tahun = Number(localDate(now).slice(0, 4));
    const nomorTiket = formatNomorTiket(tahun, await nextAgendaNumber(trx, BUKU_PENGADUAN, tahun));
    const kodeLacak = kunci ? kodeLacakTurunan(settings, kunci.id, nomorTiket) : generateKodeLacak();
    if (kunci) await tetapkanTiket(trx, kunci, nomorTiket);
    await strapi.db.query(UID_PENGADUAN).updateMany({
      where: { id: created.id },
      data: { nomorTiket, kodeLacakHash: hashKodeLacak(settings, nomorTiket, kodeLacak) },
    });
    created.nomorTiket = nomorTiket;
    onCommit(() => {
      if (kunci) bersihkan(strapi, now).catch((error: unknown) => strapi.log.warn(`[pengaduan] kunci lama tidak terhapus: ${String(error)}`));
      kirimTandaTerima(strapi, {
        nomorTiket,
        kodeLacak,
        nama: String(data.nama ?? ''),
        kontak: typeof data.kontak === 'string' ? data.kontak : null,
        diterima,
        ...tenggat,
      }).catch(logMailFailure(strapi, nomorTiket));
      if (publik) {
        kabariPetugas(strapi, String(created.documentId), nomorTiket, tenggat.tenggatPengakuan).catch((error: unknown) =>
          strapi.log.error(
            `[pengaduan] pemberitahuan ke petugas untuk ${nomorTiket} gagal: ${error instanceof Error ? error.message : String(error)}`
          )
        );
      }
    });
    return { created, nomorTiket, kodeLacak };
  });
  if (intake) {
    intake.nomorTiket = nomorTiket;
    intake.kodeLacak = kodeLacak;
  }
  return created;
};

const update = async (strapi: Core.Strapi, context: DocumentContext, next: Next): Promise<unknown> => {
  const documentId = context.params.documentId;
  const data = context.params.data;
  if (!documentId || !data) return next();
  const current = (await strapi.db.query(UID_PENGADUAN).findOne({ where: { documentId } })) as Record<string, unknown> | null;
  if (!current) return next();
  await screenStaffInput(strapi, data, current);
  if ('waktuDiterima' in data) {
    const incoming = data.waktuDiterima;
    const same =
      incoming === null ||
      incoming === undefined ||
      incoming === '' ||
      new Date(String(incoming)).getTime() === new Date(String(current.waktuDiterima)).getTime();
    if (!same) {
      throw new errors.ForbiddenError('Waktu diterima tidak dapat diubah setelah pengaduan dicatat: tenggatnya dihitung dari waktu itu.', {
        fields: ['waktuDiterima'],
      });
    }
    delete data.waktuDiterima;
  }
  return next();
};

/**
 * Document-service middleware for complaints, registered after the SOP gate (which
 * has already refused client-set server fields): numbers the ticket from the
 * `pengaduan` agenda book, stores only the tracking code's hash, sets the deadlines,
 * and writes the first audit row — all in the transaction of the insert.
 */
export const createPengaduanMiddleware = (strapi: Core.Strapi) =>
  async function pengaduanIntake(context: DocumentContext, next: Next): Promise<unknown> {
    if (context.uid !== UID_PENGADUAN || currentTransition()) return next();
    if (context.action === 'create') return create(strapi, context, next);
    if (context.action === 'update') return update(strapi, context, next);
    if (context.action === 'clone') throw new errors.ForbiddenError('Pengaduan tidak dapat digandakan.');
    return next();
  };

/** The answer to a public filing. */
export type HasilPengaduan = {
  nomorTiket: string;
  /** the tracking code; null for a form key that expired or a code staff replaced since (the ticket is still shown) */
  kodeLacak: string | null;
  /** false when the key had already filed this complaint (the answer is repeated) */
  baru: boolean;
  /** false when the key had filed a different complaint (nothing new was filed) */
  samaIsi: boolean;
};

/**
 * Files a complaint from the public (form or REST) and returns its ticket and tracking code.
 * With a key (the form token, or the API's `Idempotency-Key`) a repeated or concurrent
 * request gets the answer of the complaint the key already filed (see ./idempotensi.ts).
 * Throws `errors.ValidationError` for an unknown layanan.
 */
export const terimaPengaduan = async (strapi: Core.Strapi, input: PengaduanPublik, kunciKlien?: Kunci): Promise<HasilPengaduan> => {
  const settings = pengaduanSettings(strapi);
  const kunci = kunciKlien ? simpanan(settings, kunciKlien, input) : undefined;
  const lupakanKedaluwarsa = kunciKlien?.jenis === 'api';
  if (kunci) {
    const lalu = await ulangan(strapi, settings, kunci, clockNow(), lupakanKedaluwarsa);
    if (lalu) return { ...lalu, baru: false };
  }
  if (input.layanan !== undefined && !(await layananDikenal(strapi, input.layanan))) invalid([LAYANAN_TIDAK_DIKENAL]);
  const scope: IntakeScope = { publik: true, kunci };
  try {
    await intakeScope.run(scope, () =>
      strapi.documents(UID_PENGADUAN as never).create({
        data: { nama: input.nama, kontak: input.kontak, isi: input.isi, ...(input.layanan ? { layanan: input.layanan } : {}) } as never,
      })
    );
  } catch (error: unknown) {
    // A concurrent request with the same key committed first: answer as it did.
    const lalu = kunci ? await ulangan(strapi, settings, kunci, clockNow(), lupakanKedaluwarsa) : null;
    if (!lalu) throw error;
    strapi.log.info(`[pengaduan] kiriman bersamaan dengan kunci yang sama dijawab dengan tiket ${lalu.nomorTiket}.`);
    return { ...lalu, baru: false };
  }
  if (!scope.nomorTiket || !scope.kodeLacak) throw new errors.ApplicationError('Pengaduan gagal dicatat.');
  return { nomorTiket: scope.nomorTiket, kodeLacak: scope.kodeLacak, baru: true, samaIsi: true };
};
