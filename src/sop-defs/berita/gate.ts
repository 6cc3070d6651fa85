import { errors } from '@strapi/utils';
import { checkSaluran, type Penerima } from '../../domain/penerima';
import type { GateHooks, WriteScreen } from '../../plugins/sop/server/src/index';

/** States in which a berita's recipients may still change: once printed, the copies follow the list. */
export const PENERIMA_EDITABLE_IN: readonly string[] = ['diterima', 'diperiksa'];

type StoredPenerima = { nama?: unknown; jabatan?: unknown; kategori?: unknown; saluran?: unknown; alamat?: unknown };

const comparablePenerima = (list: unknown): string =>
  JSON.stringify(
    ((list as StoredPenerima[] | undefined) ?? []).map(({ nama, jabatan, kategori, saluran, alamat }) => ({
      nama: nama ?? null,
      jabatan: jabatan ?? null,
      kategori,
      saluran,
      alamat: alamat ?? null,
    }))
  );

/**
 * After printing, the recipients stay as printed (an echo of the stored list is dropped;
 * a change is refused 403); every list written must use an allowed channel per category (400).
 */
const penerimaScreen: WriteScreen = async (strapi, write) => {
  const { data } = write;
  if (write.action === 'update' && 'penerima' in data && write.current && !PENERIMA_EDITABLE_IN.includes(String(write.current.tahap))) {
    const existing = (await strapi.db.query(write.uid as never).findOne({ where: { documentId: write.documentId }, populate: ['penerima'] })) as {
      penerima?: unknown[];
    } | null;
    if (comparablePenerima(data.penerima) !== comparablePenerima(existing?.penerima)) {
      throw new errors.PolicyError('Penerima tidak dapat diubah setelah surat dicetak; kembalikan naskah ke tahap "Diperiksa" terlebih dahulu.', {
        fields: ['penerima'],
      });
    }
    delete data.penerima;
  }
  if (!Array.isArray(data.penerima)) return;
  const problem = checkSaluran(data.penerima as Penerima[]);
  if (problem) throw new errors.ValidationError(problem, { field: 'penerima' });
};

/** The berita's gate hooks: its recipients. */
export const BERITA_GATE: GateHooks = { screens: [penerimaScreen] };
