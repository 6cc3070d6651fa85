import * as React from 'react';
import { Badge } from '@strapi/design-system';
import { SOP_MODELS } from './SopPanel';

const FINAL_STATES = new Set(['diarsipkan', 'batal', 'selesai', 'ditolak']);

type Header = { name: string; label: unknown; attribute: { type: string }; searchable?: boolean; sortable?: boolean; cellFormatter?: (row: Record<string, unknown>) => React.ReactNode };
type HookArgs = { displayedHeaders: Header[]; layout: unknown };

const currentModel = (): string | undefined => Object.keys(SOP_MODELS).find((uid) => window.location.pathname.includes(`/${uid}`));

/** A "Status tenggat" column in the list view of SOP records: overdue ones are marked. */
export const injectTenggatColumn = ({ displayedHeaders, layout }: HookArgs): HookArgs => {
  if (!currentModel()) return { displayedHeaders, layout };
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
        cellFormatter: (row) => {
          const tenggat = typeof row.tenggat === 'string' ? new Date(row.tenggat) : null;
          if (!tenggat || FINAL_STATES.has(String(row.tahap))) return <Badge>—</Badge>;
          return tenggat.getTime() < Date.now() ? (
            <Badge backgroundColor="danger100" textColor="danger700">
              Terlambat
            </Badge>
          ) : (
            <Badge backgroundColor="success100" textColor="success700">
              Tepat waktu
            </Badge>
          );
        },
      },
    ],
  };
};
