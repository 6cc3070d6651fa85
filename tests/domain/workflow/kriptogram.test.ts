import fc from 'fast-check';
import type { z } from 'zod';
import { DISTRIBUSI, type DistribusiFacts } from '../../../src/sop-defs/distribusi/workflow';
import {
  KLASIFIKASI,
  KRIPTOGRAM,
  needsDoubleEnvelope,
  type Klasifikasi,
  type KriptogramFacts,
  type salinanInput,
} from '../../../src/sop-defs/kriptogram/workflow';
import { workflowFor } from '../../../src/sop-defs';
import { ALLOWED_SALURAN, KATEGORI_PENERIMA, SALURAN } from '../../../src/domain/penerima';
import { ROLE_KEYS, type RoleKey } from '../../../src/domain/roles';
import { availableActions, decide, findTransition, transitionsFrom, type TransitionRequest } from '../../../src/plugins/sop/server/src/engine/decide';
import type { Actor, Decision, Effect, RecordFacts, Refusal, Transition, WorkflowDefinition } from '../../../src/plugins/sop/server/src/engine/types';

const NOW = new Date('2026-11-02T03:00:00.000Z');
const RUNS = 500;
const KASI_ID = 2;
const SANDIMAN_IDS = [3, 4, 5] as const;
const CARAKA_IDS = [7, 8] as const;
const SANDIMAN = 5;
const SANDIMAN_LAIN = 6;

type SalinanData = z.input<typeof salinanInput>;
type PenerimaData = SalinanData['penerima'][number];

const actor = (roles: readonly RoleKey[], id = SANDIMAN): Actor => ({ id, name: `pengguna-${id}`, roles });
/** The Kasi is another person than the assigned Sandiman (four eyes on the pengantar). */
const KASI = 9;
const idFor = (role: RoleKey): number => (role === 'kasi' ? KASI : SANDIMAN);

