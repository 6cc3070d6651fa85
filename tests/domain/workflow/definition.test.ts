import { BERITA, BERITA_DEFINITION, kartuKendaliInput } from '../../../src/sop-defs/berita/workflow';
import { DISTRIBUSI, DISTRIBUSI_DEFINITION, tandaTerimaInput } from '../../../src/sop-defs/distribusi/workflow';
import { KRIPTOGRAM, KRIPTOGRAM_DEFINITION, checklistInput } from '../../../src/sop-defs/kriptogram/workflow';
import { PENGADUAN, PENGADUAN_DEFINITION, tanggapanInput } from '../../../src/sop-defs/pengaduan/workflow';
import { rolesListableBy } from '../../../src/sop-defs';
import { ROLE_KEYS, type RoleKey } from '../../../src/domain/roles';
import { compileWorkflow, inputSchemaOf } from '../../../src/plugins/sop/server/src/engine/compile';
import { hashDefinition, type WorkflowData } from '../../../src/plugins/sop/server/src/engine/definition';
import { canonicalJson } from '../../../src/plugins/sop/server/src/engine/audit-chain';
import { decide, transitionsFrom, type TransitionRequest } from '../../../src/plugins/sop/server/src/engine/decide';
import type { Actor, RecordFacts, WorkflowDefinition } from '../../../src/plugins/sop/server/src/engine/types';
import { validateDefinition } from '../../../src/plugins/sop/server/src/engine/validate';
import { APP_VOCABULARY } from '../../../src/sop-defs/vocabulary';

/* Issue 12: a workflow definition is plain data, checked against a closed vocabulary. */

const NOW = new Date('2026-11-02T03:00:00.000Z');

const SHIPPED: [string, WorkflowData, WorkflowDefinition][] = [
  ['berita', BERITA_DEFINITION, BERITA],
  ['kriptogram', KRIPTOGRAM_DEFINITION, KRIPTOGRAM],
  ['distribusi', DISTRIBUSI_DEFINITION, DISTRIBUSI],
  ['pengaduan', PENGADUAN_DEFINITION, PENGADUAN],
];

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A small valid definition to break one way at a time. */
const base = (): WorkflowData => ({
  model: 'contoh',
  uid: 'api::contoh.contoh',
  title: 'Contoh',
  initial: 'baru',
  states: [
    { key: 'baru', label: 'Baru' },
    { key: 'diperiksa', label: 'Diperiksa' },
    { key: 'selesai', label: 'Selesai', final: true },
  ],
  transitions: [
    {
      from: ['baru'],
      to: 'diperiksa',
      label: 'Periksa',
      roles: ['operator'],
      input: [{ name: 'catatanPeriksa', type: 'teks', label: 'Catatan pemeriksaan', wajib: false, maks: 100 }],
      guards: [{ type: 'factNotEmpty', params: { fakta: 'penerima', pesan: 'Belum ada penerima.' } }],
      effects: [{ type: 'assignAgendaNumber', params: { buku: 'surat-masuk' } }],
    },
    { from: ['diperiksa'], to: 'selesai', label: 'Selesaikan', roles: ['kasi'] },
  ],
});

const refusals = (definition: unknown): { path: string; pesan: string }[] => {
  const verdict = validateDefinition(definition, APP_VOCABULARY);
  if (verdict.ok) throw new Error('definisi diterima, padahal seharusnya ditolak');
  return verdict.masalah;
};

