import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * Reads shared by the work after a step's commit (issue 14): the step's notification and the
 * record view the step answers with ask for the same record and the same role holders. Inside
 * one `withSharedReads` scope, once `openSharedReads` has been called (after the commit, so
 * nothing read inside the transaction is reused), each such read runs once.
 */

type Scope = { open: boolean; reads: Map<string, Promise<unknown>> };

const scopes = new AsyncLocalStorage<Scope>();

/** Runs `work` in a fresh scope of shared reads, closed until {@link openSharedReads}; returns what `work` returns. */
export const withSharedReads = <T>(work: () => Promise<T>): Promise<T> => scopes.run({ open: false, reads: new Map() }, work);

/** Opens the current scope (no-op outside one): called once the step has committed. */
export const openSharedReads = (): void => {
  const scope = scopes.getStore();
  if (scope) scope.open = true;
};

/**
 * The result of `read` under `key`: read once per open scope and shared by every caller with the
 * same key (a failed read is forgotten, so the next caller reads again); outside an open scope,
 * simply `read()`. Callers must not change what they get.
 */
export const sharedRead = <T>(key: string, read: () => Promise<T>): Promise<T> => {
  const scope = scopes.getStore();
  if (!scope?.open) return read();
  const known = scope.reads.get(key);
  if (known) return known as Promise<T>;
  const pending = read();
  scope.reads.set(key, pending);
  pending.catch(() => scope.reads.delete(key));
  return pending;
};
