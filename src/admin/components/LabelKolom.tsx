import * as React from 'react';
import { Flex, Typography } from '@strapi/design-system';
import { enumLabel, enumValueLabels } from '../../domain/labels';
import berita from '../../sop-defs/berita/definition.json';
import distribusi from '../../sop-defs/distribusi/definition.json';
import kriptogram from '../../sop-defs/kriptogram/definition.json';
import pengaduan from '../../sop-defs/pengaduan/definition.json';
import { definitionFor, formatWaktu, useDefinitions } from '../../plugins/sop/admin/src/index';

type Header = {
  name: string;
  attribute?: { type?: string };
  cellFormatter?: (row: Record<string, unknown>) => React.ReactNode;
  [key: string]: unknown;
};
type HookArgs = { displayedHeaders: Header[]; layout: unknown };

/** The content type of the list on screen, from the URL (`…/collection-types/api::berita.berita`). */
const currentUid = (): string | undefined => /\/collection-types\/([^/?#]+)/.exec(window.location.pathname)?.[1];

/** The SOP state field: its label comes from the record's own workflow, the others from src/domain/labels.ts. */
const TAHAP = 'tahap';

const Tahap = ({ uid, value }: { uid: string; value: string }) => {
  const definitions = useDefinitions();
  const label = definitions ? definitionFor(definitions, uid)?.tahap.find((state) => state.key === value)?.label : undefined;
  return <Typography textColor="neutral800">{label ?? value}</Typography>;
};

const DISTRIBUSI = 'api::distribusi.distribusi';

/**
 * A copy's first cell on its own says what to deliver, where and for which letter — on a phone
 * the list shows little more than its first column: the recipient, then the address, then the
 * channel's label, the letter's agenda number and subject (what the reader's grant returned).
 */
const KartuSalinan = ({ row }: { row: Record<string, unknown> }) => {
  const text = (field: string): string => (typeof row[field] === 'string' ? String(row[field]) : '');
  const surat = [text('saluran') ? enumLabel('saluran', text('saluran')) : '', text('nomorAgendaSurat'), text('perihalSurat')].filter(Boolean);
  return (
    <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1} paddingBottom={1} style={{ whiteSpace: 'normal', maxWidth: '22rem' }}>
      <Typography fontWeight="bold" textColor="neutral800">
        {text('tujuan') || '-'}
      </Typography>
      {text('alamat') ? (
        <Typography variant="pi" textColor="neutral700">
          {text('alamat')}
        </Typography>
      ) : null}
      {surat.length > 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {surat.join(' · ')}
        </Typography>
      ) : null}
    </Flex>
  );
};

/**
 * Every enumeration column of a content-manager list (tahap, sifat, derajat, kategori, saluran,
 * jenis…) shows its Indonesian label instead of the stored key. A hook of
 * `Admin/CM/pages/ListView/inject-column-in-table`: it only wraps existing columns in a cell
 * formatter; sorting and filtering still run on the stored value. Every date-time column
 * (tenggat, waktuDiterima, waktuAgenda…) shows its moment in WIB, labelled "WIB". On the distribusi list the
 * recipient's cell becomes the copy's summary (`KartuSalinan`).
 */
export const labelEnumerationColumns = ({ displayedHeaders, layout }: HookArgs): HookArgs => {
  const uid = currentUid();
  if (!uid) return { displayedHeaders, layout };
  return {
    layout,
    displayedHeaders: displayedHeaders.map((header) => {
      if (uid === DISTRIBUSI && header.name === 'tujuan' && !header.cellFormatter) {
        return { ...header, cellFormatter: (row: Record<string, unknown>) => <KartuSalinan row={row} /> };
      }
      if (header.attribute?.type === 'datetime' && !header.cellFormatter) {
        // tenggat, waktuDiterima, waktuAgenda, createdAt…: in WIB and labelled so, whatever the browser's zone
        const field = header.name;
        return {
          ...header,
          cellFormatter: (row: Record<string, unknown>) => {
            const value = row[field];
            return <Typography textColor="neutral800">{typeof value === 'string' && value !== '' ? formatWaktu(value) : '-'}</Typography>;
          },
        };
      }
      if (header.attribute?.type !== 'enumeration' || header.cellFormatter) return header;
      const field = header.name;
      return {
        ...header,
        cellFormatter: (row: Record<string, unknown>) => {
          const value = row[field];
          if (typeof value !== 'string' || value === '') return <Typography textColor="neutral800">-</Typography>;
          return field === TAHAP ? <Tahap uid={uid} value={value} /> : <Typography textColor="neutral800">{enumLabel(field, value)}</Typography>;
        },
      };
    }),
  };
};

const stateLabels = (definition: { states: { key: string; label: string }[] }): [string, string][] =>
  definition.states.map((state) => [state.key, state.label]);

/**
 * Message ids for Strapi's content-manager form and filter, which label an enumeration option
 * by the translation whose id is the stored value (EnumerationInput, ListView Filters). One label
 * per value, so `diterima` — a state of four workflows with four labels — reads plain "Diterima".
 */
export const ENUMERATION_TRANSLATIONS: Record<string, string> = enumValueLabels([berita, kriptogram, distribusi, pengaduan].flatMap(stateLabels), {
  diterima: 'Diterima',
});
