import definition from './definition.json';
import { BERITA_VOCABULARY } from './vocabulary';
import { vocabularyFor } from '../vocabulary';
import { compileWorkflow, transitionInput } from '../../plugins/sop/server/src/engine/index';
import type { WorkflowData, WorkflowDefinition } from '../../plugins/sop/server/src/engine/index';

export type { BeritaFacts, TingkatParaf } from './vocabulary';

/** SOP "Penerimaan Berita Biasa Email Sanapati", steps 1–11, as data (src/sop-defs/berita/definition.json). */
export const BERITA_DEFINITION = definition as unknown as WorkflowData;

/** SOP "Penerimaan Berita Biasa Email Sanapati", steps 1–11, compiled for `decide()`. */
export const BERITA: WorkflowDefinition = compileWorkflow(BERITA_DEFINITION, vocabularyFor(BERITA_VOCABULARY));

/** The berita's states and their labels. */
export const BERITA_STATES = BERITA.states;

/** Step 7–9's data: the Caraka assigned to the copies. */
export const carakaInput = transitionInput<{ caraka: number }>(BERITA, 'diparaf_kadis', 'ditugaskan_ke_caraka');

/** Step 5's data: the kartu kendali fields the Operator fills in. */
export const kartuKendaliInput = transitionInput<{ indeks?: string; kodeKlasifikasi?: string; pengolah?: string; catatan?: string }>(
  BERITA,
  'diagendakan',
  'diteruskan_ke_kasi'
);