describe('validateDefinition', () => {
  it.each(SHIPPED)('the shipped %s definition validates', (_model, definition) => {
    expect(validateDefinition(definition, APP_VOCABULARY)).toEqual({ ok: true });
  });

  it('the small example validates', () => {
    expect(validateDefinition(base(), APP_VOCABULARY)).toEqual({ ok: true });
  });

  it('refuses an unknown guard type', () => {
    const definition = base();
    definition.transitions[0].guards = [{ type: 'tidakAda' }];
    expect(refusals(definition)).toEqual([{ path: 'transitions[0].guards[0].type', pesan: 'Jenis syarat "tidakAda" tidak dikenal.' }]);
  });

  it('refuses an unknown effect type, actor rule and field type', () => {
    const definition = copy(base()) as unknown as { transitions: { effects: unknown[]; actorRules: unknown[]; input: { type: string }[] }[] };
    definition.transitions[0].effects = [{ type: 'kirimFaks' }];
    definition.transitions[0].actorRules = [{ type: 'hanyaSaya' }];
    const masalah = refusals(definition);
    expect(masalah).toContainEqual({ path: 'transitions[0].effects[0].type', pesan: 'Jenis efek "kirimFaks" tidak dikenal.' });
    expect(masalah).toContainEqual({ path: 'transitions[0].actorRules[0].type', pesan: 'Jenis syarat "hanyaSaya" tidak dikenal.' });
    definition.transitions[0].input[0].type = 'angka';
    expect(refusals(definition)[0]).toMatchObject({ path: 'transitions[0].input[0].type' });
  });

  it('refuses params that fail the entry’s schema', () => {
    const definition = base();
    definition.transitions[0].guards = [{ type: 'factNotEmpty', params: { fakta: 'penerima' } }];
    definition.transitions[0].effects = [{ type: 'assignAgendaNumber', params: { buku: 'surat-masuk', lain: 1 } }];
    const masalah = refusals(definition);
    expect(masalah.map((one) => one.path)).toEqual(['transitions[0].guards[0].params.pesan', 'transitions[0].effects[0].params']);
    expect(masalah[0].pesan).toMatch(/^Parameter syarat "factNotEmpty" tidak sah: /);
    expect(masalah[1].pesan).toMatch(/^Parameter efek "assignAgendaNumber" tidak sah: /);
  });

  it('refuses a transition from or to an unknown state, and an unknown initial state', () => {
    const definition = base();
    definition.transitions[1].from = ['diperiksa', 'hilang'];
    definition.transitions.push({ from: ['diperiksa'], to: 'entah', label: 'Ke mana', roles: ['kasi'] });
    expect(refusals(definition)).toEqual([
      { path: 'transitions[1].from[1]', pesan: 'Tahap asal "hilang" tidak dikenal.' },
      { path: 'transitions[2].to', pesan: 'Tahap tujuan "entah" tidak dikenal.' },
    ]);
    const unknownInitial = base();
    unknownInitial.initial = 'awal';
    expect(refusals(unknownInitial)).toContainEqual({ path: 'initial', pesan: 'Tahap awal "awal" tidak dikenal.' });
  });

  it('refuses a state unreachable from the initial state', () => {
    const definition = base();
    definition.states.push({ key: 'terlupa', label: 'Terlupa', final: true });
    expect(refusals(definition)).toEqual([{ path: 'states[3]', pesan: 'Tahap "terlupa" tidak dapat dicapai dari tahap awal "baru".' }]);
  });

  it('refuses a non-final state with no way out (a dead end)', () => {
    const definition = base();
    definition.states[2].final = false;
    expect(refusals(definition)).toEqual([{ path: 'states[2]', pesan: 'Tahap "selesai" bukan tahap akhir tetapi tidak memiliki langkah keluar.' }]);
  });

  it('refuses duplicate state keys and duplicate field names', () => {
    const definition = base();
    definition.states.push({ key: 'diperiksa', label: 'Diperiksa lagi' });
    definition.transitions[0].input?.push({ name: 'catatanPeriksa', type: 'teksPanjang', label: 'Lagi', wajib: false, maks: 200 });
    const masalah = refusals(definition);
    expect(masalah).toContainEqual({ path: 'states[3].key', pesan: 'Kunci tahap "diperiksa" ganda.' });
    expect(masalah).toContainEqual({ path: 'transitions[0].input[1].name', pesan: 'Nama isian "catatanPeriksa" ganda.' });
  });

  it('refuses an unknown role and a pengguna field without its role', () => {
    const definition = base();
    definition.transitions[1].roles = ['bendahara'];
    definition.transitions[1].input = [{ name: 'petugas', type: 'pengguna', label: 'Petugas', wajib: true }];
    const masalah = refusals(definition);
    expect(masalah).toContainEqual({ path: 'transitions[1].roles[0]', pesan: 'Peran "bendahara" tidak dikenal.' });
    expect(masalah).toContainEqual({ path: 'transitions[1].input[0]', pesan: 'Isian "petugas": isian "pengguna" wajib menyatakan "peran".' });
  });

  it('refuses a wrong shape with the path of the problem', () => {
    expect(refusals({ ...base(), states: 'baru' })[0]).toMatchObject({ path: 'states' });
    expect(refusals(null)).toHaveLength(1);
  });

  it('compileWorkflow refuses an invalid definition, naming every problem', () => {
    const definition = base();
    definition.transitions[0].guards = [{ type: 'tidakAda' }];
    expect(() => compileWorkflow(definition, APP_VOCABULARY)).toThrow(
      'Definisi alur "contoh" tidak sah: transitions[0].guards[0].type: Jenis syarat "tidakAda" tidak dikenal.'
    );
  });
});

