import * as React from 'react';
import type { FieldKonteks, FieldProps, FieldSpec, FieldType } from '../types';
import { BerkasField } from './BerkasField';
import { ChecklistField } from './ChecklistField';
import { PenggunaField } from './PenggunaField';
import { SalinanField } from './SalinanField';
import { TeksField } from './TeksField';
import { TeksPanjangField } from './TeksPanjangField';
import { WaktuField } from './WaktuField';

/** One editor per FieldType; a new type fails to compile until it has one. */
const EDITORS = {
  teks: TeksField,
  teksPanjang: TeksPanjangField,
  waktu: WaktuField,
  pengguna: PenggunaField,
  berkas: BerkasField,
  checklist: ChecklistField,
  salinan: SalinanField,
} satisfies Record<FieldType, unknown>;

/** The editor of one step input, chosen by its type (never by its name). */
export const FieldEditor = ({
  field,
  value,
  onChange,
  konteks,
}: {
  field: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  konteks: FieldKonteks;
}) => {
  // an unknown type from a newer server: a plain text box rather than nothing
  const Editor = (Object.prototype.hasOwnProperty.call(EDITORS, field.type) ? EDITORS[field.type] : TeksField) as React.ComponentType<FieldProps<unknown>>;
  return <Editor field={field} value={value} onChange={onChange} konteks={konteks} />;
};