const WALIKOTA: PenerimaData = { nama: 'Bapak Wali Kota', jabatan: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' };
const KEPALA_OPD: PenerimaData = { jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' };

const ISI = 'Siaga satu di perbatasan timur; sandi operasi Garuda Hitam berlaku mulai pukul 20.00.';
const BERKAS = { nama: 'laporan-operasi-garuda-hitam.pdf', tipe: 'application/pdf' as const, base64: 'JVBERi0xLjQKJcfsj6IKNSAwIG9iago=' };

const salinanData = (overrides: Partial<SalinanData> = {}): SalinanData => ({
  perihal: 'Pengamanan kunjungan kerja',
  isi: ISI,
  penerima: [WALIKOTA, KEPALA_OPD],
  ...overrides,
});

const CHECKLIST = { cap: true, amplop: true, amplopRangkap: true };

/** Kriptogram facts that satisfy every guard: assigned to SANDIMAN, signed, two copies with a receipt each. */
const kriptogram = (tahap: string, overrides: Partial<KriptogramFacts> = {}): KriptogramFacts => ({
  tahap,
  klasifikasi: 'rahasia',
  sandiman: SANDIMAN,
  pencatat: SANDIMAN,
  adaSalinan: true,
  parafSandiman: true,
  tandaTanganKasi: true,
  jumlahPenerima: 2,
  distribusi: [{ tahap: 'diterima' }, { tahap: 'diterima' }],
  ...overrides,
});

const describeResult = (result: Decision | Refusal): string => (result.ok ? `ok → ${result.to}` : `${result.reason}: ${result.message}`);

const expectOk = (result: Decision | Refusal): Decision => {
  if (!result.ok) throw new Error(`diharapkan berhasil, ternyata ${describeResult(result)}`);
  return result;
};

type Reason = Refusal['reason'];

const expectRefusal = <R extends Reason>(result: Decision | Refusal, reason: R): Extract<Refusal, { reason: R }> => {
  if (result.ok || result.reason !== reason) throw new Error(`diharapkan ditolak (${reason}), ternyata ${describeResult(result)}`);
  return result as Extract<Refusal, { reason: R }>;
};

const run = (record: RecordFacts, request: TransitionRequest, who: Actor, definition: WorkflowDefinition = KRIPTOGRAM): Decision | Refusal =>
  decide(definition, record, request, who, NOW);

type Step = {
  from: string;
  to: string;
  role: RoleKey;
  /** only the Sandiman assigned at `ditugaskan_deskripsi` may take it */
  assigned: boolean;
  data?: unknown;
  catatan?: string;
  effects: Effect[];
};

const STEPS: readonly Step[] = [
  { from: 'diterima', to: 'diagendakan', role: 'sandiman', assigned: false, effects: [{ type: 'assignAgendaNumber', buku: 'kriptogram-masuk' }] },
  { from: 'diagendakan', to: 'dilaporkan', role: 'sandiman', assigned: false, effects: [] },
  {
    from: 'dilaporkan',
    to: 'ditugaskan_deskripsi',
    role: 'kasi',
    assigned: false,
    data: { sandiman: SANDIMAN },
    effects: [{ type: 'assignUser', sandiman: SANDIMAN }],
  },
  {
    from: 'ditugaskan_deskripsi',
    to: 'dideskripsi',
    role: 'sandiman',
    assigned: true,
    data: { salinan: salinanData() },
    effects: [{ type: 'writeSalinan', salinan: salinanData() }],
  },
  { from: 'dideskripsi', to: 'diparaf_sandiman', role: 'sandiman', assigned: true, effects: [{ type: 'recordSignature', tanda: 'parafSandiman' }] },
  {
    from: 'diparaf_sandiman',
    to: 'ditandatangani_kasi',
    role: 'kasi',
    assigned: false,
    effects: [{ type: 'recordSignature', tanda: 'tandaTanganKasi' }],
  },
  {
    from: 'diparaf_sandiman',
    to: 'dideskripsi',
    role: 'kasi',
    assigned: false,
    catatan: 'Perihal salah ketik',
    effects: [{ type: 'clearSignatures', dokumen: 'salinan' }],
  },
  {
    from: 'ditandatangani_kasi',
    to: 'dinomori',
    role: 'sandiman',
    assigned: true,
    data: { checklist: CHECKLIST },
    effects: [{ type: 'numberSalinan', checklist: CHECKLIST }],
  },
  { from: 'dinomori', to: 'didistribusikan', role: 'sandiman', assigned: true, effects: [] },
  { from: 'didistribusikan', to: 'diarsipkan', role: 'sandiman', assigned: true, effects: [{ type: 'archiveSalinan' }] },
];

const request = (step: Step): TransitionRequest => ({ ke: step.to, data: step.data, catatan: step.catatan });
const stepName = (step: Step): string => `${step.from} → ${step.to}`;

describe('decide — kriptogram, every transition', () => {
  describe.each(STEPS.map((step) => [stepName(step), step] as const))('%s', (_name, step) => {
    it(`succeeds for ${step.role} with the expected state and effects`, () => {
      const decision = expectOk(run(kriptogram(step.from), request(step), actor([step.role], idFor(step.role))));
      expect(decision.from).toBe(step.from);
      expect(decision.to).toBe(step.to);
      expect(decision.effects).toEqual(step.effects);
      expect(decision.catatan).toBe(step.catatan ?? null);
    });

    it('also succeeds for a user holding that role among others', () => {
      const others = ROLE_KEYS.filter((role) => role !== step.role).slice(0, 3);
      expectOk(run(kriptogram(step.from), request(step), actor([...others, step.role], idFor(step.role))));
    });

    it.each(ROLE_KEYS.filter((role) => role !== step.role).map((role) => [role] as const))('refuses %s with reason peran', (role) => {
      const refusal = expectRefusal(run(kriptogram(step.from), request(step), actor([role])), 'peran');
      expect(refusal.message).toMatch(/tidak berwenang/);
    });

    it('refuses a user without any role with reason peran', () => {
      expectRefusal(run(kriptogram(step.from), request(step), actor([])), 'peran');
    });

    if (step.assigned) {
      it('refuses another Sandiman, and any Sandiman while none is assigned, with reason peran', () => {
        const other = expectRefusal(run(kriptogram(step.from), request(step), actor(['sandiman'], SANDIMAN_LAIN)), 'peran');
        expect(other.message).toBe('Hanya Sandiman yang ditugaskan untuk kriptogram ini yang dapat melakukan langkah ini.');
        expectRefusal(run(kriptogram(step.from, { sandiman: null }), request(step), actor(['sandiman'])), 'peran');
      });

      it('four eyes: a user holding both roles cannot sign the pengantar they initialled', () => {
        const both: Actor = { id: 5, name: 'Sandi merangkap Kasi', roles: ['sandiman', 'kasi'] };
        const record = kriptogram('diparaf_sandiman', { sandiman: 5 });
        const refusal = decide(KRIPTOGRAM, record, { ke: 'ditandatangani_kasi' }, both, NOW);
        expect(refusal).toMatchObject({ ok: false, reason: 'peran' });
        const otherKasi: Actor = { id: 9, name: 'Kasi', roles: ['kasi'] };
        expect(decide(KRIPTOGRAM, record, { ke: 'ditandatangani_kasi' }, otherKasi, NOW)).toMatchObject({ ok: true });
      });

      it('refuses a Kasi whose user id is the assigned Sandiman (role first)', () => {
        expectRefusal(run(kriptogram(step.from), request(step), actor(['kasi'], SANDIMAN)), 'peran');
      });
    } else {
      it('does not depend on who is assigned', () => {
        expectOk(run(kriptogram(step.from, { sandiman: null }), request(step), actor([step.role], SANDIMAN_LAIN)));
        expectOk(run(kriptogram(step.from), request(step), actor([step.role], SANDIMAN_LAIN)));
      });
    }
  });

  it('the Kasi’s return is drawn as a return and needs a catatan', () => {
    const decision = expectOk(
      run(kriptogram('diparaf_sandiman'), { ke: 'dideskripsi', catatan: '  Penerima kurang satu  ' }, actor(['kasi'], KASI_ID))
    );
    expect(decision.transition.kind).toBe('kembali');
    expect(decision.catatan).toBe('Penerima kurang satu');
    for (const catatan of [undefined, null, '', '   ']) {
      const refusal = expectRefusal(run(kriptogram('diparaf_sandiman'), { ke: 'dideskripsi', catatan }, actor(['kasi'], KASI_ID)), 'input');
      expect(refusal.issues).toEqual([{ path: 'catatan', message: 'wajib diisi' }]);
    }
  });

  it('the Sandiman may retype the salinan while initialling: writeSalinan, then the paraf', () => {
    const salinan = salinanData({ perihal: 'Pengamanan kunjungan kerja (revisi)', penerima: [KEPALA_OPD] });
    const decision = expectOk(run(kriptogram('dideskripsi'), { ke: 'diparaf_sandiman', data: { salinan } }, actor(['sandiman'])));
    expect(decision.effects).toEqual([
      { type: 'writeSalinan', salinan },
      { type: 'recordSignature', tanda: 'parafSandiman' },
    ]);
  });

  it('coerces a sandiman id sent as a string from a form', () => {
    const decision = expectOk(
      run(kriptogram('dilaporkan', { sandiman: null }), { ke: 'ditugaskan_deskripsi', data: { sandiman: '12' } }, actor(['kasi'], KASI_ID))
    );
    expect(decision.effects).toEqual([{ type: 'assignUser', sandiman: 12 }]);
  });

  it('trims the typed salinan before writing it', () => {
    const decision = expectOk(
      run(
        kriptogram('ditugaskan_deskripsi'),
        {
          ke: 'dideskripsi',
          data: { salinan: salinanData({ perihal: '  Pengamanan  ', penerima: [{ ...KEPALA_OPD, jabatan: ' Kepala Dinas Kesehatan ' }] }) },
        },
        actor(['sandiman'])
      )
    );
    expect(decision.effects).toEqual([{ type: 'writeSalinan', salinan: salinanData({ perihal: 'Pengamanan', penerima: [KEPALA_OPD] }) }]);
  });
});

describe('decide — kriptogram, state checks', () => {
  const everyone = actor(ROLE_KEYS);

  it.each([
    ['diterima', 'dilaporkan'],
    ['diterima', 'dideskripsi'],
    ['diagendakan', 'ditugaskan_deskripsi'],
    ['dilaporkan', 'dideskripsi'],
    ['ditugaskan_deskripsi', 'diparaf_sandiman'],
    ['dideskripsi', 'ditandatangani_kasi'],
    ['diparaf_sandiman', 'dinomori'],
    ['ditandatangani_kasi', 'didistribusikan'],
    ['dinomori', 'diarsipkan'],
    ['ditandatangani_kasi', 'dideskripsi'],
    ['dinomori', 'dideskripsi'],
    ['dideskripsi', 'ditugaskan_deskripsi'],
    ['diarsipkan', 'diterima'],
  ])('skipping from %s to %s is refused with reason tahap', (from, to) => {
    const refusal = expectRefusal(run(kriptogram(from), { ke: to, catatan: 'x' }, everyone), 'tahap');
    expect(refusal.message).toMatch(/Tidak dapat berpindah dari/);
  });

  it('refuses every pair of states no transition joins, whatever the roles', () => {
    for (const from of KRIPTOGRAM.states) {
      for (const to of KRIPTOGRAM.states) {
        if (findTransition(KRIPTOGRAM, from.key, to.key)) continue;
        const result = run(kriptogram(from.key), { ke: to.key, catatan: 'x', data: { checklist: CHECKLIST } }, everyone);
        expect([`${from.key}→${to.key}`, result.ok ? 'ok' : result.reason]).toEqual([`${from.key}→${to.key}`, 'tahap']);
      }
    }
  });

  it('reports the state before the role: a skipped step by the wrong role is tahap', () => {
    expectRefusal(run(kriptogram('diterima'), { ke: 'dinomori' }, actor(['caraka'])), 'tahap');
  });

  it('an unknown target state is reason input on ke', () => {
    expect(expectRefusal(run(kriptogram('diterima'), { ke: 'batal' }, everyone), 'input').issues).toEqual([{ path: 'ke', message: 'tidak dikenal' }]);
  });
});

describe('decide — kriptogram, input', () => {
  const sandiman = actor(['sandiman']);
  const kasi = actor(['kasi'], KASI_ID);
  const paths = (refusal: Extract<Refusal, { reason: 'input' }>): string[] => refusal.issues.map((issue) => issue.path);

  it.each([
    ['missing data', undefined],
    ['an empty object', {}],
    ['a name instead of an id', { sandiman: 'budi' }],
    ['id zero', { sandiman: 0 }],
  ])('ditugaskan_deskripsi with %s is reason input on data.sandiman', (_name, data) => {
    const refusal = expectRefusal(run(kriptogram('dilaporkan', { sandiman: null }), { ke: 'ditugaskan_deskripsi', data }, kasi), 'input');
    expect(paths(refusal)).toEqual(['data.sandiman']);
  });

  it('dideskripsi without a salinan is reason input on data.salinan', () => {
    for (const data of [undefined, null, {}]) {
      const refusal = expectRefusal(run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data }, sandiman), 'input');
      expect(paths(refusal)).toEqual(['data.salinan']);
    }
  });

  const invalidSalinan: [string, Partial<SalinanData>, string][] = [
    ['neither isi nor berkas', { isi: undefined }, 'data.salinan.isi'],
    ['a blank isi and no berkas', { isi: ' \n\t ' }, 'data.salinan.isi'],
    ['no recipient', { penerima: [] }, 'data.salinan.penerima'],
    ['a recipient without jabatan', { penerima: [{ kategori: 'kepala_opd', saluran: 'caraka' } as PenerimaData] }, 'data.salinan.penerima.0.jabatan'],
    ['an unknown channel', { penerima: [{ ...KEPALA_OPD, saluran: 'merpati' } as unknown as PenerimaData] }, 'data.salinan.penerima.0.saluran'],
    ['a short perihal', { perihal: ' x ' }, 'data.salinan.perihal'],
    [
      'a berkas of an unsupported type',
      { isi: undefined, berkas: { ...BERKAS, tipe: 'image/png' } as unknown as SalinanData['berkas'] },
      'data.salinan.berkas.tipe',
    ],
    ['a berkas that is not base64', { isi: undefined, berkas: { ...BERKAS, base64: '<script>' } }, 'data.salinan.berkas.base64'],
  ];

  it.each(invalidSalinan)('dideskripsi with %s is reason input on %s', (_name, overrides, path) => {
    const refusal = expectRefusal(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: salinanData(overrides) } }, sandiman),
      'input'
    );
    expect(paths(refusal)).toEqual([path]);
  });

  it('a missing isi says that the isi or its berkas is required', () => {
    const refusal = expectRefusal(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: salinanData({ isi: undefined }) } }, sandiman),
      'input'
    );
    expect(refusal.issues[0]?.message).toBe('isi salinan (teks) atau berkasnya wajib diisi');
  });

  it('dideskripsi refuses unknown keys in the salinan and beside it', () => {
    const inSalinan = expectRefusal(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: { ...salinanData(), nomor: '1' } } }, sandiman),
      'input'
    );
    expect(paths(inSalinan)).toEqual(['data.salinan']);
    const beside = expectRefusal(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: salinanData(), tahap: 'diarsipkan' } }, sandiman),
      'input'
    );
    expect(paths(beside)).toEqual(['data']);
  });

  it('dideskripsi accepts an uploaded berkas instead of typed isi', () => {
    const salinan = salinanData({ isi: undefined, berkas: BERKAS });
    const decision = expectOk(run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan } }, sandiman));
    expect(decision.effects).toEqual([{ type: 'writeSalinan', salinan }]);
  });

  it('checks input before guards: a bad salinan that also breaks the channel rule is input', () => {
    const salinan = salinanData({ isi: undefined, penerima: [{ ...WALIKOTA, saluran: 'caraka' }] });
    expectRefusal(run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan } }, sandiman), 'input');
  });

  describe('dinomori checklist', () => {
    it.each([
      ['missing data', undefined, 'data.checklist'],
      ['an empty checklist', { checklist: {} }, 'data.checklist.cap'],
      ['cap false', { checklist: { ...CHECKLIST, cap: false } }, 'data.checklist.cap'],
      ['amplop false', { checklist: { ...CHECKLIST, amplop: false } }, 'data.checklist.amplop'],
      ['cap as the text "true"', { checklist: { ...CHECKLIST, cap: 'true' } }, 'data.checklist.cap'],
      ['an unknown item', { checklist: { ...CHECKLIST, stempelBasah: true } }, 'data.checklist'],
    ])('%s is reason input on %s', (_name, data, path) => {
      const refusal = expectRefusal(run(kriptogram('ditandatangani_kasi'), { ke: 'dinomori', data }, sandiman), 'input');
      expect(paths(refusal)[0]).toBe(path);
    });

    it('cap false says the stamp is required', () => {
      const refusal = expectRefusal(
        run(kriptogram('ditandatangani_kasi'), { ke: 'dinomori', data: { checklist: { ...CHECKLIST, cap: false } } }, sandiman),
        'input'
      );
      expect(refusal.issues[0]?.message).toBe('cap dinas wajib dibubuhkan');
    });

    it.each([['rahasia'], ['sangat_rahasia']] as const)('%s without a double envelope is reason input', (klasifikasi) => {
      for (const checklist of [
        { cap: true, amplop: true },
        { cap: true, amplop: true, amplopRangkap: false },
      ]) {
        const refusal = expectRefusal(
          run(kriptogram('ditandatangani_kasi', { klasifikasi }), { ke: 'dinomori', data: { checklist } }, sandiman),
          'input'
        );
        expect(refusal.message).toMatch(/wajib dalam amplop rangkap \(data\.checklist\.amplopRangkap\)/);
        expect(refusal.message).toContain(klasifikasi === 'rahasia' ? 'Naskah RAHASIA' : 'Naskah SANGAT RAHASIA');
      }
    });

    it('terbatas does not need a double envelope', () => {
      for (const checklist of [{ cap: true, amplop: true }, { cap: true, amplop: true, amplopRangkap: false }, CHECKLIST]) {
        const decision = expectOk(
          run(kriptogram('ditandatangani_kasi', { klasifikasi: 'terbatas' }), { ke: 'dinomori', data: { checklist } }, sandiman)
        );
        expect(decision.effects).toEqual([{ type: 'numberSalinan', checklist }]);
      }
    });

    it('the double-envelope rule is input (400), checked before the signature guard (409)', () => {
      const record = kriptogram('ditandatangani_kasi', { klasifikasi: 'sangat_rahasia', tandaTanganKasi: false });
      expectRefusal(run(record, { ke: 'dinomori', data: { checklist: { cap: true, amplop: true } } }, sandiman), 'input');
      expectRefusal(run(record, { ke: 'dinomori', data: { checklist: CHECKLIST } }, sandiman), 'syarat');
    });
  });

  const noInput = STEPS.filter((step) => step.data === undefined && step.to !== 'diparaf_sandiman');

  it.each(noInput.map((step) => [step.from, step.to, step.role] as const))(
    '%s → %s takes no data: unexpected data is reason input on data',
    (from, to, role) => {
      for (const data of [{ checklist: CHECKLIST }, 'x', 0, [1]]) {
        const refusal = expectRefusal(
          run(kriptogram(from), { ke: to, data, catatan: 'alasan' }, actor([role], role === 'kasi' ? KASI_ID : SANDIMAN)),
          'input'
        );
        expect(refusal.issues).toEqual([{ path: 'data', message: 'tidak diharapkan' }]);
      }
    }
  );

  it('diparaf_sandiman accepts an empty body', () => {
    for (const data of [undefined, null, {}]) expectOk(run(kriptogram('dideskripsi'), { ke: 'diparaf_sandiman', data }, sandiman));
  });
});

