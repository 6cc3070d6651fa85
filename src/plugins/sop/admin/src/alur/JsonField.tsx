import * as React from 'react';
import { Field, Textarea } from '@strapi/design-system';

/**
 * A value the form cannot render field by field (a union such as "a fact or a number"), as JSON
 * text; the value changes once the text parses, and a parse error is shown under the field.
 */
export const JsonField = ({
  name,
  label,
  hint,
  value,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  value: unknown;
  onChange: (value: unknown) => void;
}) => {
  const [text, setText] = React.useState(() => (value === undefined ? '' : JSON.stringify(value)));
  const [galat, setGalat] = React.useState<string | undefined>(undefined);
  const change = (next: string) => {
    setText(next);
    if (next.trim() === '') {
      setGalat(undefined);
      onChange(undefined);
      return;
    }
    try {
      onChange(JSON.parse(next) as unknown);
      setGalat(undefined);
    } catch {
      setGalat('Bukan JSON yang sah, mis. {"fakta": "penerima"} atau "teks" atau 3.');
    }
  };
  return (
    <Field.Root name={name} hint={hint ?? 'Nilai JSON'} error={galat}>
      <Field.Label>{label}</Field.Label>
      <Textarea value={text} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => change(event.target.value)} />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
