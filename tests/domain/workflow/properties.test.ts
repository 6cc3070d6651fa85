import fc from 'fast-check';
import { BERITA, type BeritaFacts, type TingkatParaf } from '../../../src/sop-defs/berita/workflow';
import { DISTRIBUSI, type DistribusiFacts } from '../../../src/sop-defs/distribusi/workflow';
import { ALLOWED_SALURAN, KATEGORI_PENERIMA, SALURAN, type Penerima } from '../../../src/domain/penerima';
import { ROLE_KEYS, type RoleKey } from '../../../src/domain/roles';
import { decide, findTransition, transitionsFrom, type TransitionRequest } from '../../../src/plugins/sop/server/src/engine/decide';
import type { Actor, Decision, Effect, Refusal, Transition, WorkflowDefinition } from '../../../src/plugins/sop/server/src/engine/types';

/*
 * A small pure simulation of one berita and its copies. The model holds what the
 * server would store; each action is decided by `decide` against facts built from
 * the model, and a successful decision is applied by interpreting its effects.
 */

const NOW = new Date('2026-11-02T03:00:00.000Z');
const RUNS = 500;
const CARAKA_IDS = [7, 8, 9] as const;
const TINGKAT: readonly TingkatParaf[] = ['kasi', 'kabid', 'kadis'];
/** Three different people give the three paraf (one person may give only one, DESIGN.md). */
const PEMARAF_ID: Record<string, number> = { diparaf_kasi: 101, diparaf_kabid: 102, diparaf_kadis: 103 };
const DELIVERY_CLOSE = ['didistribusikan', 'tanda_terima_diserahkan'];

type CopyModel = {
  tahap: string;
  /** index into the berita's penerima */
  penerima: number;
  caraka: number;
  diterimaOleh: string | null;
};

type Model = {
  tahap: string;
  penerima: readonly Penerima[];
  paraf: Partial<Record<TingkatParaf, boolean>>;
  /** who gave the paraf of the current round */
  pemaraf: number[];
  distribusi: CopyModel[];
  nomorAgenda: string | null;
  jumlahCetak: number | null;
  kartuKendali: number;
  nextAgenda: number;
};

type Target = { kind: 'berita' } | { kind: 'distribusi'; index: number };

type Attempt = {
  target: Target;
  request: TransitionRequest;
  actor: Actor;
};

type Outcome = {
  before: Model;
  attempt: Attempt;
  result: Decision | Refusal;
  after: Model;
};

const initialModel = (penerima: readonly Penerima[]): Model => ({
  tahap: BERITA.initial,
  penerima,
  paraf: {},
  pemaraf: [],
  distribusi: [],
  nomorAgenda: null,
  jumlahCetak: null,
  kartuKendali: 0,
  nextAgenda: 1,
});

const cloneModel = (model: Model): Model => ({
  ...model,
  paraf: { ...model.paraf },
  pemaraf: [...model.pemaraf],
  distribusi: model.distribusi.map((copy) => ({ ...copy })),
});

const beritaFacts = (model: Model): BeritaFacts => ({
  tahap: model.tahap,
  penerima: model.penerima,
  paraf: { ...model.paraf },
  pemaraf: [...model.pemaraf],
  caraka: [...new Set(model.distribusi.map((copy) => copy.caraka))],
  distribusi: model.distribusi.map((copy) => ({ tahap: copy.tahap })),
});

const copyFacts = (model: Model, copy: CopyModel): DistribusiFacts => ({
  tahap: copy.tahap,
  jenisInduk: 'berita',
  indukTahap: model.tahap,
  caraka: copy.caraka,
  sandiman: null,
  ditugaskanPada: null,
});

const definitionOf = (target: Target): WorkflowDefinition => (target.kind === 'berita' ? BERITA : DISTRIBUSI);

const tahapOf = (model: Model, target: Target): string => {
  if (target.kind === 'berita') return model.tahap;
  const copy = model.distribusi[target.index];
  if (!copy) throw new Error(`salinan ${target.index} tidak ada`);
  return copy.tahap;
};

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

const tingkatParameter = (effect: Effect): TingkatParaf => {
  const value = effect.tingkat;
  const found = TINGKAT.find((tingkat) => tingkat === value);
  if (!found) throw new Error(`efek recordSignature: tingkat ${String(value)} tidak dikenal`);
  return found;
};

