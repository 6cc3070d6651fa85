import type { z } from 'zod';
import definition from './definition.json';
import { KRIPTOGRAM_VOCABULARY, type KriptogramFacts, type salinanInput } from './vocabulary';
import { vocabularyFor } from '../vocabulary';
import { compileWorkflow, transitionInput } from '../../plugins/sop/server/src/engine/index';
import type { WorkflowData, Actor, WorkflowDefinition } from '../../plugins/sop/server/src/engine/index';

export { KLASIFIKASI, KLASIFIKASI_LABEL, needsDoubleEnvelope, salinanInput, type Klasifikasi, type KriptogramFacts } from './vocabulary';

type SalinanData = z.infer<typeof salinanInput>;

/**
 * Who may change a kriptogram's own fields (content manager or a correction step): the Kasi;
 * before a Sandiman is assigned, the Sandiman who registered it; afterwards only the assigned
 * Sandiman (issue 10 item 4, SOP "Penerimaan Naskah Dinas yang Dikecualikan" steps 1–4).
 * Takes the assignment facts and the actor; returns null when allowed, else the reason (403).
 */
export const kriptogramEditorRule = (record: Pick<KriptogramFacts, 'sandiman' | 'pencatat'>, actor: Actor): string | null => {
  if (actor.roles.includes('kasi')) return null;
  if (!actor.roles.includes('sandiman')) return 'Hanya Sandiman yang berwenang atau Kasi yang dapat mengubah kriptogram.';
  if (record.sandiman !== null) {
    return record.sandiman === actor.id ? null : 'Kriptogram ini hanya dapat diubah oleh Sandiman yang ditugaskan atau Kasi.';
  }
  return record.pencatat === actor.id ? null : 'Sebelum ada penugasan, kriptogram hanya dapat diubah oleh Sandiman yang mencatatnya atau Kasi.';
};

/** SOP "Penerimaan Naskah Dinas yang Dikecualikan", steps 1–9, as data (src/sop-defs/kriptogram/definition.json). */
export const KRIPTOGRAM_DEFINITION = definition as unknown as WorkflowData;

/** SOP "Penerimaan Naskah Dinas yang Dikecualikan", steps 1–9, compiled for `decide()`. */
export const KRIPTOGRAM: WorkflowDefinition = compileWorkflow(KRIPTOGRAM_DEFINITION, vocabularyFor(KRIPTOGRAM_VOCABULARY));

/** Step 4's data: the Sandiman assigned to describe. */
export const sandimanInput = transitionInput<{ sandiman: number }>(KRIPTOGRAM, 'dilaporkan', 'ditugaskan_deskripsi');
/** Step 5's data: the salinan. */
export const dideskripsiInput = transitionInput<{ salinan: SalinanData }>(KRIPTOGRAM, 'ditugaskan_deskripsi', 'dideskripsi');
/** Step 6's data: the salinan again when the Sandiman corrects it while initialling. */
export const parafSandimanInput = transitionInput<{ salinan?: SalinanData }>(KRIPTOGRAM, 'dideskripsi', 'diparaf_sandiman');
/** Step 8's data: stamp, sealed envelope, double envelope. */
export const checklistInput = transitionInput<{ checklist: { cap: true; amplop: true; amplopRangkap?: boolean } }>(
  KRIPTOGRAM,
  'ditandatangani_kasi',
  'dinomori'
);
