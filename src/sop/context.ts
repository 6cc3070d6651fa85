import { AsyncLocalStorage } from 'async_hooks';

type TransitionScope = { model: string; documentId: string };

const scope = new AsyncLocalStorage<TransitionScope>();

/** Runs `work` as the transition service: the workflow gate lets its writes through. */
export const runAsTransition = <T>(current: TransitionScope, work: () => Promise<T>): Promise<T> => scope.run(current, work);

export const currentTransition = (): TransitionScope | undefined => scope.getStore();
