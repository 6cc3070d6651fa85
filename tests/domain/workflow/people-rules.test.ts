import { BERITA, type BeritaFacts } from '../../../src/sop-defs/berita/workflow';
import { DISTRIBUSI, type DistribusiFacts } from '../../../src/sop-defs/distribusi/workflow';
import { KRIPTOGRAM, kriptogramEditorRule } from '../../../src/sop-defs/kriptogram/workflow';
import { KOREKSI, koreksiForUid } from '../../../src/sop-defs/koreksi';
import {
  BATAS_ENTRI,
  BATAS_KOREKSI,
  decideKoreksi,
  describeKoreksi,
  waktuDiterimaProblem,
  withoutKoreksiValues,
  type KoreksiFacts,
} from '../../../src/plugins/sop/server/src/engine/koreksi';
import { rolesListableBy } from '../../../src/sop-defs';
import { ROLE_KEYS, type RoleKey } from '../../../src/domain/roles';
import { availableActions, decide } from '../../../src/plugins/sop/server/src/engine/decide';
import type { Actor } from '../../../src/plugins/sop/server/src/engine/types';

/* The SOP's people rules (issue 10 items 4 and 7), as pure decisions. */

const NOW = new Date('2026-11-02T03:00:00.000Z');
const actor = (roles: readonly RoleKey[], id: number): Actor => ({ id, name: `pengguna-${id}`, roles });
const PIMPINAN = actor(['kasi', 'kabid', 'kadis'], 40);

const berita = (tahap: string, overrides: Partial<BeritaFacts> = {}): BeritaFacts => ({
  tahap,
  penerima: [{ kategori: 'kepala_opd', saluran: 'caraka' }],
  paraf: { kasi: true, kabid: true, kadis: true },
  pemaraf: [],
  caraka: [7],
  distribusi: [{ tahap: 'diterima' }],
  ...overrides,
});

describe('three paraf from three different people', () => {
  it('one person holding Kasi, Kabid and Kepala Dinas gives the first paraf, then is refused (peran → 403) for the others', () => {
    expect(decide(BERITA, berita('diteruskan_ke_kasi', { paraf: {} }), { ke: 'diparaf_kasi' }, PIMPINAN, NOW).ok).toBe(true);
    const kabid = decide(BERITA, berita('diparaf_kasi', { paraf: { kasi: true }, pemaraf: [40] }), { ke: 'diparaf_kabid' }, PIMPINAN, NOW);
    expect(kabid).toMatchObject({ ok: false, reason: 'peran', message: expect.stringMatching(/tiga orang yang berbeda/) });
    const kadis = decide(
      BERITA,
      berita('diparaf_kabid', { paraf: { kasi: true, kabid: true }, pemaraf: [40, 41] }),
      { ke: 'diparaf_kadis' },
      PIMPINAN,
      NOW
    );
    expect(kadis).toMatchObject({ ok: false, reason: 'peran' });
  });

  it('the paraf step is not offered to whoever already gave one, but to another holder of the role', () => {
    const record = berita('diparaf_kasi', { paraf: { kasi: true }, pemaraf: [40] });
    expect(availableActions(BERITA, record, PIMPINAN, NOW).map((action) => action.ke)).not.toContain('diparaf_kabid');
    expect(availableActions(BERITA, record, actor(['kabid'], 41), NOW).map((action) => action.ke)).toContain('diparaf_kabid');
  });

  it('a send-back clears the paraf and who gave them, so the same people initial the new round', () => {
    const back = decide(BERITA, berita('diparaf_kabid', { pemaraf: [40, 41] }), { ke: 'diperiksa', catatan: 'Ulang' }, actor(['kadis'], 42), NOW);
    expect(back.ok && back.effects).toEqual([{ type: 'clearSignatures', dokumen: 'kartuKendali' }]);
  });
});