/** Carries out a successful decision on a copy of the model, as the Strapi layer would. */
const applyDecision = (model: Model, target: Target, decision: Decision, actor: Actor): Model => {
  const next = cloneModel(model);
  const copy = target.kind === 'distribusi' ? next.distribusi[target.index] : undefined;
  if (target.kind === 'berita') next.tahap = decision.to;
  else if (copy) copy.tahap = decision.to;
  for (const effect of decision.effects) {
    switch (effect.type) {
      case 'setJumlahCetak':
        next.jumlahCetak = numberParameter(effect, 'jumlah');
        break;
      case 'assignAgendaNumber':
        if (stringParameter(effect, 'buku') !== 'surat-masuk') throw new Error('buku agenda salah');
        if (next.nomorAgenda === null) {
          next.nomorAgenda = `SM/${next.nextAgenda}`;
          next.nextAgenda += 1;
        }
        break;
      case 'createKartuKendali':
        next.kartuKendali += 1;
        break;
      case 'recordSignature':
        next.paraf[tingkatParameter(effect)] = true;
        next.pemaraf.push(actor.id);
        break;
      case 'clearSignatures':
        next.paraf = {};
        next.pemaraf = [];
        break;
      case 'createDistribusi': {
        const caraka = numberParameter(effect, 'caraka');
        next.penerima.forEach((_one, index) => next.distribusi.push({ tahap: DISTRIBUSI.initial, penerima: index, caraka, diterimaOleh: null }));
        break;
      }
      case 'recordReceipt':
        if (!copy) throw new Error('recordReceipt tanpa salinan');
        copy.diterimaOleh = stringParameter(effect, 'diterimaOleh');
        break;
      case 'assignUser':
        if (!copy) throw new Error('assignUser tanpa salinan');
        copy.caraka = numberParameter(effect, 'caraka');
        break;
      default:
        throw new Error(`efek tidak dikenal: ${effect.type}`);
    }
  }
  return next;
};

const attempt = (model: Model, action: Attempt): Outcome => {
  const { target, request, actor } = action;
  const definition = definitionOf(target);
  const facts = target.kind === 'berita' ? beritaFacts(model) : copyFacts(model, model.distribusi[target.index] as CopyModel);
  const result = decide(definition, facts, request, actor, NOW);
  const after = result.ok ? applyDecision(model, target, result, actor) : model;
  return { before: model, attempt: action, result, after };
};

/* ---------- random actions, resolved against the current model ---------- */

type Arah = 'maju' | 'mana_saja' | 'acak';
type ActorChoice = { mode: 'berwenang'; pick: number } | { mode: 'acak'; roles: RoleKey[] };
type DataChoice = 'sah' | 'kosong' | 'asing' | 'caraka_salah';

type Step = {
  target: number;
  arah: Arah;
  ke: number;
  actor: ActorChoice;
  /** 0 means the copy's assigned Caraka */
  actorId: number;
  data: DataChoice;
  catatan: boolean;
};

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
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
  actorId: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(...CARAKA_IDS) }),
  data: fc.oneof(
    { weight: 8, arbitrary: fc.constant<DataChoice>('sah') },
    { weight: 1, arbitrary: fc.constant<DataChoice>('kosong') },
    { weight: 1, arbitrary: fc.constant<DataChoice>('asing') },
    { weight: 1, arbitrary: fc.constant<DataChoice>('caraka_salah') }
  ),
  catatan: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

const penerimaSah: fc.Arbitrary<Penerima> = fc
  .constantFrom(...KATEGORI_PENERIMA)
  .chain((kategori) => fc.constantFrom(...ALLOWED_SALURAN[kategori]).map((saluran): Penerima => ({ kategori, saluran })));
const penerimaAcak: fc.Arbitrary<Penerima> = fc.record({ kategori: fc.constantFrom(...KATEGORI_PENERIMA), saluran: fc.constantFrom(...SALURAN) });
const penerimaArbitrary = fc.array(fc.oneof({ weight: 4, arbitrary: penerimaSah }, { weight: 1, arbitrary: penerimaAcak }), {
  minLength: 1,
  maxLength: 4,
});

const scenarioArbitrary = fc.record({
  penerima: penerimaArbitrary,
  steps: fc.array(stepArbitrary, { maxLength: 150, size: 'max' }),
});

const ALL_KEYS = (definition: WorkflowDefinition): string[] => [...definition.states.map((state) => state.key), 'tahap_tidak_dikenal'];

const validData = (target: Target, ke: string, caraka: number): unknown => {
  if (target.kind === 'berita' && ke === 'diteruskan_ke_kasi') return { indeks: 'Undangan rapat', kodeKlasifikasi: '005' };
  if (target.kind === 'berita' && ke === 'ditugaskan_ke_caraka') return { caraka };
  if (target.kind === 'distribusi' && ke === 'diterima') return { diterimaOleh: 'Siti Aminah' };
  if (target.kind === 'distribusi' && ke === 'ditugaskan') return { caraka };
  return undefined;
};

