import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import type { FieldProps } from '../types';

/** A one-line text (`teks`). */
export const TeksField = ({ field, value, onChange }: FieldProps<string>) => (
  <Field.Root name={field.name} required={field.wajib} hint={field.bantuan}>
    <Field.Label>{field.label}</Field.Label>
    <TextInput value={value ?? ''} maxLength={field.maks} onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)} />
    <Field.Hint />
  </Field.Root>
);
