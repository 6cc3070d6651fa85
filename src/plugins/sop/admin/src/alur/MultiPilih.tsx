import { Field, MultiSelect, MultiSelectOption } from '@strapi/design-system';

/** A labelled multiple choice (tags) over `pilihan` (`value` → shown `label`). */
export const MultiPilih = ({
  name,
  label,
  pilihan,
  value,
  onChange,
}: {
  name: string;
  label: string;
  pilihan: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
}) => (
  <Field.Root name={name}>
    <Field.Label>{label}</Field.Label>
    <MultiSelect name={name} value={value} onChange={onChange} placeholder="Pilih…">
      {pilihan.map((option) => (
        <MultiSelectOption key={option.value} value={option.value}>
          {option.label}
        </MultiSelectOption>
      ))}
    </MultiSelect>
  </Field.Root>
);