describe('only the assigned Caraka or the Kasi closes a delivery', () => {
  it.each(['didistribusikan', 'tanda_terima_diserahkan'])('%s: another Caraka gets peran; the assigned one and the Kasi succeed', (ke) => {
    const from = ke === 'didistribusikan' ? 'ditugaskan_ke_caraka' : 'didistribusikan';
    expect(decide(BERITA, berita(from), { ke }, actor(['caraka'], 8), NOW)).toMatchObject({ ok: false, reason: 'peran' });
    expect(decide(BERITA, berita(from), { ke }, actor(['caraka'], 7), NOW).ok).toBe(true);
    expect(decide(BERITA, berita(from), { ke }, actor(['kasi'], 3), NOW).ok).toBe(true);
    expect(availableActions(BERITA, berita(from), actor(['caraka'], 8), NOW)).toEqual([]);
  });

  it('the berita is assigned to the Caraka of its copies; a kriptogram to its Sandiman', () => {
    expect(BERITA.assignees?.(berita('didistribusikan', { caraka: [7, 9] }))).toEqual([7, 9]);
    expect(KRIPTOGRAM.assignees?.({ tahap: 'dideskripsi', sandiman: 5 })).toEqual([5]);
    expect(KRIPTOGRAM.assignees?.({ tahap: 'dilaporkan', sandiman: null })).toEqual([]);
  });
});

describe('a receipt time lies between the assignment and now', () => {
  const copy = (overrides: Partial<DistribusiFacts> = {}): DistribusiFacts => ({
    tahap: 'ditugaskan',
    jenisInduk: 'berita',
    indukTahap: 'ditugaskan_ke_caraka',
    caraka: 7,
    sandiman: null,
    ditugaskanPada: '2026-11-02T01:00:00.000Z',
    ...overrides,
  });
  const receipt = (waktu: string, facts = copy()) =>
    decide(DISTRIBUSI, facts, { ke: 'diterima', data: { diterimaOleh: 'Siti', waktu } }, actor(['caraka'], 7), NOW);

  it.each([
    ['1999', '1999-01-01T02:00:00+07:00'],
    ['an hour before the assignment', '2026-11-02T00:00:00.000Z'],
    ['tomorrow', '2026-11-03T03:00:00.000Z'],
  ])('%s is input (400)', (_name, waktu) => {
    const result = receipt(waktu);
    expect(result).toMatchObject({ ok: false, reason: 'input', issues: [{ path: 'data' }] });
  });

  it.each([
    ['right at the assignment', '2026-11-02T01:00:00.000Z'],
    ['in between', '2026-11-02T09:30:00+07:00'],
    ['now', NOW.toISOString()],
  ])('%s is accepted', (_name, waktu) => {
    expect(receipt(waktu).ok).toBe(true);
  });

  it('without a known assignment time only the future is refused', () => {
    expect(receipt('2020-01-01T00:00:00.000Z', copy({ ditugaskanPada: null })).ok).toBe(true);
  });
});

describe('a kriptogram is edited by its registering Sandiman (before assignment), the assigned Sandiman (after) and the Kasi', () => {
  const pencatat = actor(['sandiman'], 5);
  const lain = actor(['sandiman'], 6);
  it.each([
    ['before assignment, the registering Sandiman', { sandiman: null, pencatat: 5 }, pencatat, true],
    ['before assignment, another Sandiman', { sandiman: null, pencatat: 5 }, lain, false],
    ['after assignment, the assigned Sandiman', { sandiman: 6, pencatat: 5 }, lain, true],
    ['after assignment, the registering Sandiman no longer', { sandiman: 6, pencatat: 5 }, pencatat, false],
    ['the Kasi, always', { sandiman: 6, pencatat: 5 }, actor(['kasi'], 3), true],
    ['an Operator, never', { sandiman: null, pencatat: 9 }, actor(['operator'], 9), false],
    ['registered by the system: only the Kasi', { sandiman: null, pencatat: null }, pencatat, false],
  ] as const)('%s', (_name, record, who, allowed) => {
    expect(kriptogramEditorRule(record, who) === null).toBe(allowed);
  });
});

