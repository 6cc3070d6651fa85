import type { ViewExtension } from '../../plugins/sop/server/src/index';
import { ALLOWED_SALURAN, KATEGORI_LABEL, KATEGORI_PENERIMA, SALURAN_LABEL } from '../../domain/penerima';
import { mayReadPlaintext } from '../../domain/berkas';

/** A recipient's categories, each with the channels the SOP allows it (steps 8–9), for the panel's salinan editor. */
export const pilihanPenerima = () =>
  KATEGORI_PENERIMA.map((kategori) => ({
    nilai: kategori,
    label: KATEGORI_LABEL[kategori],
    saluran: ALLOWED_SALURAN[kategori].map((saluran) => ({ nilai: saluran, label: SALURAN_LABEL[saluran] })),
  }));

/**
 * What the kriptogram's record view adds: the recipient choices of the salinan editor, and —
 * for the assigned Sandiman and the Kasi only — that the plaintext may be read and where
 * (`GET /sop/kriptogram/:documentId/isi`, audited); null for anyone else.
 */
export const kriptogramView: ViewExtension = async (_strapi, { documentId, record, actor }) => {
  const bolehBacaIsi = Boolean(record.row.salinan) && mayReadPlaintext(actor, (record.row.sandimanId as number | null) ?? null);
  return {
    pilihanPenerima: pilihanPenerima(),
    bolehBacaIsi,
    isiUrl: bolehBacaIsi ? `/sop/kriptogram/${encodeURIComponent(documentId)}/isi` : null,
  };
};
