import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import type { FieldProps } from '../types';

/** An uploaded file (`berkas`), by its id in the Media Library. */
export const BerkasField = ({ field, value, onChange }: FieldProps<string>) => (
  <Field.Root name={field.name} required={field.wajib} hint={field.bantuan ?? 'ID berkas yang sudah diunggah di Pustaka Media.'}>
    <Field.Label>{field.label}</Field.Label>
    <TextInput
      inputMode="numeric"
      value={value ?? ''}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value.replace(/\D/g, ''))}
    />
    <Field.Hint />
  </Field.Root>
);
