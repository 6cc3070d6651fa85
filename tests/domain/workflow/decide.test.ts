import { BERITA, type BeritaFacts } from '../../../src/sop-defs/berita/workflow';
import { DISTRIBUSI, type DistribusiFacts } from '../../../src/sop-defs/distribusi/workflow';
import { workflowFor } from '../../../src/sop-defs';
import type { Penerima } from '../../../src/domain/penerima';
import { ROLE_KEYS, type RoleKey } from '../../../src/domain/roles';
import { availableActions, decide, findTransition, transitionsFrom, type TransitionRequest } from '../../../src/plugins/sop/server/src/engine/decide';
import type { Actor, Decision, Effect, RecordFacts, Refusal, WorkflowDefinition } from '../../../src/plugins/sop/server/src/engine/types';

const NOW = new Date('2026-11-02T03:00:00.000Z');

const actor = (roles: readonly RoleKey[], id = 1): Actor => ({ id, name: `pengguna-${id}`, roles });

const WALIKOTA: Penerima = { nama: 'Wali Kota Pekalongan', kategori: 'walikota', saluran: 'ajudan' };
const KEPALA_OPD: Penerima = { jabatan: 'Kepala Dinas Kesehatan', kategori: 'kepala_opd', saluran: 'caraka' };

/** Berita facts that satisfy every guard: two recipients on allowed channels, all paraf, every copy received. */
const berita = (tahap: string, overrides: Partial<BeritaFacts> = {}): BeritaFacts => ({
  tahap,
  penerima: [WALIKOTA, KEPALA_OPD],
  paraf: { kasi: true, kabid: true, kadis: true },
  pemaraf: [],
  caraka: [1],
  distribusi: [{ tahap: 'diterima' }, { tahap: 'diterima' }],
  ...overrides,
});

