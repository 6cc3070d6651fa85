import * as React from 'react';
import type { BuiltinFieldType, FieldKonteks, FieldProps, FieldSpec } from '../types';
import { BerkasField } from './BerkasField';
import { ChecklistField } from './ChecklistField';
import { PenggunaField } from './PenggunaField';
import { TeksField } from './TeksField';
import { TeksPanjangField } from './TeksPanjangField';
import { WaktuField } from './WaktuField';

/** One editor per built-in field type; a new built-in type fails to compile until it has one. */
const EDITORS = {
  teks: TeksField,
  teksPanjang: TeksPanjangField,
  waktu: WaktuField,
  pengguna: PenggunaField,
  berkas: BerkasField,
  checklist: ChecklistField,
} satisfies Record<BuiltinFieldType, unknown>;

const added = new Map<string, React.ComponentType<FieldProps<unknown>>>();

/** Registers the editor of a field type an app adds to the vocabulary (the plugin's `addFieldEditor` API). */
export const addFieldEditor = <V,>(type: string, editor: React.ComponentType<FieldProps<V>>): void => {
  added.set(type, editor as React.ComponentType<FieldProps<unknown>>);
};

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
  const Editor = (
    Object.prototype.hasOwnProperty.call(EDITORS, field.type) ? EDITORS[field.type as BuiltinFieldType] : (added.get(field.type) ?? TeksField)
  ) as React.ComponentType<FieldProps<unknown>>;
  return <Editor field={field} value={value} onChange={onChange} konteks={konteks} />;
};
