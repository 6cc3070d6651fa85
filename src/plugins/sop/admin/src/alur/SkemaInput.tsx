import {
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  IconButton,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { Plus, Trash } from '@strapi/icons';
import { jenisSkema, nilaiAwal, removeAt, replaceAt } from './definisi';
import { JsonField } from './JsonField';
import type { JsonSchema } from './types';

type Props = {
  /** the input's name (dotted path, e.g. `params.tanda.0.fakta`) */
  name: string;
  label: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (value: unknown) => void;
};

const asRecord = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The fields of an object schema, one input per property (optional ones left out when empty). */
export const SkemaObjek = ({ name, schema, value, onChange }: Omit<Props, 'label' | 'required'>) => {
  const record = asRecord(value);
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {Object.entries(schema.properties ?? {}).map(([key, property]) => (
        <SkemaInput
          key={key}
          name={`${name}.${key}`}
          label={property.title ?? key}
          schema={property}
          required={schema.required?.includes(key) ?? false}
          value={record[key]}
          onChange={(inner) => {
            const next = { ...record };
            if (inner === undefined || inner === '') delete next[key];
            else next[key] = inner;
            onChange(next);
          }}
        />
      ))}
    </Flex>
  );
};

const SkemaDaftar = ({ name, label, schema, value, onChange }: Omit<Props, 'required'>) => {
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? {};
  const blank = (): unknown => (jenisSkema(itemSchema) === 'object' ? (nilaiAwal(itemSchema) ?? {}) : '');
  return (
    <Box padding={3} hasRadius borderColor="neutral200">
      <Typography variant="sigma">{label}</Typography>
      <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
        {items.map((item, index) => (
          <Flex key={index} gap={2} alignItems="flex-start">
            <Box flex="1">
              <SkemaInput
                name={`${name}.${index}`}
                label={`${label} ${index + 1}`}
                schema={itemSchema}
                required
                value={item}
                onChange={(inner) => onChange(replaceAt(items, index, inner))}
              />
            </Box>
            <IconButton label={`Hapus ${label} ${index + 1}`} variant="ghost" onClick={() => onChange(removeAt(items, index))}>
              <Trash />
            </IconButton>
          </Flex>
        ))}
        <Box>
          <Button variant="tertiary" size="S" startIcon={<Plus />} onClick={() => onChange([...items, blank()])}>
            Tambah {label.toLowerCase()}
          </Button>
        </Box>
      </Flex>
    </Box>
  );
};

/**
 * One input generated from a JSON Schema node (the params of a guard or effect, as the server's
 * zod schemas describe them): text, number, yes/no, a choice, a list (of anything the form
 * renders), an object's fields; a union or a free object falls back to JSON text.
 */
export const SkemaInput = ({ name, label, schema, required, value, onChange }: Props) => {
  const hint = schema.description;
  switch (jenisSkema(schema)) {
    case 'string':
      return (
        <Field.Root name={name} required={required} hint={hint}>
          <Field.Label>{label}</Field.Label>
          <TextInput
            name={name}
            value={typeof value === 'string' ? value : ''}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
          />
          <Field.Hint />
        </Field.Root>
      );
    case 'number':
      return (
        <Field.Root name={name} required={required} hint={hint}>
          <Field.Label>{label}</Field.Label>
          <NumberInput name={name} value={typeof value === 'number' ? value : undefined} onValueChange={(next) => onChange(next)} />
          <Field.Hint />
        </Field.Root>
      );
    case 'boolean':
      return (
        <Checkbox name={name} checked={value === true} onCheckedChange={(checked) => onChange(checked === true)}>
          {label}
        </Checkbox>
      );
    case 'enum':
      return (
        <Field.Root name={name} required={required} hint={hint}>
          <Field.Label>{label}</Field.Label>
          <SingleSelect
            name={name}
            value={value === undefined ? undefined : String(value)}
            onChange={(next) => onChange(schema.enum?.find((option) => String(option) === String(next)))}
            placeholder="Pilih…"
          >
            {(schema.enum ?? []).map((option) => (
              <SingleSelectOption key={String(option)} value={String(option)}>
                {String(option)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
      );
    case 'array':
      return <SkemaDaftar name={name} label={label} schema={schema} value={value} onChange={onChange} />;
    case 'object':
      return (
        <Box padding={3} hasRadius borderColor="neutral200">
          <Typography variant="sigma">{label}</Typography>
          <Box paddingTop={2}>
            <SkemaObjek name={name} schema={schema} value={value} onChange={onChange} />
          </Box>
        </Box>
      );
    default:
      return <JsonField name={name} label={label} hint={hint} value={value} onChange={onChange} />;
  }
};
