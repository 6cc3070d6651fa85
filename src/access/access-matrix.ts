/**
 * The access matrix: what each of the eight roles, a Super Admin and an anonymous
 * caller may do on each content type (content manager) and on each `/sop` route.
 *
 * Pure data, computed — not retyped — from the three declarations the server itself
 * runs on: ROLE_DECLARATIONS (the content-manager grants bootstrap gives each role),
 * the SOP workflow definitions (who performs which transition, and who among the
 * role's holders: the assigned Sandiman / Caraka), and GOVERNED_TYPES (what the SOP
 * workflow gate refuses whatever the grant: creating a copy or a card by hand,
 * deleting a processed record, editing an archived one). The only rules declared
 * here are those of the `/sop` routes that no other table holds (marked below).
 * tests/matrix/role-matrix.test.ts checks the running server against every cell.
 */
import { ROLE_DECLARATIONS, ROLE_KEYS, ROLE_NAMES, type ContentAction, type RoleKey } from '../domain/roles';
import { WORKFLOWS, rolesListableBy, GOVERNED_TYPES } from '../sop-defs';
import type { DistribusiFacts } from '../sop-defs/distribusi/workflow';
import { kriptogramEditorRule, type KriptogramFacts } from '../sop-defs/kriptogram/workflow';
import { KOREKSI } from '../sop-defs/koreksi';
import type { BeritaFacts } from '../sop-defs/berita/workflow';
import { mayAct } from '../plugins/sop/server/src/engine/index';
import type { Actor, RecordFacts, Transition, WorkflowDefinition } from '../plugins/sop/server/src/engine/index';
// How the document-service gate treats each content type, as the SOP registrations declare it.

/** Who calls: one of the eight roles, a Super Admin (no SOP role), or nobody signed in. */
export type Pelaku = RoleKey | 'superAdmin' | 'anonim';
export const PELAKU: readonly Pelaku[] = [...ROLE_KEYS, 'superAdmin', 'anonim'];
export const PELAKU_LABEL: Record<Pelaku, string> = { ...ROLE_NAMES, superAdmin: 'Super Admin', anonim: 'Anonim (tanpa login)' };

/**
 * One cell.
 * - `ya` — allowed;
 * - `tidak` — refused (403; 401 when not signed in);
 * - `ditugaskan` — allowed only to the holder of the role assigned to this record
 *   (the Sandiman of a kriptogram, the Caraka of a berita's copy); other holders get 403;
 * - `tahap-awal` — allowed while the record is still in its workflow's first state (delete);
 * - `belum-final` — allowed while the record is not archived / voided / closed (update).
 */
export type Izin = 'ya' | 'tidak' | 'ditugaskan' | 'tahap-awal' | 'belum-final';

export const allows = (izin: Izin): boolean => izin !== 'tidak';

// ---------------------------------------------------------------------------
// Content types (content manager)

export type ContentTypeInfo = { uid: string; nama: string; kind: 'collectionType' | 'singleType'; draftAndPublish: boolean };

