import { Field, TextInput } from '@strapi/design-system';

/** A labelled one-line text input; an emptied optional text is reported as undefined when `opsional`. */
export const Teks = ({
  name,
  label,
  value,
  hint,
  opsional,
  onChange,
}: {
  name: string;
  label: string;
  value: string | undefined;
  hint?: string;
  opsional?: boolean;
  onChange: (value: string | undefined) => void;
}) => (
  <Field.Root name={name} hint={hint}>
    <Field.Label>{label}</Field.Label>
    <TextInput
      name={name}
      value={value ?? ''}
      onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(opsional && event.target.value === '' ? undefined : event.target.value)}
    />
    {hint && <Field.Hint />}
  </Field.Root>
);
