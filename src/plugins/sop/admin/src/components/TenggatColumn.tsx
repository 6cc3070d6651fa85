import * as React from 'react';
import { Badge } from '@strapi/design-system';
import { getFetchClient } from '@strapi/strapi/admin';
import { cachedDefinitions, definitionFor, loadDefinitions } from './api';
import { useDefinitions } from './useDefinitions';
import type { Definisi } from './types';

type Header = {
  name: string;
  label: unknown;
  attribute: { type: string };
  searchable?: boolean;
  sortable?: boolean;
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
};
type HookArgs = { displayedHeaders: Header[]; layout: unknown };

/** The content type of the list on screen, from the URL (`…/collection-types/api::berita.berita`). */
const currentUid = (): string | undefined => /\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1];

const Tanpa = () => <Badge>—</Badge>;

/** One cell: overdue or on time, from the row's tenggat; "—" once the record reached a final state of its SOP. */
const StatusTenggat = ({ uid, row }: { uid: string; row: Record<string, unknown> }) => {
  const definitions = useDefinitions();
  const definition: Definisi | undefined = definitions ? definitionFor(definitions, uid) : undefined;
  if (!definition) return null;
  const tenggat = typeof row.tenggat === 'string' ? new Date(row.tenggat) : null;
  if (!tenggat || definition.akhir.includes(String(row.tahap))) return <Tanpa />;
  return tenggat.getTime() < Date.now() ? (
    <Badge backgroundColor="danger100" textColor="danger700">
      Terlambat
    </Badge>
  ) : (
    <Badge backgroundColor="success100" textColor="success700">
      Tepat waktu
    </Badge>
  );
};

/**
 * A "Status tenggat" column in the list view of every content type that runs an SOP (the
 * server's `GET /sop/definitions`, fetched once and cached). The hook runs synchronously: on
 * the very first list of a page load, before the definitions arrive, the column is added and
 * each cell waits for them (a list that turns out not to run an SOP shows empty cells).
 */
export const injectTenggatColumn = ({ displayedHeaders, layout }: HookArgs): HookArgs => {
  const uid = currentUid();
  if (!uid) return { displayedHeaders, layout };
  const definitions = cachedDefinitions();
  if (!definitions) loadDefinitions(getFetchClient().get).catch(() => undefined);
  else if (!definitionFor(definitions, uid)) return { displayedHeaders, layout };
  return {
    layout,
    displayedHeaders: [
      ...displayedHeaders,
      {
        name: 'statusTenggat',
        label: { id: 'meja-sandi.list.status-tenggat', defaultMessage: 'Status tenggat' },
        attribute: { type: 'custom' },
        searchable: false,
        sortable: false,
        cellFormatter: (row) => <StatusTenggat uid={uid} row={row} />,
      },
    ],
  };
};