describe('correcting a registered entry (koreksi)', () => {
  const registered = (overrides: Partial<KoreksiFacts> = {}): KoreksiFacts => ({
    tahap: 'diparaf_kadis',
    terdaftar: true,
    selesai: false,
    nilai: { perihal: 'Undangan rapat', pengirim: 'BSSN', sifat: 'biasa', waktuDiterima: '2026-11-02T01:00:00.000Z' },
    ...overrides,
  });
  const operator = actor(['operator'], 2);

  it('records each changed field with its old and new value; unchanged fields are left out', () => {
    const result = decideKoreksi(
      KOREKSI.berita,
      registered(),
      { catatan: 'Salah ketik perihal', data: { perihal: 'Undangan rapat koordinasi', sifat: 'biasa', waktuDiterima: '2026-11-02T09:00:00+07:00' } },
      operator,
      NOW
    );
    expect(result).toEqual({
      ok: true,
      catatan: 'Salah ketik perihal',
      perubahan: [
        { kolom: 'perihal', lama: 'Undangan rapat', baru: 'Undangan rapat koordinasi' },
        { kolom: 'waktuDiterima', lama: '2026-11-02T01:00:00.000Z', baru: '2026-11-02T02:00:00.000Z' },
      ],
    });
    expect(describeKoreksi('Salah ketik', result.ok ? result.perubahan : [])).toBe(
      'Salah ketik\nKoreksi: perihal "Undangan rapat" → "Undangan rapat koordinasi"; waktuDiterima "2026-11-02T01:00:00.000Z" → "2026-11-02T02:00:00.000Z"'
    );
  });

  it('only the Kasi lowers a classification (it widens who may read); anyone allowed may raise it', () => {
    const lower = { catatan: 'Sifat salah dibaca', data: { sifat: 'biasa' } };
    const rahasia = registered({
      nilai: { perihal: 'Undangan rapat', pengirim: 'BSSN', sifat: 'rahasia', waktuDiterima: '2026-11-02T01:00:00.000Z' },
    });
    expect(decideKoreksi(KOREKSI.berita, rahasia, lower, operator, NOW)).toMatchObject({
      ok: false,
      reason: 'peran',
      message: expect.stringMatching(/Hanya Kasi/),
    });
    expect(decideKoreksi(KOREKSI.berita, rahasia, lower, actor(['kasi'], 3), NOW)).toMatchObject({ ok: true });
    expect(decideKoreksi(KOREKSI.berita, registered(), { catatan: 'Seharusnya rahasia', data: { sifat: 'rahasia' } }, operator, NOW)).toMatchObject({
      ok: true,
    });
  });

  it.each([
    ['no catatan', registered(), { data: { perihal: 'Baru sekali' } }, operator, 'input'],
    ['nothing changed', registered(), { catatan: 'x', data: { sifat: 'biasa' } }, operator, 'input'],
    ['no field at all', registered(), { catatan: 'x', data: {} }, operator, 'input'],
    ['an unknown field', registered(), { catatan: 'x', data: { nomorAgenda: '1' } }, operator, 'input'],
    ['a receipt time in the future', registered(), { catatan: 'x', data: { waktuDiterima: '2026-11-05T00:00:00Z' } }, operator, 'input'],
    ['a receipt time in 1999', registered(), { catatan: 'x', data: { waktuDiterima: '1999-01-01T00:00:00Z' } }, operator, 'input'],
    ['a Caraka', registered(), { catatan: 'x', data: { perihal: 'Baru sekali' } }, actor(['caraka'], 7), 'peran'],
    [
      'not registered yet (a plain edit suffices)',
      registered({ terdaftar: false }),
      { catatan: 'x', data: { perihal: 'Baru sekali' } },
      operator,
      'tahap',
    ],
    ['archived', registered({ selesai: true }), { catatan: 'x', data: { perihal: 'Baru sekali' } }, operator, 'tahap'],
  ] as const)('refuses %s', (_name, record, request, who, reason) => {
    expect(decideKoreksi(KOREKSI.berita, record, request, who, NOW)).toMatchObject({ ok: false, reason });
  });

  it('a kriptogram is corrected only by whoever may edit it', () => {
    const record: KoreksiFacts = {
      tahap: 'dideskripsi',
      terdaftar: true,
      selesai: false,
      nilai: { klasifikasi: 'rahasia' },
      sandiman: 6,
      pencatat: 5,
    };
    const request = { catatan: 'Klasifikasi salah baca', data: { klasifikasi: 'sangat_rahasia' } };
    expect(decideKoreksi(KOREKSI.kriptogram, record, request, actor(['sandiman'], 5), NOW)).toMatchObject({ ok: false, reason: 'peran' });
    expect(decideKoreksi(KOREKSI.kriptogram, record, request, actor(['sandiman'], 6), NOW)).toMatchObject({
      ok: true,
      perubahan: [{ kolom: 'klasifikasi', lama: 'rahasia', baru: 'sangat_rahasia' }],
    });
  });

  it('withholds the old and new values from a reader outside the grant, keeping the note', () => {
    const text = describeKoreksi('Salah ketik', [{ kolom: 'pengirim', lama: 'BSSN', baru: 'BSSN Pusat' }]);
    expect(withoutKoreksiValues(text)).toBe('Salah ketik\nKoreksi: nilai lama dan baru tidak ditampilkan (di luar hak baca Anda).');
    expect(withoutKoreksiValues('Catatan biasa')).toBe('Catatan biasa');
    expect(withoutKoreksiValues(null)).toBeNull();
  });

  it('the frozen fields are classification, subject, sender and receipt time, found by content type', () => {
    expect(koreksiForUid('api::berita.berita')?.kolom).toEqual(['perihal', 'pengirim', 'sifat', 'waktuDiterima']);
    expect(koreksiForUid('api::kriptogram.kriptogram')?.kolom).toEqual(['asal', 'klasifikasi', 'waktuDiterima']);
    expect(koreksiForUid('api::pengaduan.pengaduan')).toBeUndefined();
  });
});

