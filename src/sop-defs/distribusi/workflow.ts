import definition from './definition.json';
import { DISTRIBUSI_VOCABULARY } from './vocabulary';
import { vocabularyFor } from '../vocabulary';
import { compileWorkflow, transitionInput } from '../../plugins/sop/server/src/engine/index';
import type { WorkflowData, WorkflowDefinition } from '../../plugins/sop/server/src/engine/index';

export { CLOCK_TOLERANCE_MS, DELIVERY_STATE, receiptWithinAssignment, type DistribusiFacts } from './vocabulary';

/** One copy to one recipient, as data (src/sop-defs/distribusi/definition.json). */
export const DISTRIBUSI_DEFINITION = definition as unknown as WorkflowData;

/** One copy to one recipient: delivered with a signed receipt, or failed and re-assigned. */
export const DISTRIBUSI: WorkflowDefinition = compileWorkflow(DISTRIBUSI_DEFINITION, vocabularyFor(DISTRIBUSI_VOCABULARY));

/** The receipt's data: who signed, when, the photo of the receipt. */
export const tandaTerimaInput = transitionInput<{ diterimaOleh: string; waktu?: string; bukti?: number }>(DISTRIBUSI, 'ditugaskan', 'diterima');

/** A failed copy's new Caraka. */
export const reassignInput = transitionInput<{ caraka: number }>(DISTRIBUSI, 'gagal', 'ditugaskan');
