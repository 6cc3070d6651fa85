import type { Actor, Decision, Perwakilan, RecordFacts, Refusal, Transition, WorkflowDefinition } from './types';

export type TransitionRequest = {
  ke: string;
  catatan?: string | null;
  data?: unknown;
};

const stateLabel = (definition: WorkflowDefinition, key: string): string => definition.states.find((state) => state.key === key)?.label ?? key;

/**
 * Longest `catatan` a step accepts (characters): it is kept in the audit trail and, on a
 * void or a send-back, shown on the record, whose `catatan` columns hold 2000 on both databases.
 */
export const CATATAN_MAX = 2000;

/** Every transition leaving `tahap`. */
export const transitionsFrom = (definition: WorkflowDefinition, tahap: string): Transition<unknown>[] =>
  definition.transitions.filter((candidate) => candidate.from.includes(tahap));

export const findTransition = (definition: WorkflowDefinition, tahap: string, ke: string): Transition<unknown> | undefined =>
  transitionsFrom(definition, tahap).find((candidate) => candidate.to === ke);

export const mayAct = (transition: Transition<unknown>, actor: Actor): boolean => transition.roles.some((role) => actor.roles.includes(role));

/**
 * The mandate under which this actor does something `allowed` decides on: null when their own
 * roles suffice (or they hold no mandate, or none makes it allowed), else the first acting-official
 * mandate (Plh / Plt) whose role, added to their own, allows it. Steps (`actingFor`) and
 * corrections use it, so both record "Plh. <jabatan>" alike.
 */
export const actingForRule = (allowed: (actor: Actor) => boolean, actor: Actor): Perwakilan | null => {
  const mewakili = actor.mewakili ?? [];
  if (mewakili.length === 0) return null;
  const own: Actor = { ...actor, roles: actor.roles.filter((role) => !mewakili.some((mandate) => mandate.peran === role)), mewakili: [] };
  if (allowed(own)) return null;
  return mewakili.find((mandate) => allowed({ ...own, roles: [...own.roles, mandate.peran] as Actor['roles'], mewakili: [mandate] })) ?? null;
};

/**
 * The mandate under which this actor takes this step: null when one of their own roles allows
 * it, else the acting-official mandate (Plh / Plt) whose role the step names. Distinct-people
 * rules still compare the actor's own user id, so a deputy who gave one paraf may not give another.
 */
export const actingFor = (transition: Transition<unknown>, actor: Actor): Perwakilan | null =>
  actingForRule((candidate) => mayAct(transition, candidate), actor);

/** `Plh.` or `Plt.`: the prefix of an acting official's position (Permendagri 1/2023). */
export const AWALAN_JABATAN: Readonly<Record<Perwakilan['jenis'], string>> = { plh: 'Plh.', plt: 'Plt.' };

/**
 * Whether this actor may take this step on this record, before input and guards: one of
 * its roles, and every actor rule (e.g. only the assigned Sandiman) passes. Used for the
 * `aksi` list, the queue and who is told by e-mail.
 */
export const mayActOn = (transition: Transition<unknown>, record: RecordFacts, actor: Actor, now: Date): boolean =>
  mayAct(transition, actor) && (transition.actorRules ?? []).every((rule) => rule({ record, input: undefined, actor, now }) === null);

/**
 * The pure heart of every SOP: may this actor move this record to `ke` now, with
 * this input? Returns the next state and the effects to carry out, or why not.
 * Checks run in the order the API reports them: state (409), role (403), input (400), guards (409).
 */