describe('decide — kriptogram guards', () => {
  const sandiman = actor(['sandiman']);

  it('dideskripsi with a Wali Kota reached by caraka breaks the channel rule (syarat)', () => {
    const salinan = salinanData({ penerima: [KEPALA_OPD, { ...WALIKOTA, saluran: 'caraka' }] });
    const refusal = expectRefusal(run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan } }, sandiman), 'syarat');
    expect(refusal.message).toBe('Wali Kota (Bapak Wali Kota) harus menerima melalui ajudan, bukan diantar caraka.');
  });

  it.each([
    [{ jabatan: 'Sekretaris Daerah', kategori: 'sekda', saluran: 'faksimili' }, /Sekretaris Daerah .* melalui ajudan, bukan faksimili/],
    [{ jabatan: 'Asisten Pemerintahan', kategori: 'asisten', saluran: 'caraka' }, /Asisten .* melalui ajudan, bukan diantar caraka/],
    [{ jabatan: 'Kepala Bappeda', kategori: 'kepala_opd', saluran: 'ajudan' }, /Kepala OPD \(Kepala Bappeda\) harus menerima diantar caraka/],
  ] as const)('dideskripsi refuses %p (syarat)', (one, message) => {
    const refusal = expectRefusal(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: salinanData({ penerima: [one] }) } }, sandiman),
      'syarat'
    );
    expect(refusal.message).toMatch(message);
  });

  it('a salinan retyped at the paraf is held to the channel rule too', () => {
    const salinan = salinanData({ penerima: [{ ...WALIKOTA, saluran: 'surat_online' }] });
    expectRefusal(run(kriptogram('dideskripsi'), { ke: 'diparaf_sandiman', data: { salinan } }, sandiman), 'syarat');
  });

  it('dinomori needs the Sandiman’s paraf and the Kasi’s signature', () => {
    for (const missing of [{ parafSandiman: false }, { tandaTanganKasi: false }, { parafSandiman: false, tandaTanganKasi: false }]) {
      const refusal = expectRefusal(
        run(kriptogram('ditandatangani_kasi', missing), { ke: 'dinomori', data: { checklist: CHECKLIST } }, sandiman),
        'syarat'
      );
      expect(refusal.message).toBe('Surat pengantar belum diparaf Sandiman dan ditandatangani Kasi.');
    }
  });

  describe.each([
    ['dinomori', 'didistribusikan'],
    ['didistribusikan', 'diarsipkan'],
  ] as const)('%s → %s needs a resi for every copy', (from, to) => {
    it('refuses while a copy is still out', () => {
      const record = kriptogram(from, { distribusi: [{ tahap: 'diterima' }, { tahap: 'ditugaskan' }] });
      expect(expectRefusal(run(record, { ke: to }, sandiman), 'syarat').message).toBe('Masih ada 1 salinan tanpa resi tanda terima.');
    });

    it('refuses while copies failed', () => {
      const record = kriptogram(from, { distribusi: [{ tahap: 'gagal' }, { tahap: 'gagal' }] });
      expect(expectRefusal(run(record, { ke: to }, sandiman), 'syarat').message).toBe('Masih ada 2 salinan tanpa resi tanda terima.');
    });

    it('refuses with no copies, or fewer copies than recipients', () => {
      for (const distribusi of [[], [{ tahap: 'diterima' }]]) {
        expect(expectRefusal(run(kriptogram(from, { distribusi }), { ke: to }, sandiman), 'syarat').message).toBe(
          'Belum setiap penerima memiliki salinan bernomor.'
        );
      }
    });
  });

  it('diarsipkan needs the signatures as well', () => {
    const record = kriptogram('didistribusikan', { tandaTanganKasi: false });
    expect(expectRefusal(run(record, { ke: 'diarsipkan' }, sandiman), 'syarat').message).toMatch(/belum diparaf Sandiman dan ditandatangani Kasi/);
  });
});

