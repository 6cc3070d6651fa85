import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { errors } from '@strapi/utils';
import { DEFAULT_AGENDA_FORMAT, formatNumber, numberMoment } from '../domain/numbering';
import { localDate } from '../domain/calendar';
import type { Effect } from '../plugins/sop/server/src/engine/types';
import { tenggatAktif } from '../domain/pengaduan';
import { kirimHasil, logMailFailure } from '../api/pengaduan/lib/surat';
import { requireActiveRole, type StaffActor } from '../plugins/sop/server/src/services/actor';
import { KRIPTOGRAM_EFFECTS, clearSalinanSignatures, signSalinan } from './effects-kriptogram';
import { assertBuktiFree, normaliseBukti } from './bukti';
import { nextAgendaNumber } from '../plugins/sop/server/src/services/tables';
import { ringkasanSalinan } from '../sop-defs/distribusi/ringkasan';
import type { BeritaRow, LoadedRecord, PengaduanRow } from './records';

export type EffectContext = {
  strapi: Core.Strapi;
  trx: Knex.Transaction;
  model: string;
  uid: string;
  record: LoadedRecord;
  actor: StaffActor;
  now: Date;
  /**
   * Queues work to run after every effect and the audit row, as the transaction's last
   * statements: for locks that must stay (the agenda counter), so they are held only
   * from there to the commit.
   */
  atEnd: (work: () => Promise<void>) => void;
};

export type EffectHandler = (effect: Effect, context: EffectContext) => Promise<void>;

const TINGKAT_FIELD: Record<string, 'parafKasi' | 'parafKabid' | 'parafKadis'> = {
  kasi: 'parafKasi',
  kabid: 'parafKabid',
  kadis: 'parafKadis',
};

/** The roles `assignUser` may assign: each record type keeps `<peran>Id` and `<peran>Nama` columns. */
const ASSIGNABLE = ['sandiman', 'caraka'] as const;

const requireCaraka = (strapi: Core.Strapi, id: unknown): Promise<StaffActor> => requireActiveRole(strapi, id, 'caraka');

const beritaRow = (record: LoadedRecord): BeritaRow => record.row as unknown as BeritaRow;

