import { AsyncLocalStorage } from 'async_hooks';

type TransitionScope = { model: string; documentId: string };

const scope = new AsyncLocalStorage<TransitionScope>();

/** Runs `work` as the transition service: the workflow gate lets its writes through. */
export const runAsTransition = <T>(current: TransitionScope, work: () => Promise<T>): Promise<T> => scope.run(current, work);

export const currentTransition = (): TransitionScope | undefined => scope.getStore();

const intake = new AsyncLocalStorage<true>();

/** Runs `work` as the mailbox intake: the workflow gate lets it set the fields a GovernedType lists as `intakeOwned`. */
export const runAsIntake = <T>(work: () => Promise<T>): Promise<T> => intake.run(true, work);

export const currentIntake = (): boolean => intake.getStore() === true;