const resolveStep = (model: Model, step: Step): Attempt => {
  const copies = model.distribusi.length;
  const index = step.target % (copies + 1);
  const target: Target = index === copies ? { kind: 'berita' } : { kind: 'distribusi', index };
  const definition = definitionOf(target);
  const tahap = tahapOf(model, target);
  const leaving = transitionsFrom(definition, tahap);
  const forward = leaving.filter((candidate) => candidate.kind !== 'kembali' && candidate.kind !== 'batal');
  const pool = step.arah === 'maju' && forward.length > 0 ? forward : leaving;
  const keys = ALL_KEYS(definition);
  const ke = step.arah === 'acak' || pool.length === 0 ? (keys[step.ke % keys.length] as string) : (pool[step.ke % pool.length] as Transition).to;
  const transition = findTransition(definition, tahap, ke);

  const roles: RoleKey[] =
    step.actor.mode === 'acak'
      ? step.actor.roles
      : [
          transition
            ? (transition.roles[step.actor.pick % transition.roles.length] as RoleKey)
            : (ROLE_KEYS[step.actor.pick % ROLE_KEYS.length] as RoleKey),
        ];
  const assigned =
    target.kind === 'distribusi'
      ? (model.distribusi[target.index] as CopyModel).caraka
      : (PEMARAF_ID[ke] ?? (DELIVERY_CLOSE.includes(ke) ? model.distribusi[0]?.caraka : undefined) ?? CARAKA_IDS[0]);
  const id = step.actorId === 0 ? assigned : step.actorId;
  const carakaBaru = CARAKA_IDS[step.ke % CARAKA_IDS.length] as number;

  const data =
    step.data === 'sah'
      ? validData(target, ke, carakaBaru)
      : step.data === 'kosong'
        ? undefined
        : step.data === 'asing'
          ? { asing: true }
          : { caraka: 'bukan-angka' };
  return {
    target,
    request: { ke, data, catatan: step.catatan ? 'Mohon diperiksa ulang' : undefined },
    actor: { id, name: `pengguna-${id}`, roles },
  };
};

/** Runs a scenario, calling `check` after every attempt. Returns the final model. */
const simulate = (penerima: readonly Penerima[], steps: readonly Step[], check: (outcome: Outcome) => void): Model => {
  let model = initialModel(penerima);
  for (const step of steps) {
    const outcome = attempt(model, resolveStep(model, step));
    check(outcome);
    model = outcome.after;
  }
  return model;
};

const label = (outcome: Outcome): string =>
  `${outcome.attempt.target.kind}${outcome.attempt.target.kind === 'distribusi' ? `#${outcome.attempt.target.index}` : ''} ` +
  `${tahapOf(outcome.before, outcome.attempt.target)} → ${outcome.attempt.request.ke} oleh [${outcome.attempt.actor.roles.join(',')}]`;

/* ---------- the roles DESIGN.md's table names, written out independently ---------- */

const PARAF_STEPS = ['diteruskan_ke_kasi', 'diparaf_kasi', 'diparaf_kabid', 'diparaf_kadis'];
const NON_FINAL = BERITA.states.filter((state) => !state.final).map((state) => state.key);

type Expected = { from: readonly string[]; to: string; roles: readonly string[]; catatan?: 'wajib' };

const DESIGN_BERITA: readonly Expected[] = [
  { from: ['diterima'], to: 'diperiksa', roles: ['operator'] },
  { from: ['diperiksa'], to: 'dicetak', roles: ['operator'] },
  { from: ['dicetak'], to: 'diagendakan', roles: ['operator'] },
  { from: ['diagendakan'], to: 'diteruskan_ke_kasi', roles: ['operator'] },
  { from: ['diteruskan_ke_kasi'], to: 'diparaf_kasi', roles: ['kasi'] },
  { from: ['diparaf_kasi'], to: 'diparaf_kabid', roles: ['kabid'] },
  { from: ['diparaf_kabid'], to: 'diparaf_kadis', roles: ['kadis'] },
  { from: ['diparaf_kadis'], to: 'ditugaskan_ke_caraka', roles: ['kasi'] },
  { from: ['ditugaskan_ke_caraka'], to: 'didistribusikan', roles: ['caraka', 'kasi'] },
  { from: ['didistribusikan'], to: 'tanda_terima_diserahkan', roles: ['caraka', 'kasi'] },
  { from: ['tanda_terima_diserahkan'], to: 'diarsipkan', roles: ['operator'] },
  { from: PARAF_STEPS, to: 'diperiksa', roles: ['kasi', 'kabid', 'kadis'], catatan: 'wajib' },
  { from: NON_FINAL, to: 'batal', roles: ['operator'], catatan: 'wajib' },
];