// ---------------------------------------------------------------------------
// JSON round trip: the definition is all there is.

const actors: Actor[] = [
  ...ROLE_KEYS.flatMap((role) => [5, 7].map((id) => ({ id, name: `pengguna-${id}`, roles: [role] as RoleKey[] }))),
  { id: 40, name: 'pimpinan', roles: ['kasi', 'kabid', 'kadis'] },
  { id: 5, name: 'sandiman-kasi', roles: ['sandiman', 'kasi'] },
];

const PENERIMA = { kategori: 'kepala_opd', saluran: 'caraka' };
const SALINAN = { perihal: 'Pengamanan kunjungan', isi: 'Isi rahasia', penerima: [{ jabatan: 'Kepala Dinas Kesehatan', ...PENERIMA }] };

const DATA: (unknown | undefined)[] = [
  undefined,
  {},
  { caraka: 7 },
  { caraka: -1 },
  { sandiman: '12' },
  { indeks: 'Undangan', pengolah: 'Seksi Persandian' },
  { diterimaOleh: 'Siti Aminah', waktu: '2026-11-02T09:30:00+07:00', bukti: 15 },
  { diterimaOleh: 'A' },
  { diterimaOleh: 'Siti', waktu: '2030-01-01T00:00:00Z' },
  { tanggapan: 'Terima kasih, laporan Anda telah kami tindak lanjuti.' },
  { tanggapan: 'pendek' },
  { checklist: { cap: true, amplop: true } },
  { checklist: { cap: true, amplop: true, amplopRangkap: true } },
  { checklist: { cap: false, amplop: true } },
  { salinan: SALINAN },
  { salinan: { ...SALINAN, penerima: [{ jabatan: 'Wali Kota', kategori: 'walikota', saluran: 'faksimili' }] } },
];