export const decide = (
  definition: WorkflowDefinition,
  record: RecordFacts,
  request: TransitionRequest,
  actor: Actor,
  now: Date
): Decision | Refusal => {
  if (!definition.states.some((state) => state.key === request.ke)) {
    return { ok: false, reason: 'input', message: `Tahap tujuan "${request.ke}" tidak dikenal.`, issues: [{ path: 'ke', message: 'tidak dikenal' }] };
  }
  const transition = findTransition(definition, record.tahap, request.ke);
  if (!transition) {
    return {
      ok: false,
      reason: 'tahap',
      message: `Tidak dapat berpindah dari "${stateLabel(definition, record.tahap)}" ke "${stateLabel(definition, request.ke)}".`,
    };
  }
  if (!mayAct(transition, actor)) {
    return {
      ok: false,
      reason: 'peran',
      message: `Peran Anda tidak berwenang untuk langkah "${transition.label}".`,
    };
  }

  for (const rule of transition.actorRules ?? []) {
    const problem = rule({ record, input: undefined, actor, now });
    if (problem !== null) return { ok: false, reason: 'peran', message: problem };
  }

  const catatan = typeof request.catatan === 'string' && request.catatan.trim() !== '' ? request.catatan.trim() : null;
  if (transition.catatan === 'wajib' && catatan === null) {
    return { ok: false, reason: 'input', message: 'Catatan wajib diisi untuk langkah ini.', issues: [{ path: 'catatan', message: 'wajib diisi' }] };
  }
  if (catatan !== null && catatan.length > CATATAN_MAX) {
    return {
      ok: false,
      reason: 'input',
      message: `Catatan paling banyak ${CATATAN_MAX} karakter.`,
      issues: [{ path: 'catatan', message: `paling banyak ${CATATAN_MAX} karakter` }],
    };
  }

  let input: unknown = undefined;
  if (transition.input) {
    const parsed = transition.input.safeParse(request.data ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: ['data', ...issue.path.map(String)].join('.'),
        message: issue.message,
      }));
      return {
        ok: false,
        reason: 'input',
        message: `Data untuk langkah "${transition.label}" tidak lengkap atau tidak sah: ${issues.map((i) => `${i.path} (${i.message})`).join('; ')}.`,
        issues,
      };
    }
    input = parsed.data;
  } else if (
    request.data !== undefined &&
    request.data !== null &&
    !(typeof request.data === 'object' && Object.keys(request.data as object).length === 0)
  ) {
    return {
      ok: false,
      reason: 'input',
      message: `Langkah "${transition.label}" tidak menerima data.`,
      issues: [{ path: 'data', message: 'tidak diharapkan' }],
    };
  }

  const context = { record, input, actor, now };
  for (const rule of transition.inputRules ?? []) {
    const problem = rule(context);
    if (problem !== null) return { ok: false, reason: 'input', message: problem, issues: [{ path: 'data', message: problem }] };
  }
  for (const guard of transition.guards ?? []) {
    const reason = guard(context);
    if (reason !== null) return { ok: false, reason: 'syarat', message: reason };
  }

  return {
    ok: true,
    from: record.tahap,
    to: transition.to,
    transition,
    input,
    catatan,
    effects: transition.effects?.(context) ?? [],
  };
};

/** The moves this actor may offer now (buttons in the admin panel), before input and guards. */
export const availableActions = (
  definition: WorkflowDefinition,
  record: RecordFacts,
  actor: Actor,
  now: Date = new Date()
): { ke: string; label: string; transition: Transition<unknown> }[] =>
  transitionsFrom(definition, record.tahap)
    .filter((candidate) => mayActOn(candidate, record, actor, now))
    .map((candidate) => ({ ke: candidate.to, label: candidate.label, transition: candidate }));

/**
 * The roles whose users an actor holding `roles` may list (`GET /sop/pengguna`): those a
 * step this actor takes asks for in a `pengguna` field (its `peran`) — the Kasi assigns a
 * `caraka` or a `sandiman`. Read from the definitions, so a new assignment step needs no
 * second list; `known` (the app's role keys) drops a role nobody registered. Empty for
 * everyone else (need to know: staff lists are not for all).
 */
export const rolesListableBy = (definitions: readonly WorkflowDefinition[], roles: readonly string[], known?: readonly string[]): Set<string> => {
  const listable = new Set<string>();
  for (const definition of definitions) {
    for (const transition of definition.transitions) {
      if (!transition.roles.some((role) => roles.includes(role))) continue;
      for (const field of transition.fields ?? []) {
        if (field.type === 'pengguna' && field.peran !== undefined && (!known || known.includes(field.peran))) listable.add(field.peran);
      }
    }
  }
  return listable;
};

/**
 * The moves this actor is offered now: `availableActions` whose guards over the record's facts
 * (`factGuards`: e.g. every copy delivered, every paraf given) pass, so neither the record view's
 * `aksi` nor "Antrian saya" offers a step the server would refuse for the record's state. Guards
 * on the input are left to `decide`, which checks everything again.
 */
export const offeredActions = (
  definition: WorkflowDefinition,
  record: RecordFacts,
  actor: Actor,
  now: Date = new Date()
): { ke: string; label: string; transition: Transition<unknown> }[] =>
  availableActions(definition, record, actor, now).filter(({ transition }) =>
    (transition.factGuards ?? []).every((guard) => guard({ record, input: undefined, actor, now }) === null)
  );