const DESIGN_DISTRIBUSI: readonly Expected[] = [
  { from: ['ditugaskan'], to: 'diterima', roles: ['caraka', 'sandiman'] },
  { from: ['ditugaskan'], to: 'gagal', roles: ['caraka', 'sandiman'], catatan: 'wajib' },
  { from: ['gagal'], to: 'ditugaskan', roles: ['kasi'] },
];

const expectedRoles = (definition: WorkflowDefinition, from: string, to: string): readonly string[] => {
  const table = definition === BERITA ? DESIGN_BERITA : DESIGN_DISTRIBUSI;
  return table.find((row) => row.to === to && row.from.includes(from))?.roles ?? [];
};

const normalise = (rows: readonly Expected[]): { from: string[]; to: string; roles: string[]; catatan: string | null }[] =>
  rows
    .map((row) => ({ from: [...row.from].sort(), to: row.to, roles: [...row.roles].sort(), catatan: row.catatan ?? null }))
    .sort((a, b) => `${a.to}|${a.from.join()}`.localeCompare(`${b.to}|${b.from.join()}`));

describe('definitions match DESIGN.md "Who performs each transition"', () => {
  it('berita', () => {
    const actual = BERITA.transitions.map((t): Expected => ({
      from: t.from,
      to: t.to,
      roles: t.roles,
      catatan: t.catatan === 'wajib' ? 'wajib' : undefined,
    }));
    expect(normalise(actual)).toEqual(normalise(DESIGN_BERITA));
  });

  it('distribusi', () => {
    const actual = DISTRIBUSI.transitions.map((t): Expected => ({
      from: t.from,
      to: t.to,
      roles: t.roles,
      catatan: t.catatan === 'wajib' ? 'wajib' : undefined,
    }));
    expect(normalise(actual)).toEqual(normalise(DESIGN_DISTRIBUSI));
  });

  it('only the kartu kendali and the caraka assignment take data on a berita; receipts and re-assignment on a distribusi', () => {
    expect(
      BERITA.transitions
        .filter((t) => t.input)
        .map((t) => t.to)
        .sort()
    ).toEqual(['diteruskan_ke_kasi', 'ditugaskan_ke_caraka']);
    expect(
      DISTRIBUSI.transitions
        .filter((t) => t.input)
        .map((t) => t.to)
        .sort()
    ).toEqual(['diterima', 'ditugaskan']);
  });

  it('every transition joins known states and every state but the initial one has a way in', () => {
    for (const definition of [BERITA, DISTRIBUSI]) {
      const keys = definition.states.map((state) => state.key);
      expect(keys).toContain(definition.initial);
      for (const t of definition.transitions) {
        expect(keys).toContain(t.to);
        for (const from of t.from) expect(keys).toContain(from);
        for (const from of t.from) expect(definition.states.find((state) => state.key === from)?.final).toBeFalsy();
      }
    }
  });
});

/* ---------- b. reachability ---------- */