const FACTS: Record<string, Record<string, unknown>[]> = {
  berita: [
    { penerima: [PENERIMA], paraf: {}, pemaraf: [], caraka: [], distribusi: [] },
    {
      penerima: [PENERIMA, PENERIMA],
      paraf: { kasi: true, kabid: true, kadis: true },
      pemaraf: [40],
      caraka: [7],
      distribusi: [{ tahap: 'diterima' }, { tahap: 'ditugaskan' }],
    },
    { penerima: [PENERIMA], paraf: { kasi: true, kabid: true, kadis: true }, pemaraf: [5, 7, 40], caraka: [7], distribusi: [{ tahap: 'diterima' }] },
    { penerima: [], paraf: { kasi: true }, pemaraf: [7], caraka: [], distribusi: [] },
  ],
  kriptogram: [
    {
      klasifikasi: 'terbatas',
      sandiman: null,
      pencatat: 5,
      adaSalinan: false,
      parafSandiman: false,
      tandaTanganKasi: false,
      jumlahPenerima: 0,
      distribusi: [],
    },
    {
      klasifikasi: 'rahasia',
      sandiman: 5,
      pencatat: 5,
      adaSalinan: true,
      parafSandiman: true,
      tandaTanganKasi: true,
      jumlahPenerima: 1,
      distribusi: [{ tahap: 'diterima' }],
    },
    {
      klasifikasi: 'sangat_rahasia',
      sandiman: 7,
      pencatat: null,
      adaSalinan: true,
      parafSandiman: true,
      tandaTanganKasi: false,
      jumlahPenerima: 2,
      distribusi: [{ tahap: 'ditugaskan' }],
    },
  ],
  distribusi: [
    { jenisInduk: 'berita', indukTahap: 'ditugaskan_ke_caraka', caraka: 7, sandiman: null, ditugaskanPada: '2026-11-01T03:00:00.000Z' },
    { jenisInduk: 'kriptogram', indukTahap: 'dinomori', caraka: null, sandiman: 5, ditugaskanPada: '2026-11-02T03:00:00.000Z' },
    { jenisInduk: 'berita', indukTahap: 'diarsipkan', caraka: 7, sandiman: null, ditugaskanPada: null },
  ],
  pengaduan: [{}],
};

/** A decision without the transition object (compared by its label and target instead). */
const comparable = (definition: WorkflowDefinition, record: RecordFacts, request: TransitionRequest, actor: Actor) => {
  const result = decide(definition, record, request, actor, NOW);
  if (!result.ok) return result;
  const { transition, ...rest } = result;
  return { ...rest, langkah: `${transition.label} → ${transition.to}`, audit: transition.redact ? transition.redact(result.input) : result.input };
};

describe('a definition survives JSON', () => {
  it.each(SHIPPED)('%s: JSON.stringify → parse → compile decides as the original on sample records', (model, definition, original) => {
    const again = compileWorkflow(JSON.parse(JSON.stringify(definition)) as WorkflowData, APP_VOCABULARY);
    const expected: unknown[] = [];
    const actual: unknown[] = [];
    for (const facts of FACTS[model]) {
      for (const state of original.states) {
        const record = { ...facts, tahap: state.key };
        const targets = [...new Set([...transitionsFrom(original, state.key).map((transition) => transition.to), original.initial, 'tidak-ada'])];
        for (const ke of targets) {
          for (const actor of actors) {
            for (const data of DATA) {
              for (const catatan of [undefined, 'Alasan langkah ini.']) {
                const request = { ke, data, catatan };
                expected.push(comparable(original, record, request, actor));
                actual.push(comparable(again, record, request, actor));
              }
            }
          }
        }
      }
    }
    expect(expected.length).toBeGreaterThan(1000);
    expect(expected.filter((decision) => (decision as { ok: boolean }).ok).length).toBeGreaterThan(0);
    // compared as text: one comparison instead of thousands of deep ones
    expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    for (const facts of FACTS[model])
      expect(again.assignees?.({ ...facts, tahap: original.initial })).toEqual(original.assignees?.({ ...facts, tahap: original.initial }));
  });

  it('the compiled definition keeps the field list for the panel and rolesListableBy', () => {
    const assign = BERITA.transitions.find((transition) => transition.to === 'ditugaskan_ke_caraka');
    expect(assign?.fields).toEqual([{ name: 'caraka', type: 'pengguna', label: 'Caraka yang ditugaskan', wajib: true, peran: 'caraka' }]);
    expect([...rolesListableBy(['kasi'])].sort()).toEqual(['caraka', 'sandiman']);
  });
});

