import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { removeAt, replaceAt } from './definisi';
import { FieldSpecEditor } from './FieldSpecEditor';
import type { FieldSpecData, Kosakata } from './types';

/** The input fields of a step (the `data` its dialog asks for); none: the list is sent as absent. */
export const FieldSpecsEditor = ({
  name,
  value,
  kosakata,
  onChange,
}: {
  name: string;
  value: FieldSpecData[] | undefined;
  kosakata: Kosakata;
  onChange: (value: FieldSpecData[] | undefined) => void;
}) => {
  const fields = value ?? [];
  const set = (next: FieldSpecData[]) => onChange(next.length > 0 ? next : undefined);
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Typography variant="sigma">Isian</Typography>
      {fields.map((field, index) => (
        <FieldSpecEditor
          key={index}
          name={`${name}.${index}`}
          value={field}
          kosakata={kosakata}
          onChange={(next) => set(replaceAt(fields, index, next))}
          onRemove={() => set(removeAt(fields, index))}
        />
      ))}
      <Box>
        <Button
          variant="tertiary"
          size="S"
          startIcon={<Plus />}
          onClick={() => set([...fields, { name: `isian${fields.length + 1}`, type: 'teks', label: 'Isian baru', wajib: false }])}
        >
          Tambah isian
        </Button>
      </Box>
    </Flex>
  );
};
