import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import type { FieldProps } from '../types';
import { dariWibLokal } from '../wib';

/**
 * A moment (`waktu`): typed in WIB whatever the browser's zone (the label says so), sent as
 * ISO 8601 (UTC).
 */
export const WaktuField = ({ field, onChange }: FieldProps<string>) => {
  const [raw, setRaw] = React.useState('');
  return (
    <Field.Root name={field.name} required={field.wajib} hint={field.bantuan}>
      <Field.Label>{`${field.label} (WIB)`}</Field.Label>
      <TextInput
        type="datetime-local"
        value={raw}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
          setRaw(event.target.value);
          onChange(dariWibLokal(event.target.value));
        }}
      />
      <Field.Hint />
    </Field.Root>
  );
};