const salinan = (overrides: Partial<DistribusiFacts> = {}): DistribusiFacts => ({
  tahap: 'ditugaskan',
  jenisInduk: 'berita',
  indukTahap: 'ditugaskan_ke_caraka',
  caraka: 7,
  sandiman: null,
  ditugaskanPada: '2026-11-02T01:00:00.000Z',
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

const run = (definition: WorkflowDefinition, record: RecordFacts, request: TransitionRequest, who: Actor): Decision | Refusal =>
  decide(definition, record, request, who, NOW);

type Step = {
  from: string;
  to: string;
  role: RoleKey;
  data?: unknown;
  effects: Effect[];
  input?: unknown;
  /** another role DESIGN.md also lets take this step */
  also?: RoleKey;
};

const BERITA_STEPS: readonly Step[] = [
  { from: 'diterima', to: 'diperiksa', role: 'operator', effects: [] },
  { from: 'diperiksa', to: 'dicetak', role: 'operator', effects: [{ type: 'setJumlahCetak', jumlah: 2 }] },
  { from: 'dicetak', to: 'diagendakan', role: 'operator', effects: [{ type: 'assignAgendaNumber', buku: 'surat-masuk' }] },
  {
    from: 'diagendakan',
    to: 'diteruskan_ke_kasi',
    role: 'operator',
    data: { indeks: '  Undangan ', kodeKlasifikasi: '005', pengolah: 'Seksi Persandian' },
    effects: [{ type: 'createKartuKendali', isian: { indeks: 'Undangan', kodeKlasifikasi: '005', pengolah: 'Seksi Persandian' } }],
    input: { indeks: 'Undangan', kodeKlasifikasi: '005', pengolah: 'Seksi Persandian' },
  },
  { from: 'diteruskan_ke_kasi', to: 'diparaf_kasi', role: 'kasi', effects: [{ type: 'recordSignature', tingkat: 'kasi' }] },
  { from: 'diparaf_kasi', to: 'diparaf_kabid', role: 'kabid', effects: [{ type: 'recordSignature', tingkat: 'kabid' }] },
  { from: 'diparaf_kabid', to: 'diparaf_kadis', role: 'kadis', effects: [{ type: 'recordSignature', tingkat: 'kadis' }] },
  {
    from: 'diparaf_kadis',
    to: 'ditugaskan_ke_caraka',
    role: 'kasi',
    data: { caraka: 7 },
    effects: [{ type: 'createDistribusi', caraka: 7 }],
    input: { caraka: 7 },
  },
  { from: 'ditugaskan_ke_caraka', to: 'didistribusikan', role: 'caraka', effects: [], also: 'kasi' },
  { from: 'didistribusikan', to: 'tanda_terima_diserahkan', role: 'caraka', effects: [], also: 'kasi' },
  { from: 'tanda_terima_diserahkan', to: 'diarsipkan', role: 'operator', effects: [] },
];

const PARAF_STEPS = ['diteruskan_ke_kasi', 'diparaf_kasi', 'diparaf_kabid', 'diparaf_kadis'] as const;
const NON_FINAL_BERITA = BERITA.states.filter((state) => !state.final).map((state) => state.key);
const FINAL_BERITA = BERITA.states.filter((state) => state.final).map((state) => state.key);

describe('decide — berita, the main line', () => {
  describe.each(BERITA_STEPS.map((step) => [`${step.from} → ${step.to}`, step] as const))('%s', (_name, step) => {
    it(`succeeds for ${step.role} with the expected state and effects`, () => {
      const decision = expectOk(run(BERITA, berita(step.from), { ke: step.to, data: step.data }, actor([step.role])));
      expect(decision.from).toBe(step.from);
      expect(decision.to).toBe(step.to);
      expect(decision.effects).toEqual(step.effects);
      expect(decision.catatan).toBeNull();
      if (step.input !== undefined) expect(decision.input).toEqual(step.input);
    });

    it('also succeeds for a user holding that role among others', () => {
      const others = ROLE_KEYS.filter((role) => role !== step.role).slice(0, 2);
      expectOk(run(BERITA, berita(step.from), { ke: step.to, data: step.data }, actor([...others, step.role])));
    });

    it.each(ROLE_KEYS.filter((role) => role !== step.role && role !== step.also))('refuses %s with reason peran', (role) => {
      const refusal = expectRefusal(run(BERITA, berita(step.from), { ke: step.to, data: step.data }, actor([role])), 'peran');
      expect(refusal.message).toMatch(/tidak berwenang/);
    });

    it('refuses a user without any role with reason peran', () => {
      expectRefusal(run(BERITA, berita(step.from), { ke: step.to, data: step.data }, actor([])), 'peran');
    });
  });

  it('keeps an optional catatan, trimmed', () => {
    const decision = expectOk(run(BERITA, berita('diterima'), { ke: 'diperiksa', catatan: '  tujuan jelas  ' }, actor(['operator'])));
    expect(decision.catatan).toBe('tujuan jelas');
  });

  it('accepts an empty kartu kendali (every field of it is optional)', () => {
    const decision = expectOk(run(BERITA, berita('diagendakan'), { ke: 'diteruskan_ke_kasi' }, actor(['operator'])));
    expect(decision.effects).toEqual([{ type: 'createKartuKendali', isian: {} }]);
  });

  it('coerces a caraka id sent as a string from a form', () => {
    const decision = expectOk(run(BERITA, berita('diparaf_kadis'), { ke: 'ditugaskan_ke_caraka', data: { caraka: '12' } }, actor(['kasi'])));
    expect(decision.effects).toEqual([{ type: 'createDistribusi', caraka: 12 }]);
  });

  it('sets the print count to the number of recipients', () => {
    const penerima: Penerima[] = [KEPALA_OPD, { kategori: 'lainnya', saluran: 'faksimili' }, { kategori: 'sekda', saluran: 'ajudan' }];
    const decision = expectOk(run(BERITA, berita('diperiksa', { penerima }), { ke: 'dicetak' }, actor(['operator'])));
    expect(decision.effects).toEqual([{ type: 'setJumlahCetak', jumlah: 3 }]);
  });
});

describe('decide — berita, send back and void', () => {
  const backRoles: readonly RoleKey[] = ['kasi', 'kabid', 'kadis'];

  describe.each(PARAF_STEPS.map((from) => [from] as const))('from %s back to diperiksa', (from) => {
    it.each(backRoles.map((role) => [role] as const))('succeeds for %s with a catatan and clears the paraf', (role) => {
      const decision = expectOk(run(BERITA, berita(from), { ke: 'diperiksa', catatan: ' Perihal tidak sesuai ' }, actor([role])));
      expect(decision.to).toBe('diperiksa');
      expect(decision.effects).toEqual([{ type: 'clearSignatures', dokumen: 'kartuKendali' }]);
      expect(decision.catatan).toBe('Perihal tidak sesuai');
      expect(decision.transition.kind).toBe('kembali');
    });

    it.each(ROLE_KEYS.filter((role) => !backRoles.includes(role)).map((role) => [role] as const))('refuses %s with reason peran', (role) => {
      expectRefusal(run(BERITA, berita(from), { ke: 'diperiksa', catatan: 'alasan' }, actor([role])), 'peran');
    });

    it.each([
      ['without a catatan', undefined],
      ['with an empty catatan', ''],
      ['with a blank catatan', '   \n\t'],
      ['with a null catatan', null],
    ] as const)('refuses %s with reason input on catatan', (_name, catatan) => {
      const refusal = expectRefusal(run(BERITA, berita(from), { ke: 'diperiksa', catatan }, actor(['kabid'])), 'input');
      expect(refusal.issues).toEqual([{ path: 'catatan', message: 'wajib diisi' }]);
      expect(refusal.message).toMatch(/Catatan wajib diisi/);
    });
  });

  it('from diterima only the operator moves to diperiksa: a paraf role trying it gets peran', () => {
    for (const role of backRoles) {
      expectRefusal(run(BERITA, berita('diterima'), { ke: 'diperiksa', catatan: 'alasan' }, actor([role])), 'peran');
    }
  });

  it.each(['dicetak', 'diagendakan', 'ditugaskan_ke_caraka', 'didistribusikan', 'tanda_terima_diserahkan'].map((from) => [from]))(
    'cannot send back from %s (not a paraf step)',
    (from) => {
      expectRefusal(run(BERITA, berita(from), { ke: 'diperiksa', catatan: 'alasan' }, actor(['kasi', 'kabid', 'kadis'])), 'tahap');
    }
  );

  describe.each(NON_FINAL_BERITA.map((from) => [from] as const))('void from %s', (from) => {
    it('succeeds for the operator with a catatan', () => {
      const decision = expectOk(run(BERITA, berita(from), { ke: 'batal', catatan: 'Salah kirim' }, actor(['operator'])));
      expect(decision.to).toBe('batal');
      expect(decision.effects).toEqual([]);
      expect(decision.catatan).toBe('Salah kirim');
    });

    it('refuses the operator without a catatan', () => {
      const refusal = expectRefusal(run(BERITA, berita(from), { ke: 'batal' }, actor(['operator'])), 'input');
      expect(refusal.issues.map((issue) => issue.path)).toEqual(['catatan']);
    });

    it.each(ROLE_KEYS.filter((role) => role !== 'operator').map((role) => [role] as const))('refuses %s with reason peran', (role) => {
      expectRefusal(run(BERITA, berita(from), { ke: 'batal', catatan: 'Salah kirim' }, actor([role])), 'peran');
    });
  });

  it.each(FINAL_BERITA.map((from) => [from]))('cannot void a berita that is already %s', (from) => {
    expectRefusal(run(BERITA, berita(from), { ke: 'batal', catatan: 'lagi' }, actor(['operator'])), 'tahap');
  });
});

describe('decide — state checks', () => {
  const everyone = actor(ROLE_KEYS);

  it.each([
    ['diterima', 'dicetak'],
    ['diperiksa', 'diagendakan'],
    ['dicetak', 'diteruskan_ke_kasi'],
    ['diteruskan_ke_kasi', 'diparaf_kabid'],
    ['diparaf_kasi', 'diparaf_kadis'],
    ['diparaf_kabid', 'ditugaskan_ke_caraka'],
    ['diparaf_kadis', 'didistribusikan'],
    ['ditugaskan_ke_caraka', 'tanda_terima_diserahkan'],
    ['didistribusikan', 'diarsipkan'],
    ['diarsipkan', 'diperiksa'],
    ['batal', 'diterima'],
    ['diparaf_kabid', 'diparaf_kasi'],
  ])('skipping from %s to %s is refused with reason tahap', (from, to) => {
    const refusal = expectRefusal(run(BERITA, berita(from), { ke: to, catatan: 'x' }, everyone), 'tahap');
    expect(refusal.message).toMatch(/Tidak dapat berpindah dari/);
  });

  it('reports the state before the role: a wrong step by the wrong role is tahap', () => {
    expectRefusal(run(BERITA, berita('diterima'), { ke: 'diparaf_kasi' }, actor(['caraka'])), 'tahap');
  });

  it('refuses every pair of states no transition joins, whatever the roles', () => {
    for (const definition of [BERITA, DISTRIBUSI]) {
      for (const from of definition.states) {
        for (const to of definition.states) {
          if (findTransition(definition, from.key, to.key)) continue;
          const record = definition === BERITA ? berita(from.key) : salinan({ tahap: from.key });
          const result = run(definition, record, { ke: to.key, catatan: 'x' }, actor(ROLE_KEYS, 7));
          expect([`${from.key}→${to.key}`, result.ok ? 'ok' : result.reason]).toEqual([`${from.key}→${to.key}`, 'tahap']);
        }
      }
    }
  });

  it.each([['tidak_ada'], [''], ['DIPERIKSA'], ['constructor'], ['__proto__']])('an unknown target state %p is reason input on ke', (ke) => {
    const refusal = expectRefusal(run(BERITA, berita('diterima'), { ke }, actor([])), 'input');
    expect(refusal.issues).toEqual([{ path: 'ke', message: 'tidak dikenal' }]);
  });

  it('an unknown target state on a distribusi is reason input too', () => {
    expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'diarsipkan' }, actor(['caraka'], 7)), 'input');
  });

  it('a record in a state the definition does not know cannot move', () => {
    expectRefusal(run(BERITA, berita('hilang'), { ke: 'diperiksa' }, everyone), 'tahap');
  });
});

