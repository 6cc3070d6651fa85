/** One step of a workflow as `GET /sop/definitions` serves it (`transisi`): where from, what kind, by whom. */
export type LangkahPeran = { dari: readonly string[]; jenis: string; peran: readonly string[] };

/**
 * The states of a workflow that wait for one of `roles`: those a forward step (`jenis: 'maju'`)
 * leaves from whose first named role is one of them. The first role is the one the SOP gives
 * the step to; the others only stand in (the Kasi may record a delivery for the Caraka). So a
 * Kasi's berita waits at `diteruskan_ke_kasi` (paraf) and `diparaf_kadis` (assigning the
 * Caraka), a Caraka's copy at `ditugaskan`. Returns the states in the order the steps list them.
 */
export const statesAwaiting = (langkah: readonly LangkahPeran[], roles: readonly string[]): string[] => {
  const states = new Set<string>();
  for (const step of langkah) {
    if (step.jenis !== 'maju' || !roles.includes(step.peran[0] ?? '')) continue;
    for (const state of step.dari) states.add(state);
  }
  return [...states];
};