describe('redact — classified text never reaches the audit digest', () => {
  const sandiman = actor(['sandiman']);
  const redacted = (decision: Decision): string => {
    const redact = decision.transition.redact;
    if (!redact) throw new Error(`langkah ${decision.from} → ${decision.to} tidak menyamarkan input`);
    return JSON.stringify(redact(decision.input)) ?? '';
  };

  it('keeps perihal and recipients of a typed salinan, not its isi', () => {
    const decision = expectOk(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: salinanData({ lampiran: '1 berkas' }) } }, sandiman)
    );
    const text = redacted(decision);
    expect(text).not.toContain('Garuda');
    expect(text).not.toContain('perbatasan');
    expect(JSON.parse(text)).toEqual({
      salinan: { perihal: 'Pengamanan kunjungan kerja', penerima: [WALIKOTA, KEPALA_OPD], isi: '[dirahasiakan]' },
    });
  });

  it('drops the name and content of an uploaded berkas, keeping its type', () => {
    const decision = expectOk(
      run(kriptogram('ditugaskan_deskripsi'), { ke: 'dideskripsi', data: { salinan: salinanData({ isi: undefined, berkas: BERKAS }) } }, sandiman)
    );
    const text = redacted(decision);
    expect(text).not.toContain('garuda');
    expect(text).not.toContain(BERKAS.base64);
    expect(JSON.parse(text)).toEqual({
      salinan: {
        perihal: 'Pengamanan kunjungan kerja',
        penerima: [WALIKOTA, KEPALA_OPD],
        berkas: { nama: '[dirahasiakan]', tipe: 'application/pdf' },
      },
    });
  });

  it('redacts a salinan retyped at the paraf, and gives an empty object without one', () => {
    const retyped = expectOk(
      run(kriptogram('dideskripsi'), { ke: 'diparaf_sandiman', data: { salinan: salinanData({ berkas: BERKAS }) } }, sandiman)
    );
    const text = redacted(retyped);
    for (const secret of ['Garuda', 'garuda', BERKAS.base64]) expect(text).not.toContain(secret);
    expect(redacted(expectOk(run(kriptogram('dideskripsi'), { ke: 'diparaf_sandiman' }, sandiman)))).toBe('{}');
  });

  it('exactly the two steps that take a salinan redact their input', () => {
    const redacting = KRIPTOGRAM.transitions.filter((t) => t.redact).map((t) => `${t.from.join('|')}→${t.to}`);
    expect(redacting.sort()).toEqual(['dideskripsi→diparaf_sandiman', 'ditugaskan_deskripsi→dideskripsi']);
  });

  it('whatever the isi and berkas name, neither appears in the redacted input', () => {
    const secret = fc.string({ minLength: 6, maxLength: 40, unit: 'grapheme' }).filter((text) => text.trim().length >= 6);
    fc.assert(
      fc.property(secret, secret, fc.boolean(), (isi, nama, viaParaf) => {
        const salinan = salinanData({ isi, berkas: { ...BERKAS, nama } });
        const record = kriptogram(viaParaf ? 'dideskripsi' : 'ditugaskan_deskripsi');
        const decision = expectOk(run(record, { ke: viaParaf ? 'diparaf_sandiman' : 'dideskripsi', data: { salinan } }, sandiman));
        const text = redacted(decision);
        const expected = {
          salinan: {
            perihal: salinan.perihal,
            penerima: salinan.penerima,
            isi: '[dirahasiakan]',
            berkas: { nama: '[dirahasiakan]', tipe: BERKAS.tipe },
          },
        };
        expect(JSON.parse(text)).toEqual(expected);
        for (const hidden of [isi, nama.trim()]) {
          const escaped = JSON.stringify(hidden).slice(1, -1);
          // a secret that is itself part of the expected digest (a key, the perihal) cannot be told apart
          if (JSON.stringify(expected).includes(escaped)) continue;
          expect(text).not.toContain(escaped);
        }
      }),
      { numRuns: RUNS }
    );
  });
});

describe('availableActions — kriptogram', () => {
  const keys = (record: RecordFacts, who: Actor): string[] => availableActions(KRIPTOGRAM, record, who, NOW).map((action) => action.ke);

  it('offers the assigned Sandiman its steps, another Sandiman none of them', () => {
    expect(keys(kriptogram('ditugaskan_deskripsi'), actor(['sandiman']))).toEqual(['dideskripsi']);
    expect(keys(kriptogram('ditugaskan_deskripsi'), actor(['sandiman'], SANDIMAN_LAIN))).toEqual([]);
    expect(keys(kriptogram('diparaf_sandiman'), actor(['kasi'], KASI_ID))).toEqual(['ditandatangani_kasi', 'dideskripsi']);
    expect(keys(kriptogram('diparaf_sandiman'), actor(['sandiman']))).toEqual([]);
    expect(keys(kriptogram('diterima', { sandiman: null }), actor(['sandiman'], SANDIMAN_LAIN))).toEqual(['diagendakan']);
    expect(keys(kriptogram('diarsipkan'), actor(ROLE_KEYS))).toEqual([]);
  });

  it('offers, in every state, for every role and id, exactly the moves decide does not refuse for peran or tahap', () => {
    for (const state of KRIPTOGRAM.states) {
      for (const role of ROLE_KEYS) {
        for (const id of [SANDIMAN, SANDIMAN_LAIN]) {
          const who = actor([role], id);
          const record = kriptogram(state.key);
          const allowed = KRIPTOGRAM.states
            .map((target) => target.key)
            .filter((ke) => {
              const result = run(record, { ke, catatan: 'x' }, who);
              return result.ok || (result.reason !== 'peran' && result.reason !== 'tahap');
            });
          expect([state.key, role, id, [...keys(record, who)].sort()]).toEqual([state.key, role, id, [...allowed].sort()]);
        }
      }
    }
  });

  it('is registered under the model kriptogram', () => {
    expect(workflowFor('kriptogram')).toBe(KRIPTOGRAM);
  });
});

/* ---------- the roles DESIGN.md's table names, written out independently ---------- */

