import definition from '../../sop-defs/berita/definition.json';
import { BERITA_VOCABULARY } from '../../sop-defs/berita/vocabulary';
import { vocabularyFor } from '../../sop-defs/vocabulary';
import { compileWorkflow, transitionInput } from '../workflow/compile';
import type { WorkflowData } from '../workflow/definition';
import type { WorkflowDefinition } from '../workflow/types';

export type { BeritaFacts, TingkatParaf } from '../../sop-defs/berita/vocabulary';

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
