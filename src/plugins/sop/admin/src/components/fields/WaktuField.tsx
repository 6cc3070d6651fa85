import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import type { FieldProps } from '../types';

/**
 * A moment (`waktu`): typed in the browser's local time, sent as ISO 8601 with its offset
 * (UTC), which the server reads in WIB.
 */
export const WaktuField = ({ field, onChange }: FieldProps<string>) => {
  const [raw, setRaw] = React.useState('');
  return (
    <Field.Root name={field.name} required={field.wajib} hint={field.bantuan}>
      <Field.Label>{field.label}</Field.Label>
      <TextInput
        type="datetime-local"
        value={raw}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
          setRaw(event.target.value);
          const moment = event.target.value ? new Date(event.target.value) : null;
          onChange(moment && !Number.isNaN(moment.getTime()) ? moment.toISOString() : undefined);
        }}
      />
      <Field.Hint />
    </Field.Root>
  );
};