type Expected = { from: string; to: string; roles: readonly string[]; assigned: boolean; catatan?: 'wajib' };

const DESIGN_KRIPTOGRAM: readonly Expected[] = [
  { from: 'diterima', to: 'diagendakan', roles: ['sandiman'], assigned: false },
  { from: 'diagendakan', to: 'dilaporkan', roles: ['sandiman'], assigned: false },
  { from: 'dilaporkan', to: 'ditugaskan_deskripsi', roles: ['kasi'], assigned: false },
  { from: 'ditugaskan_deskripsi', to: 'dideskripsi', roles: ['sandiman'], assigned: true },
  { from: 'dideskripsi', to: 'diparaf_sandiman', roles: ['sandiman'], assigned: true },
  { from: 'diparaf_sandiman', to: 'ditandatangani_kasi', roles: ['kasi'], assigned: false },
  { from: 'diparaf_sandiman', to: 'dideskripsi', roles: ['kasi'], assigned: false, catatan: 'wajib' },
  { from: 'ditandatangani_kasi', to: 'dinomori', roles: ['sandiman'], assigned: true },
  { from: 'dinomori', to: 'didistribusikan', roles: ['sandiman'], assigned: true },
  { from: 'didistribusikan', to: 'diarsipkan', roles: ['sandiman'], assigned: true },
];

const DESIGN_DISTRIBUSI: readonly Expected[] = [
  { from: 'ditugaskan', to: 'diterima', roles: ['caraka', 'sandiman'], assigned: false },
  { from: 'ditugaskan', to: 'gagal', roles: ['caraka', 'sandiman'], assigned: false, catatan: 'wajib' },
  { from: 'gagal', to: 'ditugaskan', roles: ['kasi'], assigned: false },
];

const ASSIGNED_STEPS = new Set(DESIGN_KRIPTOGRAM.filter((row) => row.assigned).map((row) => `${row.from}→${row.to}`));

const expectedRow = (definition: WorkflowDefinition, from: string, to: string): Expected | undefined =>
  (definition === KRIPTOGRAM ? DESIGN_KRIPTOGRAM : DESIGN_DISTRIBUSI).find((row) => row.from === from && row.to === to);

describe('kriptogram definition matches DESIGN.md "Who performs each transition"', () => {
  it('states in SOP order', () => {
    expect(KRIPTOGRAM.states.map((state) => state.key)).toEqual([
      'diterima',
      'diagendakan',
      'dilaporkan',
      'ditugaskan_deskripsi',
      'dideskripsi',
      'diparaf_sandiman',
      'ditandatangani_kasi',
      'dinomori',
      'didistribusikan',
      'diarsipkan',
    ]);
    expect(KRIPTOGRAM.initial).toBe('diterima');
    expect(KRIPTOGRAM.states.filter((state) => state.final).map((state) => state.key)).toEqual(['diarsipkan']);
  });

  it('transitions, roles and required catatan', () => {
    const normalise = (rows: readonly { from: string; to: string; roles: readonly string[]; catatan?: string }[]) =>
      rows.map((row) => `${row.from}→${row.to} [${[...row.roles].sort().join(',')}] ${row.catatan ?? ''}`).sort();
    const actual = KRIPTOGRAM.transitions.flatMap((t) =>
      t.from.map((from) => ({ from, to: t.to, roles: t.roles, catatan: t.catatan === 'wajib' ? 'wajib' : undefined }))
    );
    expect(normalise(actual)).toEqual(normalise(DESIGN_KRIPTOGRAM));
  });

  it('exactly the steps of "the assigned Sandiman" refuse another Sandiman', () => {
    for (const row of DESIGN_KRIPTOGRAM.filter((candidate) => candidate.roles.includes('sandiman'))) {
      const data = STEPS.find((step) => step.from === row.from && step.to === row.to)?.data;
      const result = run(kriptogram(row.from), { ke: row.to, data }, actor(['sandiman'], SANDIMAN_LAIN));
      expect([row.to, result.ok ? 'ok' : result.reason]).toEqual([row.to, row.assigned ? 'peran' : 'ok']);
    }
  });

  it('the input DESIGN.md requires: data.sandiman, data.salinan and data.checklist; every other step takes an empty body', () => {
    const required = KRIPTOGRAM.transitions
      .filter((t) => t.input && !t.input.safeParse({}).success)
      .map((t) => t.to)
      .sort();
    expect(required).toEqual(['dideskripsi', 'dinomori', 'ditugaskan_deskripsi']);
  });
});

/* ---------- a small pure simulation of one kriptogram, its salinan and copies ---------- */

type Checklist = { cap: boolean; amplop: boolean; amplopRangkap?: boolean };

type SalinanModel = {
  jumlahPenerima: number;
  parafSandiman: boolean;
  tandaTanganKasi: boolean;
  nomor: string | null;
  checklist: Checklist | null;
  diarsipkan: boolean;
};

type CopyModel = { tahap: string; nomorSalinan: number; caraka: number | null; resi: string | null };

type Model = {
  tahap: string;
  klasifikasi: Klasifikasi;
  /** what the Sandiman types as recipients when asked for a valid salinan */
  rencana: readonly PenerimaData[];
  nomorAgenda: string | null;
  nextAgenda: number;
  sandiman: number | null;
  salinan: SalinanModel | null;
  distribusi: CopyModel[];
};

type Target = { kind: 'kriptogram' } | { kind: 'distribusi'; index: number };

type Attempt = { target: Target; request: TransitionRequest; actor: Actor };

type Outcome = { before: Model; attempt: Attempt; result: Decision | Refusal; after: Model };

const initialModel = (klasifikasi: Klasifikasi, rencana: readonly PenerimaData[]): Model => ({
  tahap: KRIPTOGRAM.initial,
  klasifikasi,
  rencana,
  nomorAgenda: null,
  nextAgenda: 1,
  sandiman: null,
  salinan: null,
  distribusi: [],
});

const cloneModel = (model: Model): Model => ({
  ...model,
  salinan: model.salinan ? { ...model.salinan } : null,
  distribusi: model.distribusi.map((copy) => ({ ...copy })),
});

const kriptogramFacts = (model: Model): KriptogramFacts => ({
  tahap: model.tahap,
  klasifikasi: model.klasifikasi,
  sandiman: model.sandiman,
  pencatat: null,
  adaSalinan: model.salinan !== null,
  parafSandiman: model.salinan?.parafSandiman ?? false,
  tandaTanganKasi: model.salinan?.tandaTanganKasi ?? false,
  jumlahPenerima: model.salinan?.jumlahPenerima ?? 0,
  distribusi: model.distribusi.map((copy) => ({ tahap: copy.tahap })),
});

const copyFacts = (model: Model, copy: CopyModel): DistribusiFacts => ({
  tahap: copy.tahap,
  jenisInduk: 'kriptogram',
  indukTahap: model.tahap,
  caraka: copy.caraka,
  sandiman: model.sandiman,
  ditugaskanPada: null,
});

const definitionOf = (target: Target): WorkflowDefinition => (target.kind === 'kriptogram' ? KRIPTOGRAM : DISTRIBUSI);

const copyAt = (model: Model, index: number): CopyModel => {
  const copy = model.distribusi[index];
  if (!copy) throw new Error(`salinan ke-${index + 1} tidak ada`);
  return copy;
};

const tahapOf = (model: Model, target: Target): string => (target.kind === 'kriptogram' ? model.tahap : copyAt(model, target.index).tahap);

const numberParameter = (effect: Effect, name: string): number => {
  const value = effect[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`efek ${effect.type}: ${name} bukan bilangan bulat`);
  return value;
};

const stringParameter = (effect: Effect, name: string): string => {
  const value = effect[name];
  if (typeof value !== 'string') throw new Error(`efek ${effect.type}: ${name} bukan teks`);
  return value;
};

const recipientsOf = (effect: Effect): number => {
  const salinan = effect.salinan;
  if (typeof salinan !== 'object' || salinan === null || !('penerima' in salinan) || !Array.isArray(salinan.penerima)) {
    throw new Error('efek writeSalinan tanpa daftar penerima');
  }
  return salinan.penerima.length;
};