describe('decide — input', () => {
  it.each([
    ['missing data', undefined],
    ['null data', null],
    ['an empty object', {}],
    ['a non-numeric caraka', { caraka: 'budi' }],
    ['caraka zero', { caraka: 0 }],
    ['a negative caraka', { caraka: -3 }],
    ['a fractional caraka', { caraka: 1.5 }],
  ])('ditugaskan_ke_caraka with %s is reason input on data.caraka', (_name, data) => {
    const refusal = expectRefusal(run(BERITA, berita('diparaf_kadis'), { ke: 'ditugaskan_ke_caraka', data }, actor(['kasi'])), 'input');
    expect(refusal.issues.map((issue) => issue.path)).toEqual(['data.caraka']);
    expect(refusal.message).toMatch(/data\.caraka/);
  });

  it('ditugaskan_ke_caraka with an unexpected key is reason input on data', () => {
    const refusal = expectRefusal(
      run(BERITA, berita('diparaf_kadis'), { ke: 'ditugaskan_ke_caraka', data: { caraka: 7, sandiman: 3 } }, actor(['kasi'])),
      'input'
    );
    expect(refusal.issues.map((issue) => issue.path)).toEqual(['data']);
  });

  it('ditugaskan_ke_caraka with a string body is reason input on data', () => {
    const refusal = expectRefusal(run(BERITA, berita('diparaf_kadis'), { ke: 'ditugaskan_ke_caraka', data: '7' }, actor(['kasi'])), 'input');
    expect(refusal.issues.map((issue) => issue.path)).toEqual(['data']);
  });

  it('checks input before guards: bad data on a record that also fails a guard is input', () => {
    const record = berita('diparaf_kadis', { paraf: {}, penerima: [] });
    expectRefusal(run(BERITA, record, { ke: 'ditugaskan_ke_caraka', data: {} }, actor(['kasi'])), 'input');
  });

  it('checks the role before input: bad data from the wrong role is peran', () => {
    expectRefusal(run(BERITA, berita('diparaf_kadis'), { ke: 'ditugaskan_ke_caraka', data: {} }, actor(['operator'])), 'peran');
  });

  it('kartu kendali refuses unknown fields and overlong values, naming the path', () => {
    const unknownKey = expectRefusal(
      run(BERITA, berita('diagendakan'), { ke: 'diteruskan_ke_kasi', data: { nomor: '1' } }, actor(['operator'])),
      'input'
    );
    expect(unknownKey.issues.map((issue) => issue.path)).toEqual(['data']);
    const overlong = expectRefusal(
      run(BERITA, berita('diagendakan'), { ke: 'diteruskan_ke_kasi', data: { indeks: 'x'.repeat(101) } }, actor(['operator'])),
      'input'
    );
    expect(overlong.issues.map((issue) => issue.path)).toEqual(['data.indeks']);
  });

  const noInputSteps = BERITA_STEPS.filter((step) => step.data === undefined);

  it.each(noInputSteps.map((step) => [step.from, step.to, step.role] as const))(
    '%s → %s takes no data: unexpected data is reason input on data',
    (from, to, role) => {
      for (const data of [{ caraka: 7 }, 'x', 0, false, [1]]) {
        const refusal = expectRefusal(run(BERITA, berita(from), { ke: to, data }, actor([role])), 'input');
        expect(refusal.issues).toEqual([{ path: 'data', message: 'tidak diharapkan' }]);
      }
    }
  );

  it.each(noInputSteps.map((step) => [step.from, step.to, step.role] as const))('%s → %s accepts an absent, null or empty body', (from, to, role) => {
    for (const data of [undefined, null, {}]) {
      expectOk(run(BERITA, berita(from), { ke: to, data }, actor([role])));
    }
  });

  it('unexpected data on a send-back is reason input', () => {
    const refusal = expectRefusal(
      run(BERITA, berita('diparaf_kabid'), { ke: 'diperiksa', catatan: 'alasan', data: { paraf: false } }, actor(['kabid'])),
      'input'
    );
    expect(refusal.issues.map((issue) => issue.path)).toEqual(['data']);
  });
});