describe('b. every state is reachable', () => {
  /** Every move an authorised actor with valid input could try now. */
  const candidates = (model: Model): Attempt[] => {
    const targets: Target[] = [{ kind: 'berita' }, ...model.distribusi.map((_copy, index): Target => ({ kind: 'distribusi', index }))];
    const result: Attempt[] = [];
    for (const target of targets) {
      const definition = definitionOf(target);
      for (const transition of transitionsFrom(definition, tahapOf(model, target))) {
        for (const role of transition.roles) {
          const id =
            target.kind === 'distribusi'
              ? (model.distribusi[target.index] as CopyModel).caraka
              : (PEMARAF_ID[transition.to] ?? (DELIVERY_CLOSE.includes(transition.to) ? model.distribusi[0]?.caraka : undefined) ?? 7);
          result.push({
            target,
            request: { ke: transition.to, data: validData(target, transition.to, 8), catatan: transition.catatan ? 'alasan' : undefined },
            actor: { id, name: 'bfs', roles: [role] },
          });
        }
      }
    }
    return result;
  };

  const explore = (penerima: readonly Penerima[]) => {
    const start = initialModel(penerima);
    // the kartu kendali counter grows on every re-registration; leave it out so the loop closes
    const key = (model: Model): string => JSON.stringify({ ...model, kartuKendali: 0 });
    const seen = new Set<string>([key(start)]);
    const queue: Model[] = [start];
    const beritaStates = new Set<string>([start.tahap]);
    const copyStates = new Set<string>();
    const taken = new Set<string>();
    while (queue.length > 0) {
      const model = queue.shift() as Model;
      for (const action of candidates(model)) {
        const outcome = attempt(model, action);
        if (!outcome.result.ok) continue;
        const definition = definitionOf(action.target);
        taken.add(`${definition.model}:${outcome.result.from}→${outcome.result.to}`);
        beritaStates.add(outcome.after.tahap);
        for (const copy of outcome.after.distribusi) copyStates.add(copy.tahap);
        const next = key(outcome.after);
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(outcome.after);
        }
      }
    }
    return { beritaStates, copyStates, taken, size: seen.size };
  };

  it('from the initial state, with authorised actors and facts that satisfy the guards', () => {
    const { beritaStates, copyStates, taken, size } = explore([
      { kategori: 'walikota', saluran: 'ajudan' },
      { kategori: 'kepala_opd', saluran: 'caraka' },
    ]);
    expect([...beritaStates].sort()).toEqual(BERITA.states.map((state) => state.key).sort());
    expect([...copyStates].sort()).toEqual(DISTRIBUSI.states.map((state) => state.key).sort());
    const everyTransition = [BERITA, DISTRIBUSI].flatMap((definition) =>
      definition.transitions.flatMap((t) => t.from.map((from) => `${definition.model}:${from}→${t.to}`))
    );
    expect(everyTransition.filter((name) => !taken.has(name))).toEqual([]);
    expect(size).toBeGreaterThan(20);
  });

  it('but nothing beyond diperiksa is reachable when a recipient breaks the channel rule', () => {
    const { beritaStates } = explore([{ kategori: 'sekda', saluran: 'caraka' }]);
    expect([...beritaStates].sort()).toEqual(['batal', 'diperiksa', 'diterima']);
  });
});

/* ---------- properties over random scenarios ---------- */

