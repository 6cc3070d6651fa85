import type { WorkflowDefinition } from '../workflow/types';
import { BERITA } from './berita';
import { DISTRIBUSI } from './distribusi';
import { KRIPTOGRAM } from './kriptogram';
import { PENGADUAN } from './pengaduan';

/** Every SOP workflow Meja Sandi runs, by the `:model` of `/sop/:model/...`. */
export const WORKFLOWS: Readonly<Record<string, WorkflowDefinition>> = {
  berita: BERITA,
  distribusi: DISTRIBUSI,
  kriptogram: KRIPTOGRAM,
  pengaduan: PENGADUAN,
};

export const workflowFor = (model: string): WorkflowDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(WORKFLOWS, model) ? WORKFLOWS[model] : undefined;