/** Every content type of the app (the test checks this list against the running server's). */
export const CONTENT_TYPES: readonly ContentTypeInfo[] = [
  { uid: 'api::berita.berita', nama: 'Berita', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::kartu-kendali.kartu-kendali', nama: 'Kartu kendali', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::distribusi.distribusi', nama: 'Distribusi', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::kriptogram.kriptogram', nama: 'Kriptogram', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::salinan.salinan', nama: 'Salinan', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::pengaduan.pengaduan', nama: 'Pengaduan', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::standar-pelayanan.standar-pelayanan', nama: 'Standar pelayanan', kind: 'collectionType', draftAndPublish: true },
  { uid: 'api::hari-libur.hari-libur', nama: 'Hari libur', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::pelaksana.pelaksana', nama: 'Plh / Plt', kind: 'collectionType', draftAndPublish: false },
  { uid: 'api::instansi.instansi', nama: 'Instansi (kop)', kind: 'singleType', draftAndPublish: false },
];

/** The content-manager actions that apply to a content type. */
export const contentActions = (type: ContentTypeInfo): ContentAction[] =>
  type.kind === 'singleType'
    ? ['read', 'update', 'delete']
    : ['create', 'read', 'update', 'delete', ...(type.draftAndPublish ? (['publish'] as const) : [])];

/** The role's grant, as bootstrap applies it (Super Admin holds every grant). */
const grantOf = (pelaku: Pelaku, uid: string, action: ContentAction): { granted: boolean; fields?: readonly string[] } => {
  if (pelaku === 'anonim') return { granted: false };
  if (pelaku === 'superAdmin') return { granted: true };
  const declaration = ROLE_DECLARATIONS.find((role) => role.key === pelaku);
  const grant = declaration?.content.find((candidate) => candidate.uid === uid && candidate.actions.includes(action));
  return grant ? { granted: true, fields: grant.fields } : { granted: false };
};

const ACTOR_ID = 1_000_001;
const SOMEONE_ELSE = 1_000_002;

const actorOf = (pelaku: Pelaku): Actor => ({
  id: ACTOR_ID,
  name: PELAKU_LABEL[pelaku],
  roles: pelaku === 'superAdmin' || pelaku === 'anonim' ? [] : [pelaku],
});

/**
 * The gate's kriptogram editor rule (`kriptogramEditorRule`): whoever it allows on any
 * kriptogram keeps the gate's answer; a Sandiman only on his own (registered or assigned).
 */
const kriptogramEditorIzin = (pelaku: Pelaku, izin: Izin): Izin => {
  if (kriptogramEditorRule({ sandiman: SOMEONE_ELSE, pencatat: SOMEONE_ELSE }, actorOf(pelaku)) === null) return izin;
  return kriptogramEditorRule({ sandiman: ACTOR_ID, pencatat: null }, actorOf(pelaku)) === null ? 'ditugaskan' : 'tidak';
};

/** What the SOP workflow gate (src/plugins/sop/server/src/middlewares/gate.ts) leaves of a granted action. */
const gateOf = (uid: string, action: ContentAction, pelaku: Pelaku): Izin => {
  const governed = GOVERNED_TYPES[uid];
  if (!governed) return 'ya';
  if (governed.transitionOnly && action !== 'read' && action !== 'update') return 'tidak';
  const izin: Izin = governed.definition && action === 'delete' ? 'tahap-awal' : governed.definition && action === 'update' ? 'belum-final' : 'ya';
  return uid === 'api::kriptogram.kriptogram' && (action === 'update' || action === 'delete') ? kriptogramEditorIzin(pelaku, izin) : izin;
};

export type ContentCell = {
  uid: string;
  action: ContentAction;
  pelaku: Pelaku;
  izin: Izin;
  /** a read limited to these fields (the role's field allow-list) */
  kolom?: readonly string[];
};

export const contentCell = (uid: string, action: ContentAction, pelaku: Pelaku): ContentCell => {
  const grant = grantOf(pelaku, uid, action);
  const izin = grant.granted ? gateOf(uid, action, pelaku) : 'tidak';
  return { uid, action, pelaku, izin, ...(izin !== 'tidak' && grant.fields ? { kolom: grant.fields } : {}) };
};

export const CONTENT_MATRIX: readonly ContentCell[] = CONTENT_TYPES.flatMap((type) =>
  contentActions(type).flatMap((action) => PELAKU.map((pelaku) => contentCell(type.uid, action, pelaku)))
);

// ---------------------------------------------------------------------------
// SOP transitions (POST /sop/:model/:documentId/transisi)

/** The content-manager read grant: `/sop/:model/...` refuses (403) whoever may not read the type at all. */
export const mayReadType = (pelaku: Pelaku, uid: string): boolean => grantOf(pelaku, uid, 'read').granted;

/**
 * What a workflow's transitions are checked against. A subject with an assignment
 * names the role whose holder is assigned to the record and how the record's facts
 * say so; the actor rules of the definition are evaluated on both: assigned or not.
 */
export type TransitionSubject = {
  key: string;
  model: string;
  judul: string;
  facts?: Record<string, unknown>;
  assignment?: { role: RoleKey; facts: (userId: number) => Record<string, unknown> };
};

const distribusiFacts = (jenisInduk: DistribusiFacts['jenisInduk'], indukTahap: string): Partial<DistribusiFacts> => ({
  jenisInduk,
  indukTahap,
  caraka: null,
  sandiman: null,
  ditugaskanPada: null,
});

export const TRANSITION_SUBJECTS: readonly TransitionSubject[] = [
  {
    key: 'berita',
    model: 'berita',
    judul: 'Berita biasa',
    facts: { pemaraf: [], caraka: [] } satisfies Partial<BeritaFacts>,
    assignment: { role: 'caraka', facts: (userId): Partial<BeritaFacts> => ({ caraka: [userId] }) },
  },
  {
    key: 'kriptogram',
    model: 'kriptogram',
    judul: 'Kriptogram',
    assignment: { role: 'sandiman', facts: (userId): Partial<KriptogramFacts> => ({ sandiman: userId }) },
  },
  {
    key: 'distribusi-berita',
    model: 'distribusi',
    judul: 'Distribusi salinan berita',
    facts: distribusiFacts('berita', 'ditugaskan_ke_caraka'),
    assignment: { role: 'caraka', facts: (userId): Partial<DistribusiFacts> => ({ caraka: userId }) },
  },
  {
    key: 'distribusi-kriptogram',
    model: 'distribusi',
    judul: 'Distribusi salinan kriptogram',
    facts: distribusiFacts('kriptogram', 'dinomori'),
    assignment: { role: 'sandiman', facts: (userId): Partial<DistribusiFacts> => ({ sandiman: userId }) },
  },
  { key: 'pengaduan', model: 'pengaduan', judul: 'Pengaduan' },
];

const passesActorRules = (transition: Transition<unknown>, record: RecordFacts, actor: Actor): boolean =>
  (transition.actorRules ?? []).every((rule) => rule({ record, input: undefined, actor, now: new Date(0) }) === null);

const transitionIzin = (
  definition: WorkflowDefinition,
  subject: TransitionSubject,
  transition: Transition<unknown>,
  dari: string,
  pelaku: Pelaku
): Izin => {
  if (pelaku === 'anonim' || !mayReadType(pelaku, definition.uid)) return 'tidak';
  const actor = actorOf(pelaku);
  if (!mayAct(transition, actor)) return 'tidak';
  const base = { tahap: dari, ...(subject.facts ?? {}) };
  const unassigned = { ...base, ...(subject.assignment?.facts(SOMEONE_ELSE) ?? {}) } as RecordFacts;
  if (passesActorRules(transition, unassigned, actor)) return 'ya';
  if (subject.assignment && subject.assignment.role === pelaku) {
    const assigned = { ...base, ...subject.assignment.facts(ACTOR_ID) } as RecordFacts;
    if (passesActorRules(transition, assigned, actor)) return 'ditugaskan';
  }
  return 'tidak';
};

export type TransitionCell = {
  subject: string;
  model: string;
  dari: string;
  ke: string;
  label: string;
  izin: Record<Pelaku, Izin>;
};

/** One row per (subject, from-state, to-state) the definitions allow, with every caller's cell. */
export const TRANSITION_MATRIX: readonly TransitionCell[] = TRANSITION_SUBJECTS.flatMap((subject) => {
  const definition = WORKFLOWS[subject.model];
  return definition.transitions.flatMap((transition) =>
    transition.from.map((dari) => ({
      subject: subject.key,
      model: subject.model,
      dari,
      ke: transition.to,
      label: transition.label,
      izin: Object.fromEntries(PELAKU.map((pelaku) => [pelaku, transitionIzin(definition, subject, transition, dari, pelaku)])) as Record<
        Pelaku,
        Izin
      >,
    }))
  );
});

// ---------------------------------------------------------------------------
// `/sop` routes other than the transitions

export type RouteCell = { method: 'GET' | 'POST'; path: string; keterangan: string; izin: Record<Pelaku, Izin> };

const every = (izin: (pelaku: Pelaku) => Izin): Record<Pelaku, Izin> =>
  Object.fromEntries(PELAKU.map((pelaku) => [pelaku, izin(pelaku)])) as Record<Pelaku, Izin>;

/** Declared here (the routes hold no table of their own): any signed-in admin user. */
const anyStaff = every((pelaku) => (pelaku === 'anonim' ? 'tidak' : 'ya'));

/**
 * Declared here, as src/sop-defs/kriptogram/salinan.ts `mayReadPlaintext` enforces it: need to know —
 * the Kasi, and the Sandiman assigned to the kriptogram. Nobody else, Super Admin included.
 */
export const PLAINTEXT_READERS: Partial<Record<RoleKey, Izin>> = { kasi: 'ya', sandiman: 'ditugaskan' };

export const ROUTE_MATRIX: readonly RouteCell[] = [
  { method: 'GET', path: '/sop/definitions', keterangan: 'definisi alur SOP', izin: anyStaff },
  { method: 'GET', path: '/sop/audit/verify', keterangan: 'pemeriksaan rantai audit', izin: anyStaff },
  {
    method: 'GET',
    path: '/sop/pengguna',
    keterangan: 'pengguna peran Caraka (?peran=caraka): bagi yang menugaskan (rolesListableBy); pemegang peran hanya dirinya',
    izin: every((pelaku) =>
      pelaku === 'anonim' ? 'tidak' : pelaku === 'superAdmin' || pelaku === 'caraka' || rolesListableBy([pelaku]).has('caraka') ? 'ya' : 'tidak'
    ),
  },
  ...Object.values(WORKFLOWS).map((definition): RouteCell => ({
    method: 'GET',
    path: `/sop/${definition.model}/:documentId`,
    keterangan: `tampilan SOP ${definition.model} (hak baca ${definition.uid})`,
    izin: every((pelaku) => (mayReadType(pelaku, definition.uid) ? 'ya' : 'tidak')),
  })),
  ...Object.values(WORKFLOWS).map((definition): RouteCell => ({
    method: 'POST',
    path: `/sop/${definition.model}/:documentId/transisi`,
    keterangan: `sedikitnya satu transisi ${definition.model} (rincian: TRANSITION_MATRIX)`,
    izin: every((pelaku) => {
      const cells = TRANSITION_MATRIX.filter((cell) => cell.model === definition.model).map((cell) => cell.izin[pelaku]);
      return cells.includes('ya') ? 'ya' : cells.includes('ditugaskan') ? 'ditugaskan' : 'tidak';
    }),
  })),
  ...Object.values(KOREKSI).map((rule): RouteCell => ({
    method: 'POST',
    path: `/sop/${rule.model}/:documentId/koreksi`,
    keterangan: `koreksi data registrasi ${rule.model} (${rule.kolom.join(', ')}), dengan catatan`,
    izin: every((pelaku) => {
      if (pelaku === 'anonim' || !mayReadType(pelaku, rule.uid)) return 'tidak';
      const facts = { tahap: '', terdaftar: true, selesai: false, nilai: {} };
      if (rule.mayCorrect({ ...facts, sandiman: SOMEONE_ELSE, pencatat: SOMEONE_ELSE }, actorOf(pelaku)) === null) return 'ya';
      return rule.mayCorrect({ ...facts, sandiman: ACTOR_ID, pencatat: null }, actorOf(pelaku)) === null ? 'ditugaskan' : 'tidak';
    }),
  })),
  {
    method: 'GET',
    path: '/sop/kriptogram/:documentId/isi',
    keterangan: 'isi salinan (teks asli): perlu tahu',
    izin: every((pelaku) => (pelaku === 'anonim' || pelaku === 'superAdmin' ? 'tidak' : (PLAINTEXT_READERS[pelaku] ?? 'tidak'))),
  },
];

// ---------------------------------------------------------------------------
// A readable table

const SHORT: Record<Pelaku, string> = {
  operator: 'Opr',
  sandiman: 'Sdm',
  kasi: 'Kasi',
  kabid: 'Kbd',
  kadis: 'Kds',
  caraka: 'Crk',
  petugasPengaduan: 'PtA',
  pejabatPengaduan: 'PjA',
  superAdmin: 'SA',
  anonim: 'Anon',
};
const MARK: Record<Izin, string> = { ya: 'ya', tidak: '-', ditugaskan: 'tgs', 'tahap-awal': 'awal', 'belum-final': 'aktif' };

const table = (title: string, rows: readonly { label: string; izin: Record<Pelaku, Izin> }[]): string => {
  const width = Math.max(...rows.map((row) => row.label.length), title.length);
  const header = `${title.padEnd(width)} | ${PELAKU.map((pelaku) => SHORT[pelaku].padEnd(5)).join(' ')}`;
  return [
    header,
    '-'.repeat(header.length),
    ...rows.map((row) => `${row.label.padEnd(width)} | ${PELAKU.map((pelaku) => MARK[row.izin[pelaku]].padEnd(5)).join(' ')}`),
  ].join('\n');
};

/** The three tables as plain text (legend: ya, - = no, tgs = only the assigned, awal = first state only, aktif = not final). */
export const formatAccessMatrix = (): string => {
  const content = CONTENT_TYPES.flatMap((type) =>
    contentActions(type).map((action) => ({
      label: `${type.nama}: ${action}`,
      izin: Object.fromEntries(
        PELAKU.map((pelaku) => [
          pelaku,
          CONTENT_MATRIX.find((cell) => cell.uid === type.uid && cell.action === action && cell.pelaku === pelaku)!.izin,
        ])
      ) as Record<Pelaku, Izin>,
    }))
  );
  const routes = ROUTE_MATRIX.map((route) => ({ label: `${route.method} ${route.path}`, izin: route.izin }));
  const transitions = TRANSITION_MATRIX.map((cell) => ({ label: `${cell.subject}: ${cell.dari} → ${cell.ke}`, izin: cell.izin }));
  return [
    table('Content manager', content),
    table('Rute /sop', routes),
    table('Transisi SOP', transitions),
    'ya = boleh · - = ditolak · tgs = hanya yang ditugaskan · awal = hanya di tahap awal · aktif = selama belum final',
  ].join('\n\n');
};
