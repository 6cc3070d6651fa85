/**
 * The shapes the "Alur SOP" settings pages read from and send to `/sop/kosakata` and
 * `/sop/alur…`. The definition is the engine's `WorkflowData` (server/src/engine/definition.ts),
 * imported as types only, so nothing of the server's code reaches the browser bundle; a field's
 * `type` is any name `/sop/kosakata` offers while it is edited (the server checks it).
 */
import type {
  ChecklistItem,
  FieldSpec,
  Ref,
  StateData as EngineStateData,
  TransitionData as EngineTransitionData,
  WorkflowData as EngineWorkflowData,
} from '../../../server/src/engine/definition';
import type { Perbedaan } from '../../../server/src/engine/beda';

/** A reference to a vocabulary entry: its name and params. */
export type RefData = Ref;

/** One tick of a checklist field. */
export type ChecklistItemData = ChecklistItem;

/** One input field of a step, as the editor holds it. */
export type FieldSpecData = Omit<FieldSpec, 'type'> & { type: string };

/** A state (tahap); `final` ends the workflow. */
export type StateData = EngineStateData;

/** What a step means for the record: forward, back, or void. */
export type JenisTransisi = NonNullable<EngineTransitionData['kind']>;

/** One step between states. */
export type TransitionData = Omit<EngineTransitionData, 'input'> & { input?: FieldSpecData[] };

/** A whole workflow definition (`definisi`), as `src/sop-defs/<sop>/definition.json`. */
export type WorkflowData = Omit<EngineWorkflowData, 'transitions'> & { transitions: TransitionData[] };

/** A JSON Schema, as far as the params form reads it. */
export type JsonSchema = {
  type?: string | string[];
  title?: string;
  description?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
};

/** A guard or effect kind of the vocabulary, with the JSON Schema of its params (null: none). */
export type KosakataEntri = { type: string; describe?: string | null; params: JsonSchema | null };

/** `GET /sop/kosakata`. */
export type Kosakata = {
  guards: KosakataEntri[];
  effects: KosakataEntri[];
  fieldTypes: { type: string; describe?: string | null }[];
  roles: { key: string; nama: string; singkat?: string }[];
};

/** The life of a version: a draft can be edited, one version is active, retired ones are kept. */
export type StatusVersi = 'draf' | 'aktif' | 'pensiun';

/** Who made or changed a version: the server sends `{ id, nama }` (a bare name is accepted too). */
export type Pengubah = { id: number; nama: string } | string | null;

/** A version as listed. */
export type VersiRingkas = { nomor: number; status: StatusVersi; hash: string; diubahOleh?: Pengubah; updatedAt: string | null };

/** A version with its definition. */
export type Versi = VersiRingkas & {
  definisi: WorkflowData;
  dibuatOleh?: Pengubah;
  createdAt: string;
  diaktifkanPada?: string | null;
  dipensiunkanPada?: string | null;
};

/** A workflow as listed by `GET /sop/alur`. */
export type AlurRingkas = { model: string; nama: string; uid: string; versiAktif: number | null; versi: VersiRingkas[] };

/** A workflow with its versions, `GET /sop/alur/:model`. */
export type AlurDetail = Omit<AlurRingkas, 'versi'> & { versi: Versi[] };

/** `POST /sop/alur/periksa`: whether the definition may be activated, why not, and its diagram. */
export type HasilPeriksa = { sah: boolean; galat: string[]; diagram: { mermaid: string; svg: string } | null };

/** One difference between two versions, `GET /sop/alur/:model/beda`. */
export type Beda = Perbedaan;

/** A content type as `GET /content-manager/content-types` lists it. */
export type JenisKonten = { uid: string; kind: string; isDisplayed?: boolean; info: { displayName: string } };
