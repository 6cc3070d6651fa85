import definition from './definition.json';
import { PENGADUAN_VOCABULARY } from './vocabulary';
import { vocabularyFor } from '../vocabulary';
import { compileWorkflow, transitionInput } from '../../plugins/sop/server/src/engine/index';
import type { WorkflowData, WorkflowDefinition } from '../../plugins/sop/server/src/engine/index';

export type { TahapPengaduan } from './vocabulary';

/** Pengaduan langsung in the service standard, as data (src/sop-defs/pengaduan/definition.json). */
export const PENGADUAN_DEFINITION = definition as unknown as WorkflowData;

/**
 * Pengaduan langsung in the service standard: the petugas responds until there is a
 * solution; what the petugas cannot resolve goes to the Pejabat Pengaduan, who
 * resolves it. Every step refreshes the deadline that now applies.
 */
export const PENGADUAN: WorkflowDefinition = compileWorkflow(PENGADUAN_DEFINITION, vocabularyFor(PENGADUAN_VOCABULARY));

/** The complaint's states and their labels. */
export const PENGADUAN_STATES = PENGADUAN.states;

/** The response that closes a complaint (to the complainant). */
export const tanggapanInput = transitionInput<{ tanggapan: string }>(PENGADUAN, 'diproses', 'selesai');
