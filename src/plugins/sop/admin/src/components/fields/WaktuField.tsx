import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import type { FieldProps } from '../types';

/** `2026-11-30T10:00` typed as WIB → the ISO 8601 instant, or undefined when incomplete. */
const dariWib = (value: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const moment = new Date(`${value}:00+07:00`);
  return Number.isNaN(moment.getTime()) ? undefined : moment.toISOString();
};

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
          onChange(dariWib(event.target.value));
        }}
      />
      <Field.Hint />
    </Field.Root>
  );
};
