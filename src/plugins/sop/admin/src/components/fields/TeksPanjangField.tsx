import * as React from 'react';
import { Field, Textarea } from '@strapi/design-system';
import type { FieldProps } from '../types';

/** A longer text (`teksPanjang`), e.g. the answer to a complainant. */
export const TeksPanjangField = ({ field, value, onChange }: FieldProps<string>) => (
  <Field.Root name={field.name} required={field.wajib} hint={field.bantuan}>
    <Field.Label>{field.label}</Field.Label>
    <Textarea value={value ?? ''} maxLength={field.maks} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)} />
    <Field.Hint />
  </Field.Root>
);
