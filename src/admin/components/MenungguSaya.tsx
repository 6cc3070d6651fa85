import * as React from 'react';
import { Button } from '@strapi/design-system';
import { useAuth, useQueryParams } from '@strapi/strapi/admin';
import { statesAwaiting, type LangkahPeran } from '../../domain/menunggu';
import { roleKeyOfName } from '../../domain/roles';
import { definitionFor, useDefinitions } from '../../plugins/sop/admin/src/index';

type Filters = { $and?: unknown[] } & Record<string, unknown>;
type Query = { filters?: Filters } & Record<string, unknown>;

/** The content type of the list on screen, from the URL (`…/collection-types/api::berita.berita`). */
const currentUid = (): string | undefined => /\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1];

/** The filter clause this button adds to the list query, recognised again by its shape. */
const clause = (states: readonly string[]) => ({ tahap: { $in: [...states] } });
const isClause = (entry: unknown): boolean => {
  const tahap = (entry as { tahap?: { $in?: unknown } } | null)?.tahap;
  return typeof tahap === 'object' && tahap !== null && Array.isArray(tahap.$in);
};

/** The lists whose user chose "every record" in this page load: they are not filtered again on return. */
const showAll = new Set<string>();

/**
 * "Menunggu saya" on a content-manager list of an SOP type (the `listView.actions` zone): the
 * list opens filtered on the states that wait for the user's roles (`statesAwaiting`) whenever it
 * is opened without a filter of its own, unless the user asked for every record earlier in this
 * page load; the button switches between the two. Strapi's filter bar shows no tag for an `$in` filter, so the button
 * itself says which states are shown. Nothing is filtered for a user whose roles wait nowhere
 * in the workflow (a Super Admin, a reader).
 */
export const MenungguSaya = () => {
  const uid = currentUid();
  const definitions = useDefinitions();
  const user = useAuth('MenungguSaya', (state) => state.user) as { roles?: { name: string }[] } | undefined;
  const [{ query }, setQuery] = useQueryParams<Query>();
  const definition = uid && definitions ? definitionFor(definitions, uid) : undefined;
  const roles = (user?.roles ?? []).map((role) => roleKeyOfName(role.name)).filter((key): key is NonNullable<typeof key> => Boolean(key));
  const transisi = (definition as unknown as { transisi?: LangkahPeran[] } | undefined)?.transisi ?? [];
  const states = statesAwaiting(transisi, roles);
  const others = (query.filters?.$and ?? []).filter((entry) => !isClause(entry));
  const active = (query.filters?.$and ?? []).some(isClause);
  const labels = states.map((key) => definition?.tahap.find((state) => state.key === key)?.label ?? key);

  const apply = (on: boolean, replace = false) => {
    if (uid && on) showAll.delete(uid);
    else if (uid) showAll.add(uid);
    setQuery({ filters: { $and: on ? [...others, clause(states)] : others }, page: 1 }, 'push', replace);
  };

  // once per mount (entering the list), as soon as the workflows and the user are known
  const applied = React.useRef(false);
  const ready = Boolean(uid && definition && states.length > 0);
  React.useEffect(() => {
    if (!ready || applied.current || !uid) return;
    applied.current = true;
    if (!query.filters && !showAll.has(uid)) apply(true, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready]);

  if (!uid || states.length === 0) return null;
  return (
    <Button
      variant={active ? 'secondary' : 'tertiary'}
      data-testid="menunggu-saya"
      title={active ? `Menampilkan tahap: ${labels.join(', ')}` : `Hanya tahap: ${labels.join(', ')}`}
      onClick={() => apply(!active)}
    >
      {active ? `Menunggu saya (${labels.join(', ')}) — tampilkan semua` : 'Tampilkan yang menunggu saya'}
    </Button>
  );
};