/** Carries out the effects a decision names; each runs inside the transition's transaction. */
export const EFFECT_HANDLERS: Readonly<Record<string, EffectHandler>> = {
  ...KRIPTOGRAM_EFFECTS,
  async setJumlahCetak(effect, { strapi, record }) {
    await strapi.db.query('api::berita.berita').update({ where: { id: record.id }, data: { jumlahCetak: Number(effect.jumlah) } });
  },

  // Drawn at the end of the step's transaction (atEnd): the counter row stays locked from the
  // draw to the commit, and every other request for the same book waits on it.
  async assignAgendaNumber(effect, { strapi, trx, uid, record, now, atEnd }) {
    if (record.nomorAgenda) return; // a berita sent back and registered again keeps its number
    const buku = String(effect.buku);
    const moment = numberMoment(now);
    const pattern = (strapi.config.get('meja-sandi.agendaFormat') as string | undefined) ?? DEFAULT_AGENDA_FORMAT;
    atEnd(async () => {
      const nomor = await nextAgendaNumber(trx, buku, moment.tahun);
      const nomorAgenda = formatNumber(pattern, { nomor, ...moment });
      await strapi.db.query(uid as never).update({
        where: { id: record.id },
        data: { nomorAgenda, tahunAgenda: moment.tahun, urutAgenda: nomor, waktuAgenda: now.toISOString() },
      });
      record.nomorAgenda = nomorAgenda;
    });
  },

  async createKartuKendali(effect, { strapi, record, now }) {
    const berita = beritaRow(record);
    const isian = (effect.isian ?? {}) as Record<string, string | undefined>;
    const fields = {
      indeks: isian.indeks,
      kodeKlasifikasi: isian.kodeKlasifikasi,
      pengolah: isian.pengolah,
      catatan: isian.catatan,
    };
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (berita.kartuKendali) {
      await strapi.documents('api::kartu-kendali.kartu-kendali').update({ documentId: berita.kartuKendali.documentId, data: defined });
      return;
    }
    const rahasia = berita.sifat === 'rahasia' || berita.sifat === 'sangat_rahasia';
    await strapi.documents('api::kartu-kendali.kartu-kendali').create({
      data: {
        jenis: rahasia ? 'lembar_pengantar' : 'kartu_kendali',
        nomorUrut: record.nomorAgenda ?? berita.nomorAgenda ?? '',
        tanggal: localDate(now),
        isiRingkas: berita.isiRingkas ?? berita.perihal,
        lampiran: '',
        dari: berita.pengirim,
        kepada: 'Kepala Dinas Komunikasi dan Informatika',
        ...defined,
        berita: berita.id,
      } as never,
    });
  },

  /**
   * The acting person's signature: `{ tingkat }` a paraf on the berita's kartu kendali,
   * `{ tanda }` the Sandiman's paraf or the Kasi's signature on the kriptogram's salinan.
   */
  async recordSignature(effect, context) {
    if (effect.tingkat === undefined) return signSalinan(effect, context);
    const { strapi, record, actor, now } = context;
    const kartu = beritaRow(record).kartuKendali;
    if (!kartu) throw new errors.ApplicationError('Kartu kendali belum dibuat.');
    const field = TINGKAT_FIELD[String(effect.tingkat)];
    await strapi.documents('api::kartu-kendali.kartu-kendali').update({
      documentId: kartu.documentId,
      data: { [field]: { userId: actor.id, nama: actor.name, peran: actor.peran, waktu: now.toISOString() } } as never,
    });
  },

  /** A send-back clears the signatures of `dokumen`: the kartu kendali's paraf, or the salinan's. */
  async clearSignatures(effect, context) {
    if (effect.dokumen === 'salinan') return clearSalinanSignatures(effect, context);
    const { strapi, record } = context;
    const kartu = beritaRow(record).kartuKendali;
    if (!kartu) return;
    await strapi.documents('api::kartu-kendali.kartu-kendali').update({
      documentId: kartu.documentId,
      data: { parafKasi: null, parafKabid: null, parafKadis: null } as never,
    });
  },

  async createDistribusi(effect, { strapi, record }) {
    const berita = beritaRow(record);
    const caraka = await requireCaraka(strapi, effect.caraka);
    if ((berita.distribusi ?? []).length > 0) return;
    const total = berita.penerima.length;
    for (const [index, penerima] of berita.penerima.entries()) {
      await strapi.documents('api::distribusi.distribusi').create({
        data: {
          penerima: { nama: penerima.nama, jabatan: penerima.jabatan, kategori: penerima.kategori, saluran: penerima.saluran, alamat: penerima.alamat },
          ...ringkasanSalinan(penerima, { nomorAgenda: record.nomorAgenda ?? berita.nomorAgenda, perihal: berita.perihal }, index + 1),
          nomorSalinan: index + 1,
          jumlahSalinan: total,
          tahap: 'ditugaskan',
          versi: 0,
          carakaId: caraka.id,
          carakaNama: caraka.name,
          berita: berita.id,
        } as never,
      });
    }
  },

  async recordReceipt(effect, { strapi, trx, record, actor }) {
    if (effect.bukti) {
      await assertBuktiFree(strapi, trx, Number(effect.bukti), actor);
      await normaliseBukti(strapi, Number(effect.bukti));
    }
    await strapi.db.query('api::distribusi.distribusi').update({
      where: { id: record.id },
      data: {
        diterimaOleh: String(effect.diterimaOleh),
        waktuDiterima: String(effect.waktu),
        ...(effect.bukti ? { bukti: Number(effect.bukti) } : {}),
      },
    });
  },

  /**
   * `{ [peran]: id }`: the active user of that role takes the record — the Sandiman who
   * describes a kriptogram, the Caraka of a failed copy (columns `<peran>Id`, `<peran>Nama`).
   */
  async assignUser(effect, { strapi, uid, record }) {
    const peran = ASSIGNABLE.find((role) => effect[role] !== undefined);
    if (!peran) throw new errors.ApplicationError('Efek assignUser tanpa pengguna yang ditugaskan.');
    const user = await requireActiveRole(strapi, effect[peran], peran);
    await strapi.db.query(uid as never).update({
      where: { id: record.id },
      data: { [`${peran}Id`]: user.id, [`${peran}Nama`]: user.name },
    });
  },

  async setTanggapan(effect, { strapi, uid, record }) {
    await strapi.db.query(uid as never).update({ where: { id: record.id }, data: { tanggapan: String(effect.tanggapan) } });
  },

  async perbaruiTenggat(effect, { strapi, uid, record }) {
    const row = record.row as unknown as PengaduanRow;
    await strapi.db.query(uid as never).update({ where: { id: record.id }, data: { tenggat: tenggatAktif(String(effect.tahap), row) } });
  },

  /** The complainant hears of the outcome once the step has committed, never for a step that rolled back. */
  async notifyComplainant(_effect, { strapi, record }) {
    await strapi.db.transaction(async ({ onCommit }) => {
      onCommit(() => {
        kirimHasil(strapi, record.documentId).catch(logMailFailure(strapi, record.nomorAgenda ?? record.documentId));
      });
    });
  },
};
