import type { WorkflowDefinition } from '../plugins/sop/server/src/engine/types';
import { ROLE_KEYS, type RoleKey } from '../domain/roles';
import { BERITA } from './berita/workflow';
import { DISTRIBUSI } from './distribusi/workflow';
import { KRIPTOGRAM } from './kriptogram/workflow';
import { PENGADUAN } from './pengaduan/workflow';

/** Every SOP workflow Meja Sandi runs, by the `:model` of `/sop/:model/...`. */
export const WORKFLOWS: Readonly<Record<string, WorkflowDefinition>> = {
  berita: BERITA,
  distribusi: DISTRIBUSI,
  kriptogram: KRIPTOGRAM,
  pengaduan: PENGADUAN,
};

export const workflowFor = (model: string): WorkflowDefinition | undefined =>
  Object.prototype.hasOwnProperty.call(WORKFLOWS, model) ? WORKFLOWS[model] : undefined;

/**
 * The roles whose users an actor holding `roles` may list (`GET /sop/pengguna`): those a
 * step this actor takes asks for in a `pengguna` field (its `peran`) — the Kasi assigns a
 * `caraka` or a `sandiman`. Read from the definitions, so a new assignment step needs no
 * second list. Returns an empty set for everyone else (need to know: staff lists are not for all).
 */
export const rolesListableBy = (roles: readonly RoleKey[]): Set<RoleKey> => {
  const listable = new Set<RoleKey>();
  for (const definition of Object.values(WORKFLOWS)) {
    for (const transition of definition.transitions) {
      if (!transition.roles.some((role) => roles.includes(role))) continue;
      for (const field of transition.fields ?? []) {
        if (field.type === 'pengguna' && field.peran !== undefined && (ROLE_KEYS as readonly string[]).includes(field.peran)) {
          listable.add(field.peran as RoleKey);
        }
      }
    }
  }
  return listable;
};
