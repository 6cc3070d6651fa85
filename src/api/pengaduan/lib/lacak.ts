import type { Core } from '@strapi/strapi';
import { normalizeKodeLacak, normalizeNomorTiket } from '../../../domain/pengaduan';
import { readAuditFor, sopRegistryOf } from '../../../plugins/sop/server/src/index';
import { verifyKodeLacak } from './kode-lacak';
import { pengaduanSettings } from './settings';
import { UID_PENGADUAN } from './surat';

/** What the public may see of a complaint: no identity, no content, no internal notes. */
export type HasilLacak = {
  nomorTiket: string;
  status: string;
  riwayat: { status: string; waktu: string }[];
  tanggapan?: string;
};

type Row = { documentId: string; nomorTiket: string; kodeLacakHash: string | null; tahap: string; tanggapan: string | null };

const DUMMY_NOMOR = 'ADU-0000-000000';
const DUMMY_KODE = '0000-0000-0000-0000';
const DUMMY_DOCUMENT = 'tidak-ada';

/**
 * The tracking view of a ticket, or null — for a malformed or unknown ticket and a
 * wrong code alike. The code is always checked (against a placeholder when there is
 * no ticket), in constant time. `riwayat` lists the complaint's moves between workflow
 * states only (never a staff edit or a new tracking code).
 */
export const lacakPengaduan = async (strapi: Core.Strapi, nomorInput: unknown, kodeInput: unknown): Promise<HasilLacak | null> => {
  const nomorTiket = normalizeNomorTiket(nomorInput);
  const kode = normalizeKodeLacak(kodeInput);
  const row = nomorTiket
    ? ((await strapi.db.query(UID_PENGADUAN).findOne({
        where: { nomorTiket },
        select: ['documentId', 'nomorTiket', 'kodeLacakHash', 'tahap', 'tanggapan'],
      })) as Row | null)
    : null;
  const match = verifyKodeLacak(
    pengaduanSettings(strapi),
    { nomorTiket: nomorTiket ?? DUMMY_NOMOR, documentId: row?.documentId ?? DUMMY_DOCUMENT },
    kode ?? DUMMY_KODE,
    row?.kodeLacakHash
  );
  if (!match || !row || !nomorTiket || !kode) return null;
  // the complaint workflow's states, in every version it has run under
  const tahap = new Set(
    sopRegistryOf(strapi)
      .workflowsOf('pengaduan')
      .flatMap((definition) => definition.states.map((state) => state.key))
  );
  const riwayat = (await readAuditFor(strapi.db.connection, 'pengaduan', row.documentId))
    // only the moves between the workflow's states: not a new tracking code (same state), nor
    // staff's content-manager edits ('diubah'), which are the office's business, not the public's
    .filter((entry) => entry.dari !== entry.ke && tahap.has(entry.ke))
    .map((entry) => ({ status: entry.ke, waktu: entry.waktu }));
  return {
    nomorTiket: row.nomorTiket,
    status: row.tahap,
    riwayat,
    ...(row.tahap === 'selesai' && row.tanggapan ? { tanggapan: row.tanggapan } : {}),
  };
};