describe('properties of random scenarios', () => {
  it('a. nothing is archived without all three paraf, one copy per recipient and a receipt for every copy', () => {
    let archived = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ penerima, steps }) => {
        const final = simulate(penerima, steps, (outcome) => {
          if (outcome.after.tahap !== 'diarsipkan') return;
          const model = outcome.after;
          expect(TINGKAT.filter((tingkat) => !model.paraf[tingkat])).toEqual([]);
          expect(model.distribusi.map((copy) => copy.penerima).sort()).toEqual(penerima.map((_one, index) => index));
          expect(model.distribusi.filter((copy) => copy.tahap !== 'diterima' || copy.diterimaOleh === null)).toEqual([]);
          expect(model.nomorAgenda).not.toBeNull();
          expect(model.jumlahCetak).toBe(penerima.length);
        });
        if (final.tahap === 'diarsipkan') archived += 1;
      }),
      { numRuns: RUNS }
    );
    // the generator must actually drive scenarios to the end, or the property says nothing
    expect(archived).toBeGreaterThan(RUNS / 50);
  });

  it('c. no transition succeeds for an actor lacking every role it names (random role sets, empty included)', () => {
    const lacking = (outcome: Outcome): boolean => {
      const definition = definitionOf(outcome.attempt.target);
      const allowed = expectedRoles(definition, tahapOf(outcome.before, outcome.attempt.target), outcome.attempt.request.ke);
      return !outcome.attempt.actor.roles.some((role) => allowed.includes(role));
    };
    let refusedForRole = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ penerima, steps }) => {
        simulate(penerima, steps, (outcome) => {
          if (!lacking(outcome)) return;
          if (outcome.result.ok) throw new Error(`berhasil tanpa peran: ${label(outcome)}`);
          if (outcome.result.reason === 'peran') refusedForRole += 1;
          if (findTransition(definitionOf(outcome.attempt.target), tahapOf(outcome.before, outcome.attempt.target), outcome.attempt.request.ke)) {
            expect(outcome.result.reason).toBe('peran');
          }
        });
      }),
      { numRuns: RUNS }
    );
    expect(refusedForRole).toBeGreaterThan(RUNS / 10);
  });

  it('c. (direct) any state, any target, any role subset: success implies a named role; a lacking actor on a real step gets peran', () => {
    const definitionArbitrary = fc.constantFrom(BERITA, DISTRIBUSI);
    fc.assert(
      fc.property(
        definitionArbitrary.chain((definition) =>
          fc.record({
            definition: fc.constant(definition),
            from: fc.constantFrom(...definition.states.map((state) => state.key)),
            ke: fc.constantFrom(...ALL_KEYS(definition)),
            roles: fc.oneof(fc.constant<RoleKey[]>([]), fc.subarray([...ROLE_KEYS])),
            id: fc.constantFrom(...CARAKA_IDS),
            jenisInduk: fc.constantFrom<'berita' | 'kriptogram'>('berita', 'kriptogram'),
          })
        ),
        ({ definition, from, ke, roles, id, jenisInduk }) => {
          const record =
            definition === BERITA
              ? {
                  tahap: from,
                  penerima: [{ kategori: 'kepala_opd', saluran: 'faksimili' }] satisfies Penerima[],
                  paraf: { kasi: true, kabid: true, kadis: true },
                  pemaraf: [],
                  caraka: [id],
                  distribusi: [{ tahap: 'diterima' }],
                }
              : {
                  tahap: from,
                  jenisInduk,
                  indukTahap: jenisInduk === 'berita' ? 'ditugaskan_ke_caraka' : 'dinomori',
                  caraka: id,
                  sandiman: id,
                  ditugaskanPada: null,
                };
          const target: Target = definition === BERITA ? { kind: 'berita' } : { kind: 'distribusi', index: 0 };
          const result = decide(definition, record, { ke, catatan: 'alasan', data: validData(target, ke, 7) }, { id, name: 'x', roles }, NOW);
          const allowed = expectedRoles(definition, from, ke);
          const hasRole = roles.some((role) => allowed.includes(role));
          if (result.ok) expect(hasRole).toBe(true);
          if (!hasRole && findTransition(definition, from, ke)) expect(result.ok ? 'ok' : result.reason).toBe('peran');
          if (hasRole && findTransition(definition, from, ke)) expect(result.ok).toBe(true);
        }
      ),
      { numRuns: 2000 }
    );
  });

  it('d. the agenda number, once assigned, never changes — through send-back and re-registration too', () => {
    let reRegistered = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ penerima, steps }) => {
        let agendaSteps = 0;
        simulate(penerima, steps, (outcome) => {
          if (outcome.before.nomorAgenda !== null) expect(outcome.after.nomorAgenda).toBe(outcome.before.nomorAgenda);
          const assigns = outcome.result.ok ? outcome.result.effects.filter((effect) => effect.type === 'assignAgendaNumber') : [];
          if (assigns.length > 0) {
            agendaSteps += 1;
            expect(outcome.result.ok && outcome.result.to).toBe('diagendakan');
            expect(assigns).toEqual([{ type: 'assignAgendaNumber', buku: 'surat-masuk' }]);
            expect(outcome.after.nomorAgenda).toBe('SM/1');
          }
          // a berita past the agenda step always carries its number
          const past = [
            'diagendakan',
            'diteruskan_ke_kasi',
            ...PARAF_STEPS,
            'ditugaskan_ke_caraka',
            'didistribusikan',
            'tanda_terima_diserahkan',
            'diarsipkan',
          ];
          if (past.includes(outcome.after.tahap)) expect(outcome.after.nomorAgenda).toBe('SM/1');
          expect(outcome.after.nextAgenda).toBeLessThanOrEqual(2);
        });
        if (agendaSteps > 1) reRegistered += 1;
      }),
      { numRuns: RUNS }
    );
    expect(reRegistered).toBeGreaterThan(RUNS / 100);
  });

  it('e. a paraf is never given out of order', () => {
    fc.assert(
      fc.property(scenarioArbitrary, ({ penerima, steps }) => {
        simulate(penerima, steps, (outcome) => {
          if (!outcome.result.ok) return;
          for (const effect of outcome.result.effects) {
            if (effect.type !== 'recordSignature') continue;
            const tingkat = tingkatParameter(effect);
            const below = TINGKAT.slice(0, TINGKAT.indexOf(tingkat));
            expect([tingkat, below.filter((lower) => !outcome.before.paraf[lower])]).toEqual([tingkat, []]);
            expect(outcome.before.paraf[tingkat]).toBeFalsy();
          }
          // the paraf given always form a prefix of kasi, kabid, kadis
          const given = TINGKAT.filter((tingkat) => outcome.after.paraf[tingkat]);
          expect(given).toEqual(TINGKAT.slice(0, given.length));
          // and match the step the berita stands on
          const expectedCount: Record<string, number> = {
            diterima: 0,
            diperiksa: 0,
            dicetak: 0,
            diagendakan: 0,
            diteruskan_ke_kasi: 0,
            diparaf_kasi: 1,
            diparaf_kabid: 2,
            diparaf_kadis: 3,
            ditugaskan_ke_caraka: 3,
            didistribusikan: 3,
            tanda_terima_diserahkan: 3,
            diarsipkan: 3,
          };
          const count = expectedCount[outcome.after.tahap];
          if (count !== undefined) expect([outcome.after.tahap, given.length]).toEqual([outcome.after.tahap, count]);
        });
      }),
      { numRuns: RUNS }
    );
  });

  it('g. no person gives two paraf on one berita, and only an assigned Caraka or a Kasi closes its delivery', () => {
    let refusedSecondParaf = 0;
    let closed = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ penerima, steps }) => {
        simulate(penerima, steps, (outcome) => {
          const { actor, request } = outcome.attempt;
          if (outcome.attempt.target.kind !== 'berita') return;
          const paraf = request.ke in PEMARAF_ID && findTransition(BERITA, outcome.before.tahap, request.ke);
          if (paraf && outcome.before.pemaraf.includes(actor.id) && actor.roles.some((role) => paraf.roles.includes(role))) {
            expect(outcome.result).toMatchObject({ ok: false });
            if (!outcome.result.ok && outcome.result.reason === 'peran') refusedSecondParaf += 1;
          }
          if (outcome.result.ok && outcome.result.effects.some((effect) => effect.type === 'recordSignature')) {
            expect(outcome.before.pemaraf).not.toContain(actor.id);
            expect(new Set(outcome.after.pemaraf).size).toBe(outcome.after.pemaraf.length);
          }
          if (outcome.result.ok && DELIVERY_CLOSE.includes(outcome.result.to)) {
            closed += 1;
            expect(actor.roles.includes('kasi') || outcome.before.distribusi.some((copy) => copy.caraka === actor.id)).toBe(true);
          }
        });
      }),
      { numRuns: RUNS }
    );
    expect(closed).toBeGreaterThan(RUNS / 20);
    // the generator must try second paraf by the same person, or the first half says nothing
    expect(refusedSecondParaf).toBeGreaterThan(0);
  });

  it('f. once diarsipkan or batal, no further transition succeeds on the berita or its copies', () => {
    let ended = 0;
    fc.assert(
      fc.property(scenarioArbitrary, ({ penerima, steps }) => {
        let closed = false;
        simulate(penerima, steps, (outcome) => {
          if (closed && outcome.result.ok) throw new Error(`berhasil setelah selesai: ${label(outcome)}`);
          if (outcome.after.tahap === 'diarsipkan' || outcome.after.tahap === 'batal') closed = true;
        });
        if (closed) ended += 1;
      }),
      { numRuns: RUNS }
    );
    expect(ended).toBeGreaterThan(RUNS / 10);
  });

  it('f. (direct) a closed berita refuses every target for every actor, and its copies cannot move', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('diarsipkan', 'batal'),
        fc.constantFrom(...ALL_KEYS(BERITA)),
        fc.constantFrom(...ALL_KEYS(DISTRIBUSI)),
        fc.constantFrom('ditugaskan', 'gagal', 'diterima'),
        fc.subarray([...ROLE_KEYS]),
        (tahap, ke, keSalinan, tahapSalinan, roles) => {
          const model: Model = {
            ...initialModel([{ kategori: 'lainnya', saluran: 'caraka' }]),
            tahap,
            paraf: { kasi: true, kabid: true, kadis: true },
          };
          model.distribusi = [{ tahap: tahapSalinan, penerima: 0, caraka: 7, diterimaOleh: null }];
          const actor: Actor = { id: 7, name: 'x', roles };
          for (const data of [undefined, validData({ kind: 'berita' }, ke, 7)]) {
            expect(attempt(model, { target: { kind: 'berita' }, request: { ke, data, catatan: 'x' }, actor }).result.ok).toBe(false);
          }
          const target: Target = { kind: 'distribusi', index: 0 };
          expect(attempt(model, { target, request: { ke: keSalinan, data: validData(target, keSalinan, 7), catatan: 'x' }, actor }).result.ok).toBe(
            false
          );
        }
      ),
      { numRuns: RUNS }
    );
  });
});