describe('decide — berita guards', () => {
  it('dicetak without recipients is syarat', () => {
    const refusal = expectRefusal(run(BERITA, berita('diperiksa', { penerima: [] }), { ke: 'dicetak' }, actor(['operator'])), 'syarat');
    expect(refusal.message).toMatch(/belum memiliki penerima/);
  });

  it('dicetak with a Wali Kota reached by caraka breaks the channel rule', () => {
    const penerima: Penerima[] = [KEPALA_OPD, { nama: 'Bapak Wali Kota', kategori: 'walikota', saluran: 'caraka' }];
    const refusal = expectRefusal(run(BERITA, berita('diperiksa', { penerima }), { ke: 'dicetak' }, actor(['operator'])), 'syarat');
    expect(refusal.message).toBe('Wali Kota (Bapak Wali Kota) harus menerima melalui ajudan, bukan diantar caraka.');
  });

  it.each([
    [{ kategori: 'sekda', saluran: 'faksimili' }, /Sekretaris Daerah .* harus menerima melalui ajudan, bukan faksimili/],
    [{ kategori: 'asisten', saluran: 'surat_online' }, /Asisten .* harus menerima melalui ajudan, bukan aplikasi surat online/],
    [
      { kategori: 'kepala_opd', saluran: 'ajudan' },
      /Kepala OPD .* harus menerima diantar caraka, atau faksimili, atau aplikasi surat online, bukan melalui ajudan/,
    ],
    [{ kategori: 'lainnya', saluran: 'ajudan' }, /Lainnya \(penerima ke-1\) harus menerima/],
  ] as const)('dicetak refuses %p', (one, message) => {
    const refusal = expectRefusal(run(BERITA, berita('diperiksa', { penerima: [one] }), { ke: 'dicetak' }, actor(['operator'])), 'syarat');
    expect(refusal.message).toMatch(message);
  });

  it.each([
    [{ kategori: 'walikota', saluran: 'ajudan' }],
    [{ kategori: 'sekda', saluran: 'ajudan' }],
    [{ kategori: 'asisten', saluran: 'ajudan' }],
    [{ kategori: 'kepala_opd', saluran: 'caraka' }],
    [{ kategori: 'kepala_opd', saluran: 'faksimili' }],
    [{ kategori: 'lainnya', saluran: 'surat_online' }],
  ] as const)('dicetak accepts %p', (one) => {
    expectOk(run(BERITA, berita('diperiksa', { penerima: [one] }), { ke: 'dicetak' }, actor(['operator'])));
  });

  it('ditugaskan_ke_caraka applies the channel rule and needs recipients again', () => {
    const wrong: Penerima[] = [{ kategori: 'walikota', saluran: 'caraka' }];
    expect(
      expectRefusal(
        run(BERITA, berita('diparaf_kadis', { penerima: wrong }), { ke: 'ditugaskan_ke_caraka', data: { caraka: 7 } }, actor(['kasi'])),
        'syarat'
      ).message
    ).toMatch(/Wali Kota .* melalui ajudan/);
    expect(
      expectRefusal(
        run(BERITA, berita('diparaf_kadis', { penerima: [] }), { ke: 'ditugaskan_ke_caraka', data: { caraka: 7 } }, actor(['kasi'])),
        'syarat'
      ).message
    ).toMatch(/belum memiliki penerima/);
  });

  it('paraf run up the ranks: Kabid needs the Kasi paraf, Kadis needs both, caraka needs all three', () => {
    expect(expectRefusal(run(BERITA, berita('diparaf_kasi', { paraf: {} }), { ke: 'diparaf_kabid' }, actor(['kabid'])), 'syarat').message).toBe(
      'Paraf belum lengkap: Kepala Seksi Persandian dan Keamanan Informasi.'
    );
    expect(
      expectRefusal(run(BERITA, berita('diparaf_kabid', { paraf: { kasi: true } }), { ke: 'diparaf_kadis' }, actor(['kadis'])), 'syarat').message
    ).toBe('Paraf belum lengkap: Kepala Bidang Aplikasi dan Persandian.');
    expect(
      expectRefusal(
        run(
          BERITA,
          berita('diparaf_kadis', { paraf: { kasi: true, kabid: false } }),
          { ke: 'ditugaskan_ke_caraka', data: { caraka: 7 } },
          actor(['kasi'])
        ),
        'syarat'
      ).message
    ).toBe('Paraf belum lengkap: Kepala Bidang Aplikasi dan Persandian, Kepala Dinas.');
  });

  describe.each([
    ['ditugaskan_ke_caraka', 'didistribusikan', 'caraka'],
    ['didistribusikan', 'tanda_terima_diserahkan', 'caraka'],
    ['tanda_terima_diserahkan', 'diarsipkan', 'operator'],
  ] as const)('%s → %s needs every copy received', (from, to, role) => {
    it('refuses while a copy is still out', () => {
      const record = berita(from, { distribusi: [{ tahap: 'diterima' }, { tahap: 'ditugaskan' }] });
      expect(expectRefusal(run(BERITA, record, { ke: to }, actor([role])), 'syarat').message).toBe('Masih ada 1 salinan tanpa tanda terima.');
    });

    it('refuses while a copy failed', () => {
      const record = berita(from, { distribusi: [{ tahap: 'gagal' }, { tahap: 'gagal' }] });
      expect(expectRefusal(run(BERITA, record, { ke: to }, actor([role])), 'syarat').message).toBe('Masih ada 2 salinan tanpa tanda terima.');
    });

    it('refuses with no copies at all', () => {
      const record = berita(from, { distribusi: [] });
      expect(expectRefusal(run(BERITA, record, { ke: to }, actor([role])), 'syarat').message).toMatch(/Belum ada salinan/);
    });

    it('refuses with fewer copies than recipients', () => {
      const record = berita(from, { distribusi: [{ tahap: 'diterima' }] });
      expect(expectRefusal(run(BERITA, record, { ke: to }, actor([role])), 'syarat').message).toMatch(/Belum setiap penerima/);
    });
  });

  it('diarsipkan needs all three paraf', () => {
    const record = berita('tanda_terima_diserahkan', { paraf: { kasi: true, kabid: true } });
    expect(expectRefusal(run(BERITA, record, { ke: 'diarsipkan' }, actor(['operator'])), 'syarat').message).toMatch(
      /Paraf belum lengkap: Kepala Dinas/
    );
  });
});

