import type { GateHooks } from '../../plugins/sop/server/src/index';
import { kriptogramEditorRule } from './workflow';

/**
 * A kriptogram changes only by the Kasi, its registering Sandiman before assignment, the
 * assigned Sandiman after (kriptogramEditorRule); a request with no panel user is refused.
 */
export const KRIPTOGRAM_GATE: GateHooks = {
  editorRule: (writer, current) => {
    const createdBy = current.createdBy as { id?: number } | number | null | undefined;
    const pencatat = typeof createdBy === 'number' ? createdBy : (createdBy?.id ?? null);
    return writer.actor
      ? kriptogramEditorRule({ sandiman: (current.sandimanId as number | null) ?? null, pencatat }, writer.actor)
      : 'Kriptogram hanya dapat diubah oleh Sandiman yang berwenang atau Kasi melalui panel admin.';
  },
};
