import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

/** A labelled single choice over `pilihan`; `kosong` adds a first option meaning "none" (sent as undefined). */
export const Pilih = ({
  name,
  label,
  pilihan,
  value,
  kosong,
  onChange,
}: {
  name: string;
  label: string;
  pilihan: { value: string; label: string }[];
  value: string | undefined;
  kosong?: string;
  onChange: (value: string | undefined) => void;
}) => (
  <Field.Root name={name}>
    <Field.Label>{label}</Field.Label>
    <SingleSelect
      name={name}
      value={value ?? (kosong ? '' : undefined)}
      onChange={(next) => onChange(next === '' ? undefined : String(next))}
      placeholder={kosong === undefined ? 'Pilih…' : undefined}
    >
      {kosong !== undefined && <SingleSelectOption value="">{kosong}</SingleSelectOption>}
      {pilihan.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </Field.Root>
);