describe('decide — distribusi', () => {
  const receipt = { diterimaOleh: 'Siti Aminah' };

  it('the assigned Caraka records the receipt of a berita copy', () => {
    const decision = expectOk(run(DISTRIBUSI, salinan(), { ke: 'diterima', data: receipt }, actor(['caraka'], 7)));
    expect(decision.to).toBe('diterima');
    expect(decision.effects).toEqual([{ type: 'recordReceipt', diterimaOleh: 'Siti Aminah', waktu: NOW.toISOString(), bukti: null }]);
  });

  it('keeps the receipt time and proof that were given', () => {
    const decision = expectOk(
      run(
        DISTRIBUSI,
        salinan(),
        { ke: 'diterima', data: { diterimaOleh: ' Siti ', waktu: '2026-11-02T09:30:00+07:00', bukti: '15' } },
        actor(['caraka'], 7)
      )
    );
    expect(decision.effects).toEqual([{ type: 'recordReceipt', diterimaOleh: 'Siti', waktu: '2026-11-02T09:30:00+07:00', bukti: 15 }]);
  });

  it('a Caraka who is not the assigned one is refused for a berita copy (peran, 403)', () => {
    const refusal = expectRefusal(run(DISTRIBUSI, salinan({ caraka: 7 }), { ke: 'diterima', data: receipt }, actor(['caraka'], 8)), 'peran');
    expect(refusal.message).toMatch(/Hanya Caraka yang ditugaskan/);
    expectRefusal(run(DISTRIBUSI, salinan({ caraka: 7 }), { ke: 'gagal', catatan: 'alamat tutup' }, actor(['caraka'], 8)), 'peran');
  });

  it('a Sandiman cannot record the receipt of a berita copy', () => {
    expectRefusal(run(DISTRIBUSI, salinan({ sandiman: 5 }), { ke: 'diterima', data: receipt }, actor(['sandiman'], 5)), 'peran');
  });

  it('any Caraka or the assigned Sandiman records the receipt of a kriptogram copy', () => {
    const copy = salinan({ jenisInduk: 'kriptogram', indukTahap: 'dinomori', caraka: null, sandiman: 5 });
    expectOk(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['caraka'], 99)));
    expectOk(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['sandiman'], 5)));
    expectOk(run(DISTRIBUSI, copy, { ke: 'gagal', catatan: 'tidak ada di tempat' }, actor(['caraka'], 42)));
    expect(expectRefusal(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['sandiman'], 6)), 'peran').message).toMatch(
      /Hanya Sandiman yang ditugaskan atau Caraka/
    );
  });

  it("a bound record's copy (salinanPerPenerima): only its Caraka, and only while the record stays in the state that made it", () => {
    const copy = salinan({ jenisInduk: 'terikat', indukTahap: 'diantar', indukTahapAntar: 'diantar', caraka: 7, sandiman: null });
    expectOk(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['caraka'], 7)));
    expect(expectRefusal(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['caraka'], 8)), 'peran').message).toMatch(
      /Hanya Caraka yang ditugaskan/
    );
    expectRefusal(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['sandiman'], 5)), 'peran');
    const message = 'Naskah induk tidak sedang dalam tahap distribusi.';
    for (const moved of [{ indukTahap: 'dikirim' }, { indukTahap: '' }, { indukTahapAntar: null }]) {
      expect(expectRefusal(run(DISTRIBUSI, { ...copy, ...moved }, { ke: 'diterima', data: receipt }, actor(['caraka'], 7)), 'syarat').message).toBe(
        message
      );
    }
  });

  it.each([
    ['berita', 'didistribusikan'],
    ['berita', 'diparaf_kadis'],
    ['berita', 'batal'],
    ['kriptogram', 'ditugaskan_ke_caraka'],
    ['kriptogram', 'diarsipkan'],
  ] as const)('a %s parent in %s is not delivering: syarat', (jenisInduk, indukTahap) => {
    const copy = salinan({ jenisInduk, indukTahap, sandiman: 7 });
    const message = 'Naskah induk tidak sedang dalam tahap distribusi.';
    expect(expectRefusal(run(DISTRIBUSI, copy, { ke: 'diterima', data: receipt }, actor(['caraka'], 7)), 'syarat').message).toBe(message);
    expect(expectRefusal(run(DISTRIBUSI, copy, { ke: 'gagal', catatan: 'x' }, actor(['caraka'], 7)), 'syarat').message).toBe(message);
    expect(
      expectRefusal(run(DISTRIBUSI, { ...copy, tahap: 'gagal' }, { ke: 'ditugaskan', data: { caraka: 9 } }, actor(['kasi'])), 'syarat').message
    ).toBe(message);
  });

  it.each(ROLE_KEYS.filter((role) => role !== 'caraka' && role !== 'sandiman').map((role) => [role] as const))(
    'refuses %s on diterima and gagal with reason peran',
    (role) => {
      expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'diterima', data: receipt }, actor([role], 7)), 'peran');
      expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'gagal', catatan: 'x' }, actor([role], 7)), 'peran');
    }
  );

  it.each([
    ['missing data', undefined, 'data.diterimaOleh'],
    ['a one-letter name', { diterimaOleh: ' A ' }, 'data.diterimaOleh'],
    ['a malformed time', { diterimaOleh: 'Siti', waktu: 'kemarin' }, 'data.waktu'],
    ['a time without offset', { diterimaOleh: 'Siti', waktu: '2026-11-02T09:30:00' }, 'data.waktu'],
    ['a bad proof id', { diterimaOleh: 'Siti', bukti: 'foto' }, 'data.bukti'],
  ])('diterima with %s is reason input on %s', (_name, data, path) => {
    const refusal = expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'diterima', data }, actor(['caraka'], 7)), 'input');
    expect(refusal.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('a one-letter name says that the name is required', () => {
    const refusal = expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'diterima', data: { diterimaOleh: 'A' } }, actor(['caraka'], 7)), 'input');
    expect(refusal.issues[0]?.message).toBe('nama penerima wajib diisi');
  });

  it('a receipt time in the future is input (400); a minute of clock skew is tolerated', () => {
    const later = new Date(NOW.getTime() + 5 * 60_000).toISOString();
    const skew = new Date(NOW.getTime() + 30_000).toISOString();
    expect(
      expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'diterima', data: { diterimaOleh: 'Siti', waktu: later } }, actor(['caraka'], 7)), 'input')
        .message
    ).toMatch(/masa depan/);
    expectOk(run(DISTRIBUSI, salinan(), { ke: 'diterima', data: { diterimaOleh: 'Siti', waktu: skew } }, actor(['caraka'], 7)));
  });

  it('gagal needs a catatan, takes no data, and has no effects', () => {
    expect(expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'gagal' }, actor(['caraka'], 7)), 'input').issues).toEqual([
      { path: 'catatan', message: 'wajib diisi' },
    ]);
    expect(expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'gagal', catatan: '  ' }, actor(['caraka'], 7)), 'input').issues[0]?.path).toBe('catatan');
    expect(
      expectRefusal(run(DISTRIBUSI, salinan(), { ke: 'gagal', catatan: 'x', data: { alasan: 'x' } }, actor(['caraka'], 7)), 'input').issues[0]?.path
    ).toBe('data');
    const decision = expectOk(run(DISTRIBUSI, salinan(), { ke: 'gagal', catatan: 'Kantor tutup' }, actor(['caraka'], 7)));
    expect(decision.to).toBe('gagal');
    expect(decision.effects).toEqual([]);
    expect(decision.catatan).toBe('Kantor tutup');
  });

  it('the Kasi re-assigns a failed copy with data.caraka', () => {
    const decision = expectOk(run(DISTRIBUSI, salinan({ tahap: 'gagal' }), { ke: 'ditugaskan', data: { caraka: 9 } }, actor(['kasi'])));
    expect(decision.to).toBe('ditugaskan');
    expect(decision.effects).toEqual([{ type: 'assignUser', caraka: 9 }]);
  });

  it.each(ROLE_KEYS.filter((role) => role !== 'kasi').map((role) => [role] as const))('refuses %s to re-assign with reason peran', (role) => {
    expectRefusal(run(DISTRIBUSI, salinan({ tahap: 'gagal' }), { ke: 'ditugaskan', data: { caraka: 9 } }, actor([role], 7)), 'peran');
  });

  it('re-assigning without a caraka is reason input on data.caraka', () => {
    for (const data of [undefined, {}, { caraka: 'x' }, { caraka: 0 }]) {
      const refusal = expectRefusal(run(DISTRIBUSI, salinan({ tahap: 'gagal' }), { ke: 'ditugaskan', data }, actor(['kasi'])), 'input');
      expect(refusal.issues.map((issue) => issue.path)).toEqual(['data.caraka']);
    }
  });

  it('a received copy is final', () => {
    for (const ke of ['ditugaskan', 'gagal', 'diterima']) {
      expectRefusal(run(DISTRIBUSI, salinan({ tahap: 'diterima' }), { ke, catatan: 'x', data: { caraka: 7 } }, actor(ROLE_KEYS, 7)), 'tahap');
    }
  });

  it('skipping: a failed copy cannot be marked received before re-assignment', () => {
    expectRefusal(run(DISTRIBUSI, salinan({ tahap: 'gagal' }), { ke: 'diterima', data: receipt }, actor(['caraka'], 7)), 'tahap');
  });
});