const checklistOf = (effect: Effect): Checklist => {
  const value = effect.checklist;
  if (typeof value !== 'object' || value === null) throw new Error('efek numberSalinan tanpa checklist');
  const { cap, amplop, amplopRangkap } = value as { [key: string]: unknown };
  if (typeof cap !== 'boolean' || typeof amplop !== 'boolean') throw new Error('checklist tidak lengkap');
  return { cap, amplop, ...(typeof amplopRangkap === 'boolean' ? { amplopRangkap } : {}) };
};

/** Carries out a successful decision on a copy of the model, as the Strapi layer (src/sop-defs/kriptogram/effects.ts) would. */
const applyDecision = (model: Model, target: Target, decision: Decision): Model => {
  const next = cloneModel(model);
  const copy = target.kind === 'distribusi' ? copyAt(next, target.index) : undefined;
  if (copy) copy.tahap = decision.to;
  else next.tahap = decision.to;
  const salinan = (): SalinanModel => {
    if (!next.salinan) throw new Error('efek pada salinan yang belum ditulis');
    return next.salinan;
  };
  for (const effect of decision.effects) {
    switch (effect.type) {
      case 'assignAgendaNumber':
        if (stringParameter(effect, 'buku') !== 'kriptogram-masuk') throw new Error('buku agenda salah');
        if (next.nomorAgenda === null) {
          next.nomorAgenda = `KM/${next.nextAgenda}`;
          next.nextAgenda += 1;
        }
        break;
      case 'assignUser':
        // one effect assigns the Sandiman (kriptogram) or re-assigns a copy's Caraka (distribusi)
        if ('sandiman' in effect) {
          next.sandiman = numberParameter(effect, 'sandiman');
          break;
        }
        if (!copy) throw new Error('assignUser tanpa salinan');
        copy.caraka = numberParameter(effect, 'caraka');
        break;
      case 'writeSalinan':
        // rewriting the text keeps the signatures, like the update in the Strapi layer
        next.salinan = {
          ...(next.salinan ?? { parafSandiman: false, tandaTanganKasi: false, nomor: null, checklist: null, diarsipkan: false }),
          jumlahPenerima: recipientsOf(effect),
        };
        break;
      case 'recordSignature': {
        const tanda = stringParameter(effect, 'tanda');
        if (tanda === 'parafSandiman') salinan().parafSandiman = true;
        else if (tanda === 'tandaTanganKasi') salinan().tandaTanganKasi = true;
        else throw new Error(`tanda ${tanda} tidak dikenal`);
        break;
      }
      case 'clearSignatures':
        salinan().parafSandiman = false;
        salinan().tandaTanganKasi = false;
        break;
      case 'numberSalinan': {
        const numbered = salinan();
        numbered.nomor = `048/${next.nomorAgenda ?? '?'}`;
        numbered.checklist = checklistOf(effect);
        if (next.distribusi.length === 0) {
          for (let index = 0; index < numbered.jumlahPenerima; index += 1) {
            next.distribusi.push({ tahap: DISTRIBUSI.initial, nomorSalinan: index + 1, caraka: null, resi: null });
          }
        }
        break;
      }
      case 'archiveSalinan':
        salinan().diarsipkan = true;
        break;
      case 'recordReceipt':
        if (!copy) throw new Error('recordReceipt tanpa salinan');
        copy.resi = stringParameter(effect, 'diterimaOleh');
        break;
      default:
        throw new Error(`efek tidak dikenal: ${effect.type}`);
    }
  }
  return next;
};

const attempt = (model: Model, action: Attempt): Outcome => {
  const { target, request, actor: who } = action;
  const facts = target.kind === 'kriptogram' ? kriptogramFacts(model) : copyFacts(model, copyAt(model, target.index));
  const result = decide(definitionOf(target), facts, request, who, NOW);
  return { before: model, attempt: action, result, after: result.ok ? applyDecision(model, target, result) : model };
};

/* ---------- random actions, resolved against the current model ---------- */

type Arah = 'maju' | 'mana_saja' | 'acak';
type ActorChoice = { mode: 'berwenang'; pick: number } | { mode: 'acak'; roles: RoleKey[] };
type DataChoice = 'sah' | 'kosong' | 'asing' | 'salah';

type RandomStep = {
  target: number;
  arah: Arah;
  ke: number;
  actor: ActorChoice;
  /** 0 means the natural holder: the assigned Sandiman, the Kasi, or the copy's Caraka */
  actorId: number;
  data: DataChoice;
  catatan: boolean;
};

const ALL_IDS = [KASI_ID, ...SANDIMAN_IDS, ...CARAKA_IDS];

const stepArbitrary: fc.Arbitrary<RandomStep> = fc.record({
  target: fc.nat({ max: 16 }),
  arah: fc.oneof(
    { weight: 8, arbitrary: fc.constant<Arah>('maju') },
    { weight: 2, arbitrary: fc.constant<Arah>('mana_saja') },
    { weight: 1, arbitrary: fc.constant<Arah>('acak') }
  ),
  ke: fc.nat({ max: 30 }),
  actor: fc.oneof(
    { weight: 5, arbitrary: fc.record({ mode: fc.constant<'berwenang'>('berwenang'), pick: fc.nat({ max: 5 }) }) },
    { weight: 2, arbitrary: fc.record({ mode: fc.constant<'acak'>('acak'), roles: fc.subarray([...ROLE_KEYS]) }) }
  ),
  actorId: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(...ALL_IDS) }),
  data: fc.oneof(
    { weight: 8, arbitrary: fc.constant<DataChoice>('sah') },
    { weight: 1, arbitrary: fc.constant<DataChoice>('kosong') },
    { weight: 1, arbitrary: fc.constant<DataChoice>('asing') },
    { weight: 1, arbitrary: fc.constant<DataChoice>('salah') }
  ),
  catatan: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

const penerimaSah: fc.Arbitrary<PenerimaData> = fc
  .constantFrom(...KATEGORI_PENERIMA)
  .chain((kategori) =>
    fc.constantFrom(...ALLOWED_SALURAN[kategori]).map((saluran): PenerimaData => ({ jabatan: 'Pejabat penerima', kategori, saluran }))
  );
const penerimaAcak: fc.Arbitrary<PenerimaData> = fc.record({
  jabatan: fc.constant('Pejabat penerima'),
  kategori: fc.constantFrom(...KATEGORI_PENERIMA),
  saluran: fc.constantFrom(...SALURAN),
});

const scenarioArbitrary = fc.record({
  klasifikasi: fc.constantFrom(...KLASIFIKASI),
  penerima: fc.array(fc.oneof({ weight: 6, arbitrary: penerimaSah }, { weight: 1, arbitrary: penerimaAcak }), { minLength: 1, maxLength: 4 }),
  steps: fc.array(stepArbitrary, { maxLength: 150, size: 'max' }),
});

const ALL_KEYS = (definition: WorkflowDefinition): string[] => [...definition.states.map((state) => state.key), 'tahap_tidak_dikenal'];

const validData = (model: Model, target: Target, ke: string, pick: number): unknown => {
  if (target.kind === 'distribusi') {
    if (ke === 'diterima') return { diterimaOleh: 'Ajudan Wali Kota' };
    if (ke === 'ditugaskan') return { caraka: CARAKA_IDS[pick % CARAKA_IDS.length] };
    return undefined;
  }
  if (ke === 'ditugaskan_deskripsi') return { sandiman: SANDIMAN_IDS[pick % SANDIMAN_IDS.length] };
  if (ke === 'dideskripsi' && model.tahap === 'ditugaskan_deskripsi') return { salinan: salinanData({ penerima: [...model.rencana] }) };
  if (ke === 'diparaf_sandiman' && pick % 2 === 1)
    return { salinan: salinanData({ penerima: [...model.rencana.slice(0, 1 + (pick % model.rencana.length))] }) };
  if (ke === 'dinomori') return { checklist: CHECKLIST };
  return undefined;
};