describe('user lists go only to whoever assigns from them', () => {
  it('the Kasi lists Caraka and Sandiman (the assignment steps name them); nobody else lists anyone', () => {
    expect([...rolesListableBy(['kasi'])].sort()).toEqual(['caraka', 'sandiman']);
    for (const role of ROLE_KEYS.filter((key) => key !== 'kasi')) expect([role, [...rolesListableBy([role])]]).toEqual([role, []]);
  });
});

describe('the access matrix states the same rules', () => {
  it('kriptogram edits, delivery closing, user lists and corrections', async () => {
    const { CONTENT_MATRIX, ROUTE_MATRIX, TRANSITION_MATRIX } = await import('../../../src/access/access-matrix');
    const content = (pelaku: string, action: string) =>
      CONTENT_MATRIX.find((cell) => cell.uid === 'api::kriptogram.kriptogram' && cell.action === action && cell.pelaku === pelaku)?.izin;
    expect([content('sandiman', 'update'), content('superAdmin', 'update'), content('superAdmin', 'delete')]).toEqual([
      'ditugaskan',
      'tidak',
      'tidak',
    ]);
    const closing = TRANSITION_MATRIX.find((cell) => cell.subject === 'berita' && cell.ke === 'didistribusikan')!;
    expect([closing.izin.caraka, closing.izin.kasi, closing.izin.operator]).toEqual(['ditugaskan', 'ya', 'tidak']);
    const route = (path: string) => ROUTE_MATRIX.find((cell) => cell.path === path)!.izin;
    expect([route('/sop/pengguna').kasi, route('/sop/pengguna').caraka, route('/sop/pengguna').operator]).toEqual(['ya', 'ya', 'tidak']);
    const berita = route('/sop/berita/:documentId/koreksi');
    expect([berita.operator, berita.kasi, berita.caraka, berita.kabid]).toEqual(['ya', 'ya', 'tidak', 'tidak']);
    const kriptogram = route('/sop/kriptogram/:documentId/koreksi');
    expect([kriptogram.sandiman, kriptogram.kasi, kriptogram.operator, kriptogram.superAdmin]).toEqual(['ditugaskan', 'ya', 'tidak', 'tidak']);
  });
});

describe('a receipt time written by staff is plausible: no future, at most a year (correction) or ten years (entry) back', () => {
  const DAY = 86_400_000;
  const at = (offsetMs: number) => NOW.getTime() + offsetMs;

  it('allows a minute ahead (a workstation clock running fast), not a minute and a millisecond', () => {
    expect(waktuDiterimaProblem(at(60_000), NOW, BATAS_KOREKSI)).toBeNull();
    expect(waktuDiterimaProblem(at(60_001), NOW, BATAS_KOREKSI)).toBe('Waktu diterima tidak boleh di masa depan');
    expect(waktuDiterimaProblem(at(60_001), NOW, BATAS_ENTRI)).toBe('Waktu diterima tidak boleh di masa depan');
  });

  it('allows exactly the bound back and refuses a millisecond more, naming the bound', () => {
    expect(waktuDiterimaProblem(at(-366 * DAY), NOW, BATAS_KOREKSI)).toBeNull();
    expect(waktuDiterimaProblem(at(-366 * DAY - 1), NOW, BATAS_KOREKSI)).toBe('Waktu diterima lebih dari setahun yang lalu');
    expect(waktuDiterimaProblem(at(-3653 * DAY), NOW, BATAS_ENTRI)).toBeNull();
    expect(waktuDiterimaProblem(at(-3653 * DAY - 1), NOW, BATAS_ENTRI)).toBe('Waktu diterima lebih dari sepuluh tahun yang lalu');
  });

  it('a correction refuses what an entry allows: two years back', () => {
    expect(waktuDiterimaProblem(at(-730 * DAY), NOW, BATAS_ENTRI)).toBeNull();
    expect(waktuDiterimaProblem(at(-730 * DAY), NOW, BATAS_KOREKSI)).toMatch(/setahun/);
  });
});