describe('availableActions', () => {
  const keys = (definition: WorkflowDefinition, record: RecordFacts, roles: readonly RoleKey[]): string[] =>
    availableActions(definition, record, actor(roles)).map((action) => action.ke);

  it('offers each role only its own steps', () => {
    expect(keys(BERITA, berita('diterima'), ['operator'])).toEqual(['diperiksa', 'batal']);
    expect(keys(BERITA, berita('diterima'), ['kasi'])).toEqual([]);
    expect(keys(BERITA, berita('diteruskan_ke_kasi'), ['kasi'])).toEqual(['diparaf_kasi', 'diperiksa']);
    expect(keys(BERITA, berita('diteruskan_ke_kasi'), ['kabid'])).toEqual(['diperiksa']);
    expect(keys(BERITA, berita('diteruskan_ke_kasi'), ['operator'])).toEqual(['batal']);
    expect(keys(BERITA, berita('diteruskan_ke_kasi'), ['caraka'])).toEqual([]);
    expect(keys(BERITA, berita('diparaf_kabid'), ['kadis'])).toEqual(['diparaf_kadis', 'diperiksa']);
    expect(keys(BERITA, berita('diparaf_kadis'), ['kasi', 'operator'])).toEqual(['ditugaskan_ke_caraka', 'diperiksa', 'batal']);
    expect(keys(BERITA, berita('ditugaskan_ke_caraka'), ['caraka'])).toEqual(['didistribusikan']);
    expect(keys(BERITA, berita('tanda_terima_diserahkan'), ['operator'])).toEqual(['diarsipkan', 'batal']);
    expect(keys(DISTRIBUSI, salinan({ caraka: 1 }), ['caraka'])).toEqual(['diterima', 'gagal']);
    expect(keys(DISTRIBUSI, salinan({ caraka: 7 }), ['caraka'])).toEqual([]);
    expect(keys(DISTRIBUSI, salinan(), ['kasi'])).toEqual([]);
    expect(keys(DISTRIBUSI, salinan({ tahap: 'gagal' }), ['kasi'])).toEqual(['ditugaskan']);
    expect(keys(DISTRIBUSI, salinan({ tahap: 'gagal' }), ['caraka'])).toEqual([]);
  });

  it('carries the button label', () => {
    expect(availableActions(BERITA, berita('dicetak'), actor(['operator']))[0]).toMatchObject({
      ke: 'diagendakan',
      label: 'Agendakan di buku agenda surat masuk',
    });
  });

  it('offers nothing on a final state or to a user without roles', () => {
    for (const tahap of FINAL_BERITA) expect(keys(BERITA, berita(tahap), ROLE_KEYS)).toEqual([]);
    expect(keys(DISTRIBUSI, salinan({ tahap: 'diterima' }), ROLE_KEYS)).toEqual([]);
    for (const state of BERITA.states) expect(keys(BERITA, berita(state.key), [])).toEqual([]);
  });

  it('offers, in every state and for every single role, exactly the moves decide does not refuse for peran or tahap', () => {
    for (const definition of [BERITA, DISTRIBUSI]) {
      for (const state of definition.states) {
        const record = definition === BERITA ? berita(state.key) : salinan({ tahap: state.key });
        for (const role of ROLE_KEYS) {
          const offered = keys(definition, record, [role]);
          const allowed = definition.states
            .map((target) => target.key)
            .filter((ke) => {
              const result = run(definition, record, { ke, catatan: 'x' }, actor([role]));
              return result.ok || (result.reason !== 'peran' && result.reason !== 'tahap');
            });
          expect([definition.model, state.key, role, [...offered].sort()]).toEqual([definition.model, state.key, role, [...allowed].sort()]);
          expect(offered.every((ke) => transitionsFrom(definition, state.key).some((t) => t.to === ke && t.roles.includes(role)))).toBe(true);
        }
      }
    }
  });
});

describe('workflowFor', () => {
  it('finds berita and distribusi, and nothing for an inherited property name', () => {
    expect(workflowFor('berita')).toBe(BERITA);
    expect(workflowFor('distribusi')).toBe(DISTRIBUSI);
    expect(workflowFor('toString')).toBeUndefined();
    expect(workflowFor('__proto__')).toBeUndefined();
  });
});
