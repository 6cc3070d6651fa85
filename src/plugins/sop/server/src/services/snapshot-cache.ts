import type { Core } from '@strapi/strapi';

/**
 * A process's short-lived copy of small, rarely written tables (issue 14): the hari-libur list,
 * the mandates (Plh / Plt), the holders of an SOP role. Each read would otherwise cost every SOP
 * step and every complaint a statement. Written through Strapi's query engine in this process (the
 * content manager, the document service, `strapi.db.query`), a watched table clears the copy at
 * once and again when the writing transaction ends; written by ANOTHER server process, it is seen
 * here at most `ttlMs` later — as an activated workflow version (ALUR_SYNC_MS). README "Scaling
 * out (issue 14)" says why that is acceptable for each use.
 */
export type SnapshotCache = {
  /** Subscribes to the watched tables' writes; call once per Strapi instance at register() or bootstrap(). */
  register(strapi: Core.Strapi): void;
  /**
   * The value under `key`: `read()` at most once per `ttlMs` per process (concurrent callers outside
   * a transaction share one read; a failed read is not kept). Inside a transaction `read` runs in it
   * — on its connection: a read on another one could wait for a pool the transactions hold — unless a
   * finished value is kept; it neither shares nor waits for a read in flight (that one may wait for a
   * connection the transaction holds), and is kept only while no transaction of this process has an
   * unfinished write to a watched table (then it equals the committed value). Callers must not change the value.
   */
  get<T>(strapi: Core.Strapi, key: string, read: () => Promise<T>): Promise<T>;
  /** Forgets every value of this cache in this process (a read in flight is not kept). */
  clear(strapi: Core.Strapi): void;
};

/** `belumSelesai`: transactions of this process that wrote a watched table and have not ended yet. */
type State = { values: Map<string, { value: Promise<unknown>; until: number }>; generasi: number; belumSelesai: number; registered: boolean };

const WRITE = /^(after|before)(Create|Update|Delete)(Many)?$/;

/**
 * A cache of values read from the tables `watch` names (content-type uids), kept `ttlMs` ms.
 * Returns the cache (see SnapshotCache); state is per Strapi instance.
 */
export const defineSnapshotCache = (options: { watch: readonly string[]; ttlMs: number }): SnapshotCache => {
  const states = new WeakMap<Core.Strapi, State>();
  const stateOf = (strapi: Core.Strapi): State => {
    let state = states.get(strapi);
    if (!state) states.set(strapi, (state = { values: new Map(), generasi: 0, belumSelesai: 0, registered: false }));
    return state;
  };
  const clear = (strapi: Core.Strapi): void => {
    const state = stateOf(strapi);
    state.generasi += 1;
    state.values.clear();
  };

  return {
    register(strapi) {
      const state = stateOf(strapi);
      if (state.registered) return;
      state.registered = true;
      strapi.db.lifecycles.subscribe((event: { model: { uid: string }; action: string }) => {
        if (!options.watch.includes(event.model.uid) || !WRITE.test(event.action)) return;
        clear(strapi);
        if (!strapi.db.inTransaction()) return;
        state.belumSelesai += 1;
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          state.belumSelesai -= 1;
          clear(strapi);
        };
        return strapi.db.transaction(({ onCommit, onRollback }) => {
          onCommit(end);
          onRollback(end);
        });
      });
    },

    async get<T>(strapi: Core.Strapi, key: string, read: () => Promise<T>): Promise<T> {
      const state = stateOf(strapi);
      const inTransaction = strapi.db.inTransaction();
      const known = state.values.get(key);
      // A read still in flight (until = ∞) is shared only outside transactions: it may be waiting for the
      // pool connection that this transaction, waiting for it, holds (session 8's review: the pool stalled).
      if (known && Date.now() < known.until && !(inTransaction && known.until === Number.POSITIVE_INFINITY)) return known.value as Promise<T>;
      const generasi = state.generasi;
      if (inTransaction) {
        const loaded = await read();
        if (state.belumSelesai === 0 && state.generasi === generasi)
          state.values.set(key, { value: Promise.resolve(loaded), until: Date.now() + options.ttlMs });
        return loaded;
      }
      const value = read();
      const entry = { value: value as Promise<unknown>, until: Number.POSITIVE_INFINITY }; // shared while in flight
      state.values.set(key, entry);
      try {
        const loaded = await value;
        // a write since this read started cleared the cache: do not keep what may predate it
        if (state.generasi === generasi && state.values.get(key) === entry) entry.until = Date.now() + options.ttlMs;
        return loaded;
      } catch (error: unknown) {
        if (state.values.get(key) === entry) state.values.delete(key);
        throw error;
      }
    },

    clear,
  };
};