/* ---------- worked scenarios through the same simulation ---------- */

describe('the simulation on worked scenarios', () => {
  const act = (model: Model, target: Target, ke: string, roles: RoleKey[], extra: Partial<TransitionRequest> = {}, id = 7): Model => {
    const outcome = attempt(model, { target, request: { ke, ...extra }, actor: { id, name: 'x', roles } });
    if (!outcome.result.ok) throw new Error(`${ke}: ${outcome.result.reason} ${outcome.result.message}`);
    return outcome.after;
  };
  const berita: Target = { kind: 'berita' };

  it('runs the SOP end to end, keeping the agenda number through a send-back', () => {
    const penerima: Penerima[] = [
      { kategori: 'walikota', saluran: 'ajudan' },
      { kategori: 'kepala_opd', saluran: 'surat_online' },
      { kategori: 'lainnya', saluran: 'caraka' },
    ];
    let model = initialModel(penerima);
    model = act(model, berita, 'diperiksa', ['operator']);
    model = act(model, berita, 'dicetak', ['operator']);
    model = act(model, berita, 'diagendakan', ['operator']);
    expect(model.nomorAgenda).toBe('SM/1');
    model = act(model, berita, 'diteruskan_ke_kasi', ['operator']);
    model = act(model, berita, 'diparaf_kasi', ['kasi'], {}, 101);
    model = act(model, berita, 'diparaf_kabid', ['kabid'], {}, 102);
    model = act(model, berita, 'diperiksa', ['kadis'], { catatan: 'Tujuan kurang lengkap' });
    expect(model.paraf).toEqual({});
    expect(model.pemaraf).toEqual([]);
    model = act(model, berita, 'dicetak', ['operator']);
    model = act(model, berita, 'diagendakan', ['operator']);
    expect(model.nomorAgenda).toBe('SM/1');
    model = act(model, berita, 'diteruskan_ke_kasi', ['operator']);
    // one person holding all three ranks gives one paraf only
    const pimpinan: RoleKey[] = ['kasi', 'kabid', 'kadis'];
    model = act(model, berita, 'diparaf_kasi', pimpinan, {}, 101);
    expect(attempt(model, { target: berita, request: { ke: 'diparaf_kabid' }, actor: { id: 101, name: 'x', roles: pimpinan } }).result).toMatchObject(
      {
        ok: false,
        reason: 'peran',
      }
    );
    model = act(model, berita, 'diparaf_kabid', ['kabid'], {}, 102);
    model = act(model, berita, 'diparaf_kadis', ['kadis'], {}, 103);
    expect(model.pemaraf).toEqual([101, 102, 103]);
    model = act(model, berita, 'ditugaskan_ke_caraka', ['kasi'], { data: { caraka: 8 } });
    expect(model.distribusi.map((copy) => [copy.penerima, copy.caraka, copy.tahap])).toEqual([
      [0, 8, 'ditugaskan'],
      [1, 8, 'ditugaskan'],
      [2, 8, 'ditugaskan'],
    ]);
    model = act(model, { kind: 'distribusi', index: 1 }, 'gagal', ['caraka'], { catatan: 'Kantor tutup' }, 8);
    model = act(model, { kind: 'distribusi', index: 1 }, 'ditugaskan', ['kasi'], { data: { caraka: 9 } });
    expect(
      attempt(model, {
        target: { kind: 'distribusi', index: 1 },
        request: { ke: 'diterima', data: { diterimaOleh: 'Ajudan' } },
        actor: { id: 8, name: 'x', roles: ['caraka'] },
      }).result
    ).toMatchObject({
      ok: false,
      reason: 'peran',
    });
    model = act(model, { kind: 'distribusi', index: 0 }, 'diterima', ['caraka'], { data: { diterimaOleh: 'Ajudan Wali Kota' } }, 8);
    model = act(model, { kind: 'distribusi', index: 1 }, 'diterima', ['caraka'], { data: { diterimaOleh: 'Sekretariat' } }, 9);
    expect(
      attempt(model, { target: berita, request: { ke: 'didistribusikan' }, actor: { id: 8, name: 'x', roles: ['caraka'] } }).result
    ).toMatchObject({ ok: false, reason: 'syarat' });
    model = act(model, { kind: 'distribusi', index: 2 }, 'diterima', ['caraka'], { data: { diterimaOleh: 'Resepsionis' } }, 8);
    // a Caraka not assigned to any copy may not close the delivery; an assigned one or the Kasi may
    expect(
      attempt(model, { target: berita, request: { ke: 'didistribusikan' }, actor: { id: 7, name: 'x', roles: ['caraka'] } }).result
    ).toMatchObject({
      ok: false,
      reason: 'peran',
    });
    model = act(model, berita, 'didistribusikan', ['caraka'], {}, 9);
    model = act(model, berita, 'tanda_terima_diserahkan', ['kasi'], {}, 3);
    model = act(model, berita, 'diarsipkan', ['operator']);
    expect(model).toMatchObject({ tahap: 'diarsipkan', nomorAgenda: 'SM/1', jumlahCetak: 3, paraf: { kasi: true, kabid: true, kadis: true } });
    expect(model.distribusi.every((copy) => copy.tahap === 'diterima' && copy.diterimaOleh !== null)).toBe(true);
  });
});
