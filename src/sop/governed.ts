import { BERITA } from '../domain/sop/berita';
import { DISTRIBUSI } from '../domain/sop/distribusi';
import { KRIPTOGRAM } from '../domain/sop/kriptogram';
import { PENGADUAN } from '../domain/sop/pengaduan';
import type { WorkflowDefinition } from '../domain/workflow/types';

/** How the workflow gate treats one content type. */
export type GovernedType = {
  uid: string;
  definition?: WorkflowDefinition;
  /** fields only the transition service writes */
  serverOwned: readonly string[];
  /** records are created and deleted only by transitions (copies, cards) */
  transitionOnly: boolean;
  /** `tenggat` = one service day after `waktuDiterima` (set by the gate on create and when the time is corrected) */
  slaFromReceipt?: boolean;
  /** states in which recipients may still change */
  penerimaEditableIn?: readonly string[];
  /** server-owned fields the mailbox intake sets when it creates the record (src/intake) */
  intakeOwned?: readonly string[];
  /** the type's own middleware writes the creation's audit row (complaints: with the ticket number) */
  auditsOwnCreation?: boolean;
};

export const GOVERNED_TYPES: Readonly<Record<string, GovernedType>> = {
  'api::berita.berita': {
    uid: 'api::berita.berita',
    definition: BERITA,
    serverOwned: ['tahap', 'nomorAgenda', 'tahunAgenda', 'urutAgenda', 'waktuAgenda', 'jumlahCetak', 'tenggat', 'versi', 'kartuKendali', 'distribusi', 'emlSha256', 'messageId'],
    transitionOnly: false,
    slaFromReceipt: true,
    penerimaEditableIn: ['diterima', 'diperiksa'],
    intakeOwned: ['emlSha256', 'messageId'],
  },
  'api::kriptogram.kriptogram': {
    uid: 'api::kriptogram.kriptogram',
    definition: KRIPTOGRAM,
    serverOwned: ['tahap', 'nomorAgenda', 'tahunAgenda', 'urutAgenda', 'waktuAgenda', 'tenggat', 'versi', 'sandimanId', 'sandimanNama', 'salinan', 'distribusi'],
    transitionOnly: false,
    slaFromReceipt: true,
  },
  'api::salinan.salinan': {
    uid: 'api::salinan.salinan',
    serverOwned: [
      'nomor',
      'perihal',
      'klasifikasi',
      'isi',
      'berkas',
      'berkasNama',
      'berkasTipe',
      'lampiran',
      'penerima',
      'jumlahSalinan',
      'parafSandiman',
      'tandaTanganKasi',
      'capDinas',
      'amplopDisegel',
      'amplopRangkap',
      'diarsipkan',
      'kriptogram',
    ],
    transitionOnly: true,
  },
  'api::kartu-kendali.kartu-kendali': {
    uid: 'api::kartu-kendali.kartu-kendali',
    serverOwned: ['parafKasi', 'parafKabid', 'parafKadis', 'nomorUrut', 'berita', 'jenis', 'tanggal'],
    transitionOnly: true,
  },
  'api::distribusi.distribusi': {
    uid: 'api::distribusi.distribusi',
    definition: DISTRIBUSI,
    serverOwned: [
      'tahap',
      'versi',
      'carakaId',
      'carakaNama',
      'diterimaOleh',
      'waktuDiterima',
      'bukti',
      'berita',
      'kriptogram',
      'nomorSurat',
      'nomorSalinan',
      'jumlahSalinan',
      'penerima',
    ],
    transitionOnly: true,
  },
  'api::pengaduan.pengaduan': {
    uid: 'api::pengaduan.pengaduan',
    definition: PENGADUAN,
    serverOwned: [
      'tahap',
      'nomorTiket',
      'kodeLacakHash',
      'tenggat',
      'tenggatPengakuan',
      'tenggatRespons',
      'tenggatPenyelesaian',
      'versi',
      'tanggapan',
    ],
    transitionOnly: false,
    auditsOwnCreation: true,
  },
};
