import type { Core } from '@strapi/strapi';
import { isEmailKontak } from '../../../domain/pengaduan';
import { usersWithRole, adminLink, formatWaktu, sendMail, readAuditFor, now as clockNow } from '../../../plugins/sop/server/src/index';
import { sendTextMail, type TextMail } from '../../../mail';
import { pengaduanSettings } from './settings';

export const UID_PENGADUAN = 'api::pengaduan.pengaduan';
const LOG_PROVIDER = '@meja-sandi/provider-email-log';

const FOOTER = [
  '',
  'Identitas Anda dirahasiakan dan hanya dapat dilihat oleh petugas pengaduan.',
  'Pesan ini dikirim otomatis oleh Meja Sandi, Seksi Persandian dan Keamanan Informasi; mohon tidak membalas e-mail ini.',
];

/**
 * Sends a mail to a complainant. Without SMTP the project's log provider would print
 * the whole message — the tracking code and the complainant's address — to the log,
 * so only the fact that it was not sent is logged.
 */
export const smtpAktif = (strapi: Core.Strapi): boolean =>
  (strapi.config.get('plugin::email') as { provider?: string } | undefined)?.provider !== LOG_PROVIDER;

const kirim = async (strapi: Core.Strapi, nomorTiket: string, mail: TextMail): Promise<void> => {
  if (!smtpAktif(strapi)) {
    strapi.log.info(
      `[pengaduan] SMTP belum diatur; e-mail "${mail.subject}" untuk pelapor ${nomorTiket} tidak dikirim (isinya tidak dicatat: memuat identitas dan kode lacak).`
    );
    return;
  }
  await sendTextMail(strapi, mail);
};

export const trackingUrl = (strapi: Core.Strapi, nomorTiket: string): string =>
  `${pengaduanSettings(strapi).publicUrl}/pengaduan/lacak?nomor=${encodeURIComponent(nomorTiket)}`;

export type TandaTerima = {
  nomorTiket: string;
  kodeLacak: string;
  nama: string;
  kontak: string | null;
  diterima: Date;
  tenggatPengakuan: Date;
  tenggatRespons: Date;
  tenggatPenyelesaian: Date;
};

/** On receipt: the ticket, the tracking code (sent only here) and the tracking page. */
export const kirimTandaTerima = async (strapi: Core.Strapi, terima: TandaTerima): Promise<void> => {
  if (!terima.kontak || !isEmailKontak(terima.kontak)) return;
  await kirim(strapi, terima.nomorTiket, {
    to: terima.kontak,
    subject: `[Meja Sandi] Pengaduan ${terima.nomorTiket} telah diterima`,
    text: [
      `Yth. ${terima.nama},`,
      '',
      `Pengaduan Anda telah kami terima pada ${formatWaktu(terima.diterima)}.`,
      '',
      `Nomor tiket : ${terima.nomorTiket}`,
      `Kode lacak  : ${terima.kodeLacak}`,
      '',
      'Simpan kode lacak ini: kode hanya diberikan sekali dan diperlukan untuk melihat perkembangan pengaduan.',
      `Lacak pengaduan Anda di: ${trackingUrl(strapi, terima.nomorTiket)}`,
      '',
      `Pengaduan akan mulai ditangani paling lambat ${formatWaktu(terima.tenggatPengakuan)},`,
      `ditanggapi paling lambat ${formatWaktu(terima.tenggatRespons)},`,
      `dan diselesaikan paling lambat ${formatWaktu(terima.tenggatPenyelesaian)} (dihitung dalam hari kerja).`,
      'Layanan pengaduan tidak dipungut biaya.',
      ...FOOTER,
    ].join('\n'),
  });
};

type PengaduanSelesaiRow = { nomorTiket: string | null; nama: string | null; kontak: string | null; tanggapan: string | null; tahap: string };

/** After a complaint is closed (selesai or ditolak): the answer, or the reason it was refused. */
export const kirimHasil = async (strapi: Core.Strapi, documentId: string): Promise<void> => {
  const row = (await strapi.db.query(UID_PENGADUAN).findOne({
    where: { documentId },
    select: ['nomorTiket', 'nama', 'kontak', 'tanggapan', 'tahap'],
  })) as PengaduanSelesaiRow | null;
  if (!row?.nomorTiket || !row.kontak || !isEmailKontak(row.kontak)) return;
  const nomorTiket = row.nomorTiket;
  const akhir = (await readAuditFor(strapi.db.connection, 'pengaduan', documentId)).filter((entry) => entry.ke === row.tahap).pop();
  const waktu = akhir ? formatWaktu(akhir.waktu) : formatWaktu(clockNow());
  const isi =
    row.tahap === 'selesai'
      ? [`Pengaduan Anda telah diselesaikan pada ${waktu}.`, '', 'Tanggapan:', row.tanggapan ?? '-']
      : [`Mohon maaf, pengaduan Anda tidak dapat ditindaklanjuti (ditolak) pada ${waktu}.`, '', 'Alasan:', akhir?.catatan ?? '-'];
  await kirim(strapi, nomorTiket, {
    to: row.kontak,
    subject: `[Meja Sandi] Pengaduan ${nomorTiket}: ${row.tahap === 'selesai' ? 'Selesai' : 'Ditolak'}`,
    text: [
      `Yth. ${row.nama ?? 'Bapak/Ibu'},`,
      '',
      `Nomor tiket: ${nomorTiket}`,
      ...isi,
      '',
      `Riwayat pengaduan: ${trackingUrl(strapi, nomorTiket)}`,
      ...FOOTER,
    ].join('\n'),
  });
};

/**
 * A new complaint from the public: every Petugas Pengaduan hears of it at once (the
 * acknowledgment clock is running). Ticket, deadline and link only — no identity, no text.
 */
export const kabariPetugas = async (strapi: Core.Strapi, documentId: string, nomorTiket: string, tenggatPengakuan: Date): Promise<void> => {
  // the holders are kept briefly per process (usersWithRole): a burst of complaints reads them once
  const petugas = (await usersWithRole(strapi, 'petugasPengaduan')).filter((user) => user.email);
  for (const user of petugas) {
    await sendMail(
      strapi,
      user.email!,
      `[Meja Sandi] Pengaduan baru ${nomorTiket}`,
      [
        'Yth. Petugas Pengaduan,',
        '',
        `Pengaduan baru ${nomorTiket} masuk melalui formulir web.`,
        `Mulai tangani (langkah "Proses pengaduan") paling lambat ${formatWaktu(tenggatPengakuan)}.`,
        '',
        `Buka pengaduan: ${adminLink(strapi, UID_PENGADUAN, documentId)}`,
        '',
        'Pesan ini dikirim otomatis oleh Meja Sandi; identitas pelapor hanya tampil di panel admin.',
      ].join('\n')
    );
  }
};

export const logMailFailure = (strapi: Core.Strapi, nomor: string) => (error: unknown) =>
  strapi.log.error(`[pengaduan] e-mail untuk pelapor ${nomor} gagal dikirim: ${error instanceof Error ? error.message : String(error)}`);