const invalidData = (target: Target, ke: string, pick: number): unknown => {
  if (target.kind === 'kriptogram' && ke === 'ditugaskan_deskripsi') return { sandiman: 'bukan-angka' };
  if (target.kind === 'kriptogram' && (ke === 'dideskripsi' || ke === 'diparaf_sandiman')) {
    return pick % 2 === 0
      ? { salinan: salinanData({ isi: undefined }) }
      : { salinan: salinanData({ penerima: [{ ...WALIKOTA, saluran: 'caraka' }] }) };
  }
  if (target.kind === 'kriptogram' && ke === 'dinomori') {
    return pick % 2 === 0 ? { checklist: { cap: true, amplop: true } } : { checklist: { ...CHECKLIST, cap: false } };
  }
  return { caraka: 'bukan-angka' };
};

const naturalId = (model: Model, target: Target, roles: readonly string[], pick: number): number => {
  if (roles.includes('sandiman')) return model.sandiman ?? SANDIMAN_IDS[pick % SANDIMAN_IDS.length] ?? SANDIMAN;
  if (roles.includes('kasi')) return KASI_ID;
  if (roles.includes('caraka') && target.kind === 'distribusi') return copyAt(model, target.index).caraka ?? CARAKA_IDS[0];
  return 1;
};

const resolveStep = (model: Model, step: RandomStep): Attempt => {
  const copies = model.distribusi.length;
  const index = step.target % (copies + 1);
  const target: Target = index === copies ? { kind: 'kriptogram' } : { kind: 'distribusi', index };
  const definition = definitionOf(target);
  const tahap = tahapOf(model, target);
  const leaving = transitionsFrom(definition, tahap);
  const forward = leaving.filter((candidate) => candidate.kind !== 'kembali' && candidate.kind !== 'batal');
  const pool = step.arah === 'maju' && forward.length > 0 ? forward : leaving;
  const keys = ALL_KEYS(definition);
  const ke = step.arah === 'acak' || pool.length === 0 ? (keys[step.ke % keys.length] as string) : (pool[step.ke % pool.length] as Transition).to;
  const transition = findTransition(definition, tahap, ke);
  const pick = step.actor.mode === 'berwenang' ? step.actor.pick : step.ke;
  const roles: RoleKey[] =
    step.actor.mode === 'acak'
      ? step.actor.roles
      : [transition ? (transition.roles[pick % transition.roles.length] as RoleKey) : (ROLE_KEYS[pick % ROLE_KEYS.length] as RoleKey)];
  const id = step.actorId === 0 ? naturalId(model, target, roles, step.ke) : step.actorId;
  const data =
    step.data === 'sah'
      ? validData(model, target, ke, step.ke)
      : step.data === 'kosong'
        ? undefined
        : step.data === 'asing'
          ? { asing: true }
          : invalidData(target, ke, step.ke);
  return { target, request: { ke, data, catatan: step.catatan ? 'Mohon diperbaiki' : undefined }, actor: { id, name: `pengguna-${id}`, roles } };
};

const simulate = (
  klasifikasi: Klasifikasi,
  penerima: readonly PenerimaData[],
  steps: readonly RandomStep[],
  check: (outcome: Outcome) => void
): Model => {
  let model = initialModel(klasifikasi, penerima);
  for (const step of steps) {
    const outcome = attempt(model, resolveStep(model, step));
    check(outcome);
    model = outcome.after;
  }
  return model;
};

const label = (outcome: Outcome): string =>
  `${outcome.attempt.target.kind}${outcome.attempt.target.kind === 'distribusi' ? `#${outcome.attempt.target.index}` : ''} ` +
  `${tahapOf(outcome.before, outcome.attempt.target)} → ${outcome.attempt.request.ke} oleh ${outcome.attempt.actor.id} [${outcome.attempt.actor.roles.join(',')}]`;

const stepKey = (outcome: Outcome): string => `${tahapOf(outcome.before, outcome.attempt.target)}→${outcome.attempt.request.ke}`;

/* ---------- reachability ---------- */

describe('kriptogram: every state is reachable', () => {
  /** Every move the natural holder of an allowed role, with valid input, could try now. */
  const candidates = (model: Model): Attempt[] => {
    const targets: Target[] = [{ kind: 'kriptogram' }, ...model.distribusi.map((_copy, index): Target => ({ kind: 'distribusi', index }))];
    const result: Attempt[] = [];
    for (const target of targets) {
      const definition = definitionOf(target);
      for (const transition of transitionsFrom(definition, tahapOf(model, target))) {
        for (const role of transition.roles) {
          for (const pick of [0, 1]) {
            const id = naturalId(model, target, [role], 2);
            result.push({
              target,
              request: { ke: transition.to, data: validData(model, target, transition.to, pick), catatan: transition.catatan ? 'alasan' : undefined },
              actor: { id, name: 'bfs', roles: [role] },
            });
          }
        }
      }
    }
    return result;
  };

  const explore = (klasifikasi: Klasifikasi, penerima: readonly PenerimaData[]) => {
    const start = initialModel(klasifikasi, penerima);
    const seen = new Set<string>([JSON.stringify(start)]);
    const queue: Model[] = [start];
    const states = new Set<string>([start.tahap]);
    const copyStates = new Set<string>();
    const taken = new Set<string>();
    while (queue.length > 0) {
      const model = queue.shift() as Model;
      for (const action of candidates(model)) {
        const outcome = attempt(model, action);
        if (!outcome.result.ok) continue;
        taken.add(`${definitionOf(action.target).model}:${outcome.result.from}→${outcome.result.to}`);
        states.add(outcome.after.tahap);
        for (const copy of outcome.after.distribusi) copyStates.add(copy.tahap);
        const key = JSON.stringify(outcome.after);
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(outcome.after);
        }
      }
    }
    return { states, copyStates, taken, size: seen.size };
  };

  it.each(KLASIFIKASI.map((klasifikasi) => [klasifikasi] as const))(
    '%s: every state, copy state and transition, from the initial state',
    (klasifikasi) => {
      const { states, copyStates, taken, size } = explore(klasifikasi, [WALIKOTA, KEPALA_OPD]);
      expect([...states].sort()).toEqual(KRIPTOGRAM.states.map((state) => state.key).sort());
      expect([...copyStates].sort()).toEqual(DISTRIBUSI.states.map((state) => state.key).sort());
      const everyTransition = [KRIPTOGRAM, DISTRIBUSI].flatMap((definition) =>
        definition.transitions.flatMap((t) => t.from.map((from) => `${definition.model}:${from}→${t.to}`))
      );
      expect(everyTransition.filter((name) => !taken.has(name))).toEqual([]);
      expect(size).toBeGreaterThan(20);
    }
  );

  it('but nothing beyond ditugaskan_deskripsi when the only recipient breaks the channel rule', () => {
    const { states } = explore('rahasia', [{ ...WALIKOTA, saluran: 'faksimili' }]);
    expect([...states].sort()).toEqual(['diagendakan', 'dilaporkan', 'diterima', 'ditugaskan_deskripsi']);
  });
});

/* ---------- properties over random scenarios ---------- */

const DELIVERED = ['dinomori', 'didistribusikan', 'diarsipkan'];
const SIGNED = ['ditandatangani_kasi', ...DELIVERED];
const BEFORE_SALINAN = ['diterima', 'diagendakan', 'dilaporkan', 'ditugaskan_deskripsi'];