describe('hashDefinition', () => {
  it.each(SHIPPED)('%s: a sha256 hex that JSON, key order and whitespace do not change', (_model, definition) => {
    const hash = hashDefinition(definition);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashDefinition(JSON.parse(JSON.stringify(definition, null, 2)) as WorkflowData)).toBe(hash);
    const reordered = JSON.parse(canonicalJson(definition), (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value
    ) as WorkflowData;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(definition)[0]);
    expect(hashDefinition(reordered)).toBe(hash);
  });

  it('changes when the content changes', () => {
    const changed = copy(BERITA_DEFINITION);
    changed.transitions[0].label = 'Periksa isi, tujuan, dan lampiran';
    expect(hashDefinition(changed)).not.toBe(hashDefinition(BERITA_DEFINITION));
    expect(new Set(SHIPPED.map(([, definition]) => hashDefinition(definition))).size).toBe(SHIPPED.length);
  });

  it('is deterministic: the canonical JSON sorts keys at every depth', () => {
    expect(hashDefinition(base())).toBe(hashDefinition(copy(base())));
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }] })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
  });
});

describe('field types build the step’s input schema', () => {
  const issue = (schema: { safeParse: (value: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) =>
    schema.safeParse(value).error?.issues[0]?.message;

  it('text limits and messages are Indonesian, from the field', () => {
    expect(issue(kartuKendaliInput, { indeks: 'x'.repeat(101) })).toBe('indeks paling banyak 100 karakter');
    expect(issue(kartuKendaliInput, { indeks: 12 })).toBe('indeks harus berupa teks');
    expect(kartuKendaliInput.safeParse({ indeks: '  Undangan  ' }).data).toEqual({ indeks: 'Undangan' });
    expect(issue(tanggapanInput, {})).toBe('tanggapan wajib diisi');
    expect(issue(tanggapanInput, { tanggapan: 'pendek' })).toBe('tanggapan minimal 10 karakter');
    expect(issue(tanggapanInput, { tanggapan: 'x'.repeat(5001) })).toBe('tanggapan paling banyak 5000 karakter');
    expect(issue(tanggapanInput, { tanggapan: 'Tanggapan\u0007 yang cukup panjang' })).toBe('tanggapan memuat karakter kendali');
    expect(issue(tandaTerimaInput, {})).toBe('nama penerima wajib diisi');
    expect(issue(tandaTerimaInput, { diterimaOleh: 'Siti', waktu: 'kemarin' })).toBe('waktu harus tanggal dan waktu ISO 8601 dengan zona waktu');
  });

  it('a checklist refuses a missing required tick with its message, and unknown ticks', () => {
    expect(issue(checklistInput, { checklist: { cap: true, amplop: false } })).toBe('amplop wajib disegel');
    expect(checklistInput.safeParse({ checklist: { cap: true, amplop: true, lain: true } }).success).toBe(false);
    const schema = inputSchemaOf(
      [{ name: 'periksa', type: 'checklist', label: 'Periksa', wajib: true, items: [{ name: 'stempel', label: 'Stempel dibubuhkan', wajib: true }] }],
      APP_VOCABULARY
    );
    expect(schema && issue(schema, { periksa: {} })).toBe('Stempel dibubuhkan wajib dicentang');
  });

  it('a step is strict: a field it does not declare is refused', () => {
    expect(tandaTerimaInput.safeParse({ diterimaOleh: 'Siti', lain: 1 }).success).toBe(false);
    expect(inputSchemaOf([], APP_VOCABULARY)).toBeUndefined();
  });

  it('every vocabulary entry has an Indonesian description for the definitions view and the designer', () => {
    const entries = [APP_VOCABULARY.guards, APP_VOCABULARY.effects, APP_VOCABULARY.fieldTypes, APP_VOCABULARY.redactions].flatMap((map) =>
      Object.entries(map).map(([name, entry]) => [name, entry?.describe])
    );
    expect(entries.filter(([, describe]) => !describe)).toEqual([]);
    expect(Object.keys(APP_VOCABULARY.fieldTypes).sort()).toEqual(['berkas', 'checklist', 'pengguna', 'salinan', 'teks', 'teksPanjang', 'waktu']);
  });
});
