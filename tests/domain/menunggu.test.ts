import fs from 'fs';
import path from 'path';
import { statesAwaiting } from '../../src/domain/menunggu';
import { ENUM_LABELS, enumLabel, enumValueLabels } from '../../src/domain/labels';
import { WORKFLOWS } from '../../src/sop-defs';
import type { WorkflowDefinition } from '../../src/plugins/sop/server/src/engine/types';

const ROOT = path.resolve(__dirname, '..', '..');
type Schema = { attributes: Record<string, { type: string; enum?: string[] }> };
/** Every schema with an enumeration: the content types and components. */
const SCHEMAS = [
  'src/api/berita/content-types/berita/schema.json',
  'src/api/kriptogram/content-types/kriptogram/schema.json',
  'src/api/distribusi/content-types/distribusi/schema.json',
  'src/api/salinan/content-types/salinan/schema.json',
  'src/api/pengaduan/content-types/pengaduan/schema.json',
  'src/api/hari-libur/content-types/hari-libur/schema.json',
  'src/api/kartu-kendali/content-types/kartu-kendali/schema.json',
  'src/components/naskah/penerima.json',
  'src/components/layanan/jam-layanan.json',
];

/** The definitions as `GET /sop/definitions` serves their steps (src/sop/views.ts `transisi`). */
const langkahOf = (definition: WorkflowDefinition) =>
  definition.transitions.map((transition) => ({ dari: transition.from, jenis: transition.kind ?? 'maju', peran: transition.roles }));

describe('what waits for a role (the default filter of its lists)', () => {
  it("the Kasi's berita list: paraf and assigning the Caraka, not the Caraka's steps the Kasi may stand in for", () => {
    expect(statesAwaiting(langkahOf(WORKFLOWS.berita), ['kasi'])).toEqual(['diteruskan_ke_kasi', 'diparaf_kadis']);
  });

  it("the Caraka's copies wait while assigned; the Kabid's berita after the Kasi's paraf", () => {
    expect(statesAwaiting(langkahOf(WORKFLOWS.distribusi), ['caraka'])).toEqual(['ditugaskan']);
    expect(statesAwaiting(langkahOf(WORKFLOWS.berita), ['kabid'])).toEqual(['diparaf_kasi']);
    expect(statesAwaiting(langkahOf(WORKFLOWS.berita), ['caraka'])).toEqual(['ditugaskan_ke_caraka', 'didistribusikan']);
  });

  it('nothing for a role that takes no forward step (send-backs and voiding do not count)', () => {
    expect(statesAwaiting(langkahOf(WORKFLOWS.berita), [])).toEqual([]);
    expect(statesAwaiting(langkahOf(WORKFLOWS.berita), ['petugasPengaduan'])).toEqual([]);
  });
});

describe('enumeration labels', () => {
  it('every enumeration value of every schema that is not an SOP state has an Indonesian label', () => {
    const schemas = SCHEMAS.map((file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Schema);
    const missing: string[] = [];
    for (const schema of schemas) {
      for (const [field, attribute] of Object.entries(schema.attributes)) {
        if (attribute.type !== 'enumeration' || field === 'tahap') continue;
        for (const value of attribute.enum ?? []) if (!ENUM_LABELS[field]?.[value]) missing.push(`${field}.${value}`);
      }
    }
    expect(missing).toEqual([]);
    expect(enumLabel('saluran', 'surat_online')).toBe('Aplikasi surat online');
    expect(enumLabel('kategori', 'kepala_opd')).toBe('Kepala OPD');
    expect(enumLabel('saluran', 'tidak_dikenal')).toBe('tidak_dikenal');
  });

  it('one label per stored value for the forms: states from the workflows, a shared label where they differ', () => {
    const labels = enumValueLabels(
      Object.values(WORKFLOWS).flatMap((definition) => definition.states.map((state) => [state.key, state.label] as const)),
      { diterima: 'Diterima' }
    );
    expect(labels.diteruskan_ke_kasi).toBe('Diteruskan ke Kasi');
    expect(labels.diterima).toBe('Diterima');
    expect(labels.surat_online).toBe('Aplikasi surat online');
    expect(labels.amat_segera).toBe('Amat Segera');
  });
});