describe('kriptogram: properties of random scenarios', () => {
  it('a. nothing is archived without the paraf, the Kasi’s signature, a numbered salinan and a resi for every copy', () => {
    let archived = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ klasifikasi, penerima, steps }) => {
        const final = simulate(klasifikasi, penerima, steps, (outcome) => {
          if (outcome.after.tahap !== 'diarsipkan' || outcome.before.tahap === 'diarsipkan') return;
          const { salinan, distribusi, nomorAgenda, sandiman } = outcome.after;
          if (!salinan) throw new Error(`diarsipkan tanpa salinan: ${label(outcome)}`);
          expect([salinan.parafSandiman, salinan.tandaTanganKasi, salinan.diarsipkan]).toEqual([true, true, true]);
          expect(salinan.nomor).not.toBeNull();
          expect(salinan.checklist).toMatchObject({ cap: true, amplop: true });
          if (needsDoubleEnvelope(klasifikasi)) expect(salinan.checklist?.amplopRangkap).toBe(true);
          expect(distribusi.map((copy) => copy.nomorSalinan)).toEqual(Array.from({ length: salinan.jumlahPenerima }, (_x, index) => index + 1));
          expect(distribusi.filter((copy) => copy.tahap !== 'diterima' || copy.resi === null)).toEqual([]);
          expect(nomorAgenda).not.toBeNull();
          expect(sandiman).not.toBeNull();
        });
        if (final.tahap === 'diarsipkan') archived += 1;
      }),
      { numRuns: RUNS }
    );
    // the generator must actually drive scenarios to the end, or the property says nothing
    expect(archived).toBeGreaterThan(RUNS / 50);
  });

  it('b. only the assigned Sandiman describes, initials, numbers, distributes and archives — and records a resi as Sandiman', () => {
    let refusedOtherSandiman = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ klasifikasi, penerima, steps }) => {
        simulate(klasifikasi, penerima, steps, (outcome) => {
          const { target, actor: who } = outcome.attempt;
          const assignedStep = target.kind === 'kriptogram' && ASSIGNED_STEPS.has(stepKey(outcome));
          const otherSandiman = who.roles.includes('sandiman') && who.id !== outcome.before.sandiman;
          if (assignedStep && otherSandiman && !outcome.result.ok && outcome.result.reason === 'peran') refusedOtherSandiman += 1;
          if (!outcome.result.ok) return;
          if (assignedStep) {
            if (!who.roles.includes('sandiman') || who.id !== outcome.before.sandiman)
              throw new Error(`bukan Sandiman yang ditugaskan: ${label(outcome)}`);
          }
          const receipt = target.kind === 'distribusi' && (outcome.result.to === 'diterima' || outcome.result.to === 'gagal');
          if (receipt && !who.roles.includes('caraka') && who.id !== outcome.before.sandiman) {
            throw new Error(`resi dicatat oleh Sandiman lain: ${label(outcome)}`);
          }
        });
      }),
      { numRuns: RUNS }
    );
    expect(refusedOtherSandiman).toBeGreaterThan(RUNS / 20);
  });

  it('c. no transition succeeds for an actor lacking every role DESIGN.md names; a lacking actor on a real step gets peran', () => {
    let refusedForRole = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ klasifikasi, penerima, steps }) => {
        simulate(klasifikasi, penerima, steps, (outcome) => {
          const definition = definitionOf(outcome.attempt.target);
          const from = tahapOf(outcome.before, outcome.attempt.target);
          const allowed = expectedRow(definition, from, outcome.attempt.request.ke)?.roles ?? [];
          if (outcome.attempt.actor.roles.some((role) => allowed.includes(role))) return;
          if (outcome.result.ok) throw new Error(`berhasil tanpa peran: ${label(outcome)}`);
          if (outcome.result.reason === 'peran') refusedForRole += 1;
          if (findTransition(definition, from, outcome.attempt.request.ke)) expect(outcome.result.reason).toBe('peran');
        });
      }),
      { numRuns: RUNS }
    );
    expect(refusedForRole).toBeGreaterThan(RUNS / 10);
  });

  it('c. (direct) any state, target, role subset and id: success implies a DESIGN.md role and, where required, the assigned Sandiman', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KRIPTOGRAM.states.map((state) => state.key)),
        fc.constantFrom(...ALL_KEYS(KRIPTOGRAM)),
        fc.oneof(fc.constant<RoleKey[]>([]), fc.subarray([...ROLE_KEYS])),
        fc.constantFrom(...ALL_IDS, SANDIMAN_LAIN),
        fc.constantFrom(...KLASIFIKASI),
        (from, ke, roles, id, klasifikasi) => {
          const data = STEPS.find((step) => step.from === from && step.to === ke)?.data;
          const result = run(kriptogram(from, { klasifikasi }), { ke, data, catatan: 'alasan' }, actor(roles, id));
          const row = expectedRow(KRIPTOGRAM, from, ke);
          const hasRole = roles.some((role) => row?.roles.includes(role) ?? false);
          // Four eyes: the assigned Sandiman (id SANDIMAN) never signs the pengantar as Kasi.
          const fourEyes = ke === 'ditandatangani_kasi' && id === SANDIMAN;
          const mayAct = hasRole && !fourEyes && (!row?.assigned || (id === SANDIMAN && roles.includes('sandiman')));
          if (result.ok) expect(mayAct).toBe(true);
          if (row && !mayAct) expect(result.ok ? 'ok' : result.reason).toBe('peran');
          if (row && mayAct) expect(result.ok ? 'ok' : result.reason).toBe('ok');
          if (!row && ALL_KEYS(KRIPTOGRAM).slice(0, -1).includes(ke)) expect(result.ok ? 'ok' : result.reason).toBe('tahap');
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('d. the agenda number comes from the kriptogram book, once, and never changes', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ klasifikasi, penerima, steps }) => {
        simulate(klasifikasi, penerima, steps, (outcome) => {
          if (outcome.before.nomorAgenda !== null && outcome.after.nomorAgenda !== outcome.before.nomorAgenda) {
            throw new Error(`nomor agenda berubah: ${label(outcome)}`);
          }
          const assigns = outcome.result.ok ? outcome.result.effects.filter((effect) => effect.type === 'assignAgendaNumber') : [];
          if (assigns.length > 0) {
            expect(outcome.result.ok && outcome.result.to).toBe('diagendakan');
            expect(assigns).toEqual([{ type: 'assignAgendaNumber', buku: 'kriptogram-masuk' }]);
            expect(outcome.before.nomorAgenda).toBeNull();
          }
          if (outcome.after.tahap !== 'diterima' && outcome.after.nomorAgenda !== 'KM/1') throw new Error(`tanpa nomor agenda: ${label(outcome)}`);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it('e. the salinan, its signatures and its number always match the state', () => {
    let returned = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ klasifikasi, penerima, steps }) => {
        simulate(klasifikasi, penerima, steps, (outcome) => {
          const { tahap, salinan, distribusi } = outcome.after;
          if (outcome.result.ok && outcome.result.transition.kind === 'kembali' && outcome.attempt.target.kind === 'kriptogram') returned += 1;
          if (BEFORE_SALINAN.includes(tahap)) {
            if (salinan !== null) throw new Error(`salinan sebelum dideskripsi: ${label(outcome)}`);
            return;
          }
          if (!salinan) throw new Error(`tahap ${tahap} tanpa salinan: ${label(outcome)}`);
          const actual = [salinan.parafSandiman, salinan.tandaTanganKasi, salinan.nomor !== null, distribusi.length > 0];
          const expected = [tahap !== 'dideskripsi', SIGNED.includes(tahap), DELIVERED.includes(tahap), DELIVERED.includes(tahap)];
          if (actual.some((value, index) => value !== expected[index])) {
            throw new Error(`salinan tidak sesuai tahap (paraf, tanda tangan, nomor, distribusi = ${actual.join(', ')}): ${label(outcome)}`);
          }
        });
      }),
      { numRuns: RUNS }
    );
    expect(returned).toBeGreaterThan(RUNS / 100);
  });

  it('f. once diarsipkan, nothing succeeds on the kriptogram or its copies', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ klasifikasi, penerima, steps }) => {
        let closed = false;
        simulate(klasifikasi, penerima, steps, (outcome) => {
          if (closed && outcome.result.ok) throw new Error(`berhasil setelah diarsipkan: ${label(outcome)}`);
          if (outcome.after.tahap === 'diarsipkan') closed = true;
        });
      }),
      { numRuns: RUNS }
    );
  });
});
